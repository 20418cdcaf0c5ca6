// Where the dev server's and the worker's CPU goes: the events a link's history holds after the
// backfill, by kind, from a sample of links. Each workflow task and activity is a round trip to
// the server and (after an eviction) a replay in the worker, so these counts are the engine's cost.
import type { Client } from '@temporalio/client';
import proto from '@temporalio/proto';

const { EventType } = proto.temporal.api.enums.v1;

type Kind = 'workflowTasks' | 'activities' | 'localActivities' | 'signals' | 'upserts';

export interface HistoryCost {
  sampled: number;
  /** Means per link, over the sample: every event, and those of each kind. */
  perLink: Record<'events' | Kind, number>;
}

/** The event that stands for each kind (upserts: search attributes and memos). */
const kindOf = new Map<number, Kind>([
  [EventType.EVENT_TYPE_WORKFLOW_TASK_SCHEDULED, 'workflowTasks'],
  [EventType.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED, 'activities'],
  [EventType.EVENT_TYPE_MARKER_RECORDED, 'localActivities'],
  [EventType.EVENT_TYPE_WORKFLOW_EXECUTION_SIGNALED, 'signals'],
  [EventType.EVENT_TYPE_UPSERT_WORKFLOW_SEARCH_ATTRIBUTES, 'upserts'],
  [EventType.EVENT_TYPE_WORKFLOW_PROPERTIES_MODIFIED, 'upserts'],
]);

const SAMPLE = 100;

export async function measureHistories(client: Client): Promise<HistoryCost> {
  const all: string[] = [];
  for await (const execution of client.workflow.list({ query: "WorkflowType = 'linkWorkflow'" })) {
    all.push(execution.workflowId);
  }
  // Spread over the whole list, which comes newest first: every flow and every kind of link.
  const step = Math.max(1, all.length / SAMPLE);
  const ids = Array.from({ length: Math.min(SAMPLE, all.length) }, (_, i) => all[Math.floor(i * step)]!);
  const totals: HistoryCost['perLink'] = {
    events: 0,
    workflowTasks: 0,
    activities: 0,
    localActivities: 0,
    signals: 0,
    upserts: 0,
  };
  for (const id of ids) {
    const history = await client.workflow.getHandle(id).fetchHistory();
    for (const event of history.events ?? []) {
      totals.events += 1;
      const kind = event.eventType == null ? undefined : kindOf.get(event.eventType);
      if (kind) totals[kind] += 1;
    }
  }
  const mean = (value: number) => (ids.length === 0 ? 0 : Math.round((value / ids.length) * 10) / 10);
  return {
    sampled: ids.length,
    perLink: Object.fromEntries(
      Object.entries(totals).map(([key, value]) => [key, mean(value)]),
    ) as HistoryCost['perLink'],
  };
}
