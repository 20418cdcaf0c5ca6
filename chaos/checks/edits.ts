// Every edit's value is where the conflict rule puts it (DATAFLOWS.md rules 3 and 5): for each
// field edited, the edit whose record changed last (ties to A; every edit here is non-empty) is
// what both sides hold. Earlier edits of the same field, on either side, are legitimately overtaken.
// One loss no engine can prevent is told apart: a v1 edit that a write overwrote less than a second
// later. v1 has no ETags and its reads lag its writes ("typically < 1 s", SYSTEMS.md), so no reader
// could see that edit in time.
import { fieldKey } from '../../src/engine/merge.js';
import { flowNamed } from '../../src/mappings/index.js';
import type { EditRecord } from '../editor.js';
import type { LinkReader } from '../links.js';
import { lastDecisions } from './fields.js';
import { pairOf, show, subjectOf, type Fields, type Violation, type World } from './world.js';

const check = 'edits landed';

export interface EditsResult {
  violations: Violation[];
  /** Fields edited (each a record pair and field). */
  fields: number;
  /** Edits overtaken by a later edit of the same field. */
  overtaken: number;
  /** v1 edits overwritten before v1 could show them to anyone (see the top of this file). */
  hiddenByReadLag: string[];
}

/** How far behind v1's reads may be, as SYSTEMS.md puts it. */
export const V1_READ_LAG_MS = 1_000;

/** B holds what A holds, written over the standing v1 edit less than v1's read lag after it. */
function hiddenByReadLag(
  standing: EditRecord,
  b: Fields | undefined,
  aValue: unknown,
  bValue: unknown,
): boolean {
  if (standing.side !== 'b' || !b || aValue !== bValue) return false;
  const lag = Date.parse(String(b.lastChanged)) - Date.parse(standing.lastChanged);
  return lag > 0 && lag < V1_READ_LAG_MS;
}

/** The edit that must stand: last-changed written with six fractional digits, so text order is time order. */
export function standingEdit(edits: EditRecord[]): EditRecord {
  return edits.reduce((best, edit) =>
    edit.lastChanged > best.lastChanged || (edit.lastChanged === best.lastChanged && edit.side === 'a')
      ? edit
      : best,
  );
}

export async function checkEditsLanded(
  world: World,
  log: EditRecord[],
  readLink: LinkReader,
): Promise<EditsResult> {
  const groups = new Map<string, EditRecord[]>();
  for (const edit of log) {
    const key = `${edit.flow}|${edit.aId}|${edit.field}`;
    groups.set(key, [...(groups.get(key) ?? []), edit]);
  }
  const result: EditsResult = {
    violations: [],
    fields: groups.size,
    overtaken: log.length - groups.size,
    hiddenByReadLag: [],
  };
  for (const edits of groups.values()) {
    const standing = standingEdit(edits);
    const flow = flowNamed(standing.flow);
    const field = flow.fields.find((candidate) => fieldKey(candidate) === standing.field)!;
    const a = world.a[flow.a.datatype]!.get(standing.aId);
    const b = pairOf(world, flow, standing.aId);
    const aValue = a ? field.a.get(a) : undefined;
    const bValue = b ? field.b.get(b) : undefined;
    if (aValue === standing.value && bValue === standing.value) continue;
    if (hiddenByReadLag(standing, b, aValue, bValue)) {
      result.hiddenByReadLag.push(`${subjectOf(flow, standing.aId)} ${field.a.label} #${standing.n}`);
      continue;
    }
    const state = await readLink(flow.name, standing.aId);
    const history = [...edits]
      .sort((x, y) => x.lastChanged.localeCompare(y.lastChanged))
      .map((edit) => `#${edit.n} ${edit.side.toUpperCase()} ${show(edit.value)} @${edit.lastChanged}`)
      .join(', ');
    result.violations.push({
      check,
      subject: subjectOf(flow, standing.aId),
      detail:
        `${field.a.label}: edits ${history}; #${standing.n} must stand, but A holds ${show(aValue)} and B ` +
        `${show(bValue)}${lastDecisions(state, 4)}`,
    });
  }
  return result;
}
