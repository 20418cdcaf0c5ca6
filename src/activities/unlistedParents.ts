// Which of a page of child records have no parent record in A. A feed's first listing reads the
// parents' whole list once (a call per page of parents), so a child whose parent is not in it —
// a supplier's contact person, where the parent flow is about customers — tells its parent's link
// so, and that link does not spend a call of A's small rate limit reading a record that is absent.
// A parent made later reaches its link through its own feed, as any new record does.
import type { FlowDefinition } from '../mappings/flow.js';
import { flowNamed } from '../mappings/index.js';
import type { SyncRecord } from '../systems/system.js';
import type { Adapters } from './apiActivities.js';
import { bestEffort } from './bestEffort.js';
import { heartbeat } from './heartbeat.js';

export async function unlistedParents(
  adapters: Adapters,
  flow: FlowDefinition,
  records: SyncRecord[],
): Promise<Set<SyncRecord>> {
  const edge = flow.parent;
  if (!edge || records.length === 0) return new Set();
  const parents = flowNamed(edge.flow).a;
  const listed = await bestEffort(
    'Listing the parents of a page of records failed: each parent link reads its own',
    { flow: flow.name },
    async (signal) => {
      const ids = new Set<string>();
      for await (const { records: page } of adapters[parents.system].listChanged(
        { datatype: parents.datatype },
        { signal },
      )) {
        for (const parent of page) ids.add(parent.id);
        heartbeat();
      }
      return ids;
    },
  );
  if (!listed) return new Set();
  return new Set(
    records.filter((record) => {
      const parentId = edge.aId(record.data);
      return parentId !== undefined && !listed.has(parentId);
    }),
  );
}
