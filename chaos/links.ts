// The links as Temporal's visibility shows them (no worker needed): flow, A id, B id and state of
// every running link workflow. Used to know which pairs are linked and to count links by state.
import type { Client } from '@temporalio/client';
import { linkWorkflowId } from '../src/ids.js';
import { SyncAId, SyncBId, SyncFlow, SyncLinkState } from '../src/searchAttributes.js';
import { getLinkStateQuery } from '../src/workflows/linkMessages.js';
import type { LinkSnapshot, LinkStatus } from '../src/workflows/linkState.js';

export interface LinkRow {
  workflowId: string;
  flow: string;
  aId: string;
  bId?: string;
  /** `unpublished` until the link first sets its search attribute. */
  state: LinkStatus | 'unpublished';
}

export const linkStates: readonly LinkStatus[] = [
  'new',
  'waiting-for-dependency',
  'waiting-for-parent',
  'linked',
  'needs-attention',
  'source-missing',
  'target-missing',
  'not-applicable',
];

/** Every running link, by flow and A id. */
export async function listLinks(client: Client, extra = ''): Promise<Map<string, Map<string, LinkRow>>> {
  const byFlow = new Map<string, Map<string, LinkRow>>();
  for await (const link of client.workflow.list({
    query: `WorkflowType = 'linkWorkflow' AND ExecutionStatus = 'Running'${extra}`,
  })) {
    const attributes = link.typedSearchAttributes;
    // The id says flow and A id even before the link has published its attributes.
    const [, idFlow = '', idAId = ''] = link.workflowId.split(':');
    const row: LinkRow = {
      workflowId: link.workflowId,
      flow: attributes.get(SyncFlow) ?? idFlow,
      aId: attributes.get(SyncAId) ?? idAId,
      bId: attributes.get(SyncBId),
      state: (attributes.get(SyncLinkState) as LinkStatus | undefined) ?? 'unpublished',
    };
    if (!byFlow.has(row.flow)) byFlow.set(row.flow, new Map());
    byFlow.get(row.flow)!.set(row.aId, row);
  }
  return byFlow;
}

/** Links by state, as visibility counts them. */
export async function countLinksByState(client: Client): Promise<Record<string, number>> {
  const running = `WorkflowType = 'linkWorkflow' AND ExecutionStatus = 'Running'`;
  const counts: Record<string, number> = {};
  for (const state of linkStates) {
    counts[state] = (await client.workflow.count(`${running} AND SyncLinkState = '${state}'`)).count;
  }
  const total = (await client.workflow.count(running)).count;
  counts.unpublished = total - Object.values(counts).reduce((sum, n) => sum + n, 0);
  return counts;
}

/** A link's own account of itself; undefined when it cannot be read (no worker answering). */
export type LinkReader = (flow: string, aId: string) => Promise<LinkSnapshot | undefined>;

/**
 * Reads links' states (a query, answered by a worker), at most `max` of them: a run that did not
 * settle may have thousands of links to explain, and each query can cost the worker a replay.
 */
export function linkReader(client: Client, max: number): LinkReader {
  let left = max;
  return async (flow, aId) => {
    if (left <= 0) return undefined;
    left -= 1;
    return client.workflow
      .getHandle(linkWorkflowId(flow, aId))
      .query(getLinkStateQuery)
      .catch(() => undefined);
  };
}

/**
 * The pairs that are linked now, refreshed in the background while edits run: a v1 record is
 * edited only once its link holds it (before that, the first link lets A lead, which is no lost update).
 */
export class LinkedPairs {
  #pairs = new Map<string, Map<string, string>>();
  #timer: NodeJS.Timeout | undefined;

  constructor(private readonly client: Client) {}

  /** The linked A id → B id of one flow. */
  of(flow: string): Map<string, string> {
    return this.#pairs.get(flow) ?? new Map();
  }

  async refresh(): Promise<void> {
    const links = await listLinks(this.client, ` AND SyncLinkState = 'linked'`);
    const pairs = new Map<string, Map<string, string>>();
    for (const [flow, rows] of links) {
      pairs.set(flow, new Map([...rows.values()].filter((row) => row.bId).map((row) => [row.aId, row.bId!])));
    }
    this.#pairs = pairs;
  }

  /** Refreshes every `intervalMs` until stopped; a failed refresh (the dev server restarting) keeps the last. */
  start(intervalMs: number): void {
    const tick = () => {
      this.#timer = setTimeout(() => {
        this.refresh()
          .catch(() => undefined)
          .finally(() => {
            if (this.#timer) tick();
          });
      }, intervalMs);
    };
    tick();
  }

  stop(): void {
    clearTimeout(this.#timer);
    this.#timer = undefined;
  }
}
