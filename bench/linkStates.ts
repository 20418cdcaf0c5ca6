// How many links are in each state, from the `SyncLinkState` search attribute (one visibility
// count per state). Only running executions: a link that continued as new leaves a closed run
// behind with the same attributes.
import type { Client } from '@temporalio/client';
import type { LinkStatus } from '../src/workflows/linkState.js';

// A record over every status, so a status added to the engine is a type error here.
const statuses = Object.keys({
  new: true,
  'waiting-for-dependency': true,
  'waiting-for-parent': true,
  linked: true,
  'needs-attention': true,
  'source-missing': true,
  'target-missing': true,
  'not-applicable': true,
} satisfies Record<LinkStatus, true>) as LinkStatus[];

export interface LinkCounts {
  /** Every running link workflow, with or without a state published yet. */
  total: number;
  byState: Partial<Record<LinkStatus, number>>;
}

const runningLinks = "WorkflowType = 'linkWorkflow' AND ExecutionStatus = 'Running'";

export async function countLinks(client: Client): Promise<LinkCounts> {
  const [total, ...counts] = await Promise.all([
    client.workflow.count(runningLinks),
    ...statuses.map((status) => client.workflow.count(`${runningLinks} AND SyncLinkState = '${status}'`)),
  ]);
  const byState = Object.fromEntries(
    statuses.map((status, i) => [status, counts[i]!.count]).filter(([, count]) => count !== 0),
  );
  return { total: total!.count, byState };
}

/** Links not yet looked at: state `new`, or no state published yet. */
export function unsettled({ total, byState }: LinkCounts): number {
  const published = Object.values(byState).reduce((sum, count) => sum + count, 0);
  return (byState.new ?? 0) + (total - published);
}

/** `linked 250 · waiting-for-dependency 25 · not-applicable 12` */
export function describeLinks({ byState }: LinkCounts): string {
  return Object.entries(byState)
    .map(([status, count]) => `${status} ${count}`)
    .join(' · ');
}
