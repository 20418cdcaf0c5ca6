// Every mapped field equal on both sides of every link (DATAFLOWS.md rule 3). A difference both
// records already had when the link last synchronized them (an API's default, which the merge
// leaves alone) is counted, not reported; any other difference is one the merge would still write.
import { fieldKey, syncedFields } from '../../src/engine/merge.js';
import type { FieldMapping, FlowDefinition } from '../../src/mappings/flow.js';
import { flows } from '../../src/mappings/index.js';
import { sameValue, type Value } from '../../src/mappings/values.js';
import type { LinkSnapshot } from '../../src/workflows/linkState.js';
import type { LinkReader } from '../links.js';
import { idOf, pairOf, show, subjectOf, type Fields, type Violation, type World } from './world.js';

const check = 'fields equal';

interface Difference {
  field: FieldMapping;
  a: Fields;
  b: Fields;
  wanted: Value;
  held: Value;
}

export interface FieldsResult {
  violations: Violation[];
  /** Differences both sides held when last in sync (left alone by design). */
  accepted: number;
  /** Field pairs compared. */
  compared: number;
}

export async function checkFieldsEqual(world: World, readLink: LinkReader): Promise<FieldsResult> {
  const result: FieldsResult = { violations: [], accepted: 0, compared: 0 };
  for (const flow of flows) {
    for (const a of world.a[flow.a.datatype]!.values()) {
      const b = pairOf(world, flow, idOf(a));
      if (!b) continue;
      const differences: Difference[] = [];
      for (const field of syncedFields(flow)) {
        result.compared += 1;
        const raw = field.a.get(a);
        const wanted = field.toB ? field.toB(raw, a) : raw;
        const held = field.b.get(b);
        if (!sameValue(wanted, held)) differences.push({ field, a, b, wanted, held });
      }
      if (differences.length > 0) await judge(readLink, flow, differences, result);
    }
  }
  return result;
}

async function judge(
  readLink: LinkReader,
  flow: FlowDefinition,
  differences: Difference[],
  result: FieldsResult,
): Promise<void> {
  const aId = idOf(differences[0]!.a);
  const state = await readLink(flow.name, aId);
  for (const { field, a, b, wanted, held } of differences) {
    const base = state?.base?.[fieldKey(field)];
    const leftAlone =
      field.toA !== null && base && sameValue(field.a.get(a), base.a) && sameValue(field.b.get(b), base.b);
    if (leftAlone) {
      result.accepted += 1;
      continue;
    }
    result.violations.push({
      check,
      subject: subjectOf(flow, aId),
      detail:
        `${field.a.label} → ${show(wanted)} but ${flow.b.label} ${idOf(b)} ${field.b.label} = ${show(held)}` +
        `${base ? `; base A ${show(base.a)} B ${show(base.b)}` : '; no base'}${lastDecisions(state)}`,
    });
  }
}

export function lastDecisions(state: LinkSnapshot | undefined, count = 3): string {
  if (!state) return '; link state not readable';
  const decisions = state.decisions.slice(-count).map((decision) => `${decision.at} ${decision.text}`);
  return `; link ${state.status}${decisions.length > 0 ? `, last decisions: ${decisions.join(' | ')}` : ''}`;
}
