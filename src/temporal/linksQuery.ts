// The visibility query over links, for the command line and the backfill window alike. Only running
// links: a link that continued as new leaves a closed run behind with the same search attributes.
import type { Client } from '@temporalio/client';
import type { LinkStatus } from '../workflows/linkState.js';

export interface LinkFilter {
  flow?: string;
  states?: readonly LinkStatus[];
}

export function linksQuery({ flow, states }: LinkFilter = {}): string {
  const clauses = [`WorkflowType = 'linkWorkflow'`, `ExecutionStatus = 'Running'`];
  if (flow) clauses.push(`SyncFlow = '${flow}'`);
  if (states) clauses.push(`SyncLinkState IN (${states.map((state) => `'${state}'`).join(', ')})`);
  return clauses.join(' AND ');
}

export async function countLinks(client: Client, filter: LinkFilter = {}): Promise<number> {
  return (await client.workflow.count(linksQuery(filter))).count;
}
