// A link's base — the values it last synchronized — field by field, as the flow names the fields.
import { fieldKey } from '../engine/merge.js';
import type { FlowDefinition } from '../mappings/flow.js';
import type { Value } from '../mappings/values.js';
import type { LinkSnapshot } from '../workflows/linkState.js';

export interface BaseRow {
  aProperty: string;
  aValue: Value;
  bProperty: string;
  bValue: Value;
}

/** Undefined until the link is linked: only then has it synchronized anything. */
export function baseRows(flow: FlowDefinition, snapshot: LinkSnapshot): BaseRow[] | undefined {
  const { base } = snapshot;
  if (!base) return undefined;
  return flow.fields.flatMap((field) => {
    const entry = base[fieldKey(field)];
    return entry
      ? [{ aProperty: field.a.label, aValue: entry.a, bProperty: field.b.label, bValue: entry.b }]
      : [];
  });
}
