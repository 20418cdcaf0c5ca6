// What nobody edited stays as it was (DATAFLOWS.md rules 3 and 4): every A field a flow maps and no
// edit touched still holds its seeded value — at the first link A leads, and B wins only where A
// was empty, so an unedited non-empty A value that changed was written by the engine from a B
// value it should not have believed (a stale delivery, an echo taken for a change).
import { fieldKey, syncedFields } from '../../src/engine/merge.js';
import { flowNamed, flows } from '../../src/mappings/index.js';
import { isEmpty, sameValue } from '../../src/mappings/values.js';
import type { EditRecord } from '../editor.js';
import { idOf, show, subjectOf, type Records, type Violation, type World } from './world.js';

const check = 'unedited A fields kept';

export function checkUneditedKept(
  world: World,
  initialA: Record<string, Records>,
  log: EditRecord[],
): Violation[] {
  const edited = new Set(
    log.map((edit) => {
      const flow = flowNamed(edit.flow);
      const field = flow.fields.find((candidate) => fieldKey(candidate) === edit.field)!;
      return `${flow.a.datatype}|${edit.aId}|${field.a.label}`;
    }),
  );
  const reported = new Set<string>();
  const violations: Violation[] = [];
  for (const flow of flows) {
    for (const field of syncedFields(flow).filter((candidate) => candidate.toA !== null)) {
      for (const before of initialA[flow.a.datatype]?.values() ?? []) {
        const aId = idOf(before);
        const key = `${flow.a.datatype}|${aId}|${field.a.label}`;
        if (edited.has(key) || reported.has(key)) continue;
        const was = field.a.get(before);
        const now = world.a[flow.a.datatype]!.get(aId);
        if (isEmpty(was) || !now || sameValue(was, field.a.get(now))) continue;
        reported.add(key);
        violations.push({
          check,
          subject: subjectOf(flow, aId),
          detail: `${flow.a.label} ${aId} ${field.a.label} was ${show(was)}, is ${show(field.a.get(now))}; nobody edited it`,
        });
      }
    }
  }
  return violations;
}
