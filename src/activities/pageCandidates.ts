// The B candidates of a page of A records, found with a few searches for the whole page instead of
// one per link: a feed's first listing (the backfill) hands each new link its candidates, and the
// plan they were searched by, with its record. Children are left out: they are searched within
// their parent, which only the link knows.
import { candidatesFor, searchFor } from '../engine/candidates.js';
import type { FlowDefinition } from '../mappings/flow.js';
import type { FieldValue, SyncRecord } from '../systems/system.js';
import type { Adapters } from './apiActivities.js';
import { bestEffort } from './bestEffort.js';
import { mappingActivities, type LinkPlan } from './mappingActivities.js';

const pairKey = ({ field, value }: FieldValue) => `${field}=${value.trim().toLowerCase()}`;

/** Candidates and plan by A record; a record left out (named by id, or the search failed) is searched by its link. */
export async function pageCandidates(
  adapters: Adapters,
  flow: FlowDefinition,
  records: SyncRecord[],
): Promise<Map<SyncRecord, { candidates: SyncRecord[]; plan: LinkPlan }>> {
  if (flow.parent || records.length === 0) return new Map();
  const searches = await Promise.all(
    records.map(async (a) => {
      const plan = await mappingActivities.planLink({ flow: flow.name, a });
      return { a, plan, search: searchFor(plan) };
    }),
  );
  // A record named by id is read by its link: a field search would not find it.
  const byField = searches.filter(({ search }) => search.ids.length === 0);
  const pairs = new Map(
    byField.flatMap(({ search }) => search.groups.flat().map((pair) => [pairKey(pair), pair])),
  );
  const found =
    pairs.size === 0
      ? []
      : await bestEffort(
          'Searching a page of records at once failed: each link searches for itself',
          { flow: flow.name, records: records.length },
          (signal) =>
            adapters[flow.b.system].findByField(
              { datatype: flow.b.datatype, any: [...pairs.values()] },
              { signal },
            ),
        );
  if (!found) return new Map();
  return new Map(
    byField.map(({ a, plan, search }) => [a, { candidates: candidatesFor(found, search), plan }]),
  );
}
