// Links counted by group of states, for the command line (see linksQuery.ts for the query).
import type { Client } from '@temporalio/client';
import { countLinks } from '../temporal/linksQuery.js';
import { LINK_STATE_GROUPS, statesIn, type LinkStateGroup } from './linkStates.js';

export type GroupCounts = Record<LinkStateGroup, number>;

/** Every running link counted by group: the numbers a backfill shows as it goes. */
export async function countGroups(client: Client): Promise<GroupCounts> {
  const counts = await Promise.all(
    LINK_STATE_GROUPS.map((group) => countLinks(client, { states: statesIn(group) })),
  );
  return Object.fromEntries(LINK_STATE_GROUPS.map((group, index) => [group, counts[index]!])) as GroupCounts;
}

export function totalLinks(counts: GroupCounts): number {
  return Object.values(counts).reduce((sum, count) => sum + count, 0);
}

/** `6 links: 4 linked, 1 waiting, 1 parked, 0 not applicable, 0 new`. */
export function describeCounts(counts: GroupCounts): string {
  const { linked, waiting, parked, new: unsettled } = counts;
  return (
    `${totalLinks(counts)} links: ${linked} linked, ${waiting} waiting, ${parked} parked, ` +
    `${counts['not-applicable']} not applicable, ${unsettled} new`
  );
}
