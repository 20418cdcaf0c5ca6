// Every state a link can be in, in the order the command line shows them, grouped as an operator
// counts them. A Record, so a state added to LinkStatus does not compile until it is placed here.
import type { LinkStatus } from '../workflows/linkState.js';

export const LINK_STATE_GROUPS = ['new', 'waiting', 'linked', 'parked', 'not-applicable'] as const;
export type LinkStateGroup = (typeof LINK_STATE_GROUPS)[number];

const groupOf: Record<LinkStatus, LinkStateGroup> = {
  new: 'new',
  'waiting-for-dependency': 'waiting',
  'waiting-for-parent': 'waiting',
  linked: 'linked',
  'needs-attention': 'parked',
  'source-missing': 'parked',
  'target-missing': 'parked',
  'not-applicable': 'not-applicable',
};

export const LINK_STATES = Object.keys(groupOf) as LinkStatus[];

export function statesIn(group: LinkStateGroup): LinkStatus[] {
  return LINK_STATES.filter((state) => groupOf[state] === group);
}
