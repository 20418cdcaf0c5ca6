// A readable name for a link: the name it keeps of its A record, else from the values it last
// synchronized — A's spelling first, then B's.
import type { FlowDefinition } from '../mappings/flow.js';
import { recordName } from '../mappings/recordName.js';
import type { LinkSnapshot } from '../workflows/linkState.js';
import { baseRows } from './baseRows.js';

export function linkName(flow: FlowDefinition, snapshot: LinkSnapshot): string | undefined {
  if (snapshot.name) return snapshot.name;
  if (snapshot.aRecord) return recordName(snapshot.aRecord.data);
  const rows = baseRows(flow, snapshot) ?? [];
  return (
    recordName(Object.fromEntries(rows.map((row) => [row.aProperty, row.aValue]))) ??
    recordName(Object.fromEntries(rows.map((row) => [row.bProperty, row.bValue])))
  );
}
