// The invariants a run must end with, checked against both simulators' data and the links.
import type { EditRecord } from '../editor.js';
import { linkReader } from '../links.js';
import type { ChaosStack } from '../stack.js';
import { checkEditsLanded, V1_READ_LAG_MS } from './edits.js';
import { checkFieldsEqual } from './fields.js';
import { checkParkedLinks } from './parked.js';
import { checkOneRecordEach } from './records.js';
import { checkUneditedKept } from './untouched.js';
import { readWorld, type Records, type Violation } from './world.js';

export type { Violation } from './world.js';

/** Links whose state one round of checks reads at most (to explain what it found). */
const MAX_LINK_QUERIES = 60;

export interface CheckReport {
  violations: Violation[];
  /** What the checks looked at and what they let pass, for the summary. */
  notes: string[];
}

/** `initialA`: the A records as seeded, before the sync began. */
export async function runChecks(
  stack: ChaosStack,
  log: EditRecord[],
  initialA: Record<string, Records>,
): Promise<CheckReport> {
  const world = await readWorld(stack);
  const readLink = linkReader(stack.client, MAX_LINK_QUERIES);
  const records = checkOneRecordEach(world);
  const fields = await checkFieldsEqual(world, readLink);
  const edits = await checkEditsLanded(world, log, readLink);
  const parked = await checkParkedLinks(world, readLink);
  const untouched = checkUneditedKept(world, initialA, log);
  const links = [...world.links.values()].reduce((sum, rows) => sum + rows.size, 0);
  return {
    violations: [...records, ...fields.violations, ...edits.violations, ...untouched, ...parked.violations],
    notes: [
      `${links} links; ${fields.compared} field pairs compared, ${fields.accepted} API-default differences left alone by design`,
      `${edits.fields} fields edited, ${edits.overtaken} edits overtaken by a later edit of the same field`,
      ...(edits.hiddenByReadLag.length > 0
        ? [
            `${edits.hiddenByReadLag.length} v1 edit(s) written over less than v1's read lag (${V1_READ_LAG_MS} ms) after they were made, before v1 could show them to any reader: ${edits.hiddenByReadLag.join(', ')}`,
          ]
        : []),
      ...parked.explained.map((line) => `parked with a reason the data bears out: ${line}`),
    ],
  };
}
