// Which of the records a search returned answer which match rule: searches for several rules run
// as one call, and the rules' order decides (origin marker first, then the flow's rules in order).
import type { FieldValue, SyncRecord } from '../systems/system.js';

const key = (value: unknown) => String(value).trim().toLowerCase();

/** The texts at a dotted path; a list on the way means any of its elements (`Emails.Value`). */
export function valuesAt(data: unknown, path: string): string[] {
  if (Array.isArray(data)) return data.flatMap((item) => valuesAt(item, path));
  if (path === '')
    return data === null || data === undefined || typeof data === 'object' ? [] : [String(data)];
  if (typeof data !== 'object' || data === null) return [];
  const [head = '', ...rest] = path.split('.');
  return valuesAt((data as Record<string, unknown>)[head], rest.join('.'));
}

function matches(record: SyncRecord, { field, value }: FieldValue): boolean {
  return valuesAt(record.data, field).some((found) => key(found) === key(value));
}

/** The records answering the first group that any record answers; [] when none does. */
export function pickCandidates(records: SyncRecord[], groups: FieldValue[][]): SyncRecord[] {
  for (const group of groups) {
    const answering = records.filter((record) => group.some((pair) => matches(record, pair)));
    if (answering.length > 0) return answering;
  }
  return [];
}
