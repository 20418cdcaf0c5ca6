// Each flow's running links counted by state, and the table `status` and `backfill` show them in.
import type { Client } from '@temporalio/client';
import { flows } from '../mappings/index.js';
import type { LinkStatus } from '../workflows/linkState.js';
import { LINK_STATES, statesIn } from './linkStates.js';
import { renderTable } from './table.js';
import { countLinks } from '../temporal/linksQuery.js';

export interface FlowCounts {
  flow: string;
  states: Record<LinkStatus, number>;
  /** needs-attention + source-missing + target-missing: links an operator has to look at. */
  parked: number;
  total: number;
}

async function countFlow(client: Client, flow: string): Promise<FlowCounts> {
  // One count per state: the dev server's visibility cannot GROUP BY a custom search attribute.
  const counts = await Promise.all(LINK_STATES.map((state) => countLinks(client, { flow, states: [state] })));
  const states = Object.fromEntries(LINK_STATES.map((state, index) => [state, counts[index]!])) as Record<
    LinkStatus,
    number
  >;
  const sum = (of: LinkStatus[]) => of.reduce((total, state) => total + states[state], 0);
  return { flow, states, parked: sum(statesIn('parked')), total: sum(LINK_STATES) };
}

export function countFlows(client: Client): Promise<FlowCounts[]> {
  return Promise.all(flows.map((flow) => countFlow(client, flow.name)));
}

/** State names break at their last hyphen, so the table fits a terminal. */
export function renderFlowCounts(counts: FlowCounts[]): string {
  return renderTable(
    ['flow', ...LINK_STATES.map((state) => state.replace(/-(?=[^-]*$)/, '-\n')), 'parked', 'total'],
    counts.map((flow) => [
      flow.flow,
      ...LINK_STATES.map((state) => flow.states[state]),
      flow.parked,
      flow.total,
    ]),
  );
}
