// Where a listing stands, for both APIs: they list in id order, so a listing cut short resumes after
// the highest id it handed over. Filtering by id rather than skipping pages stays right when records
// were deleted in between (a page skipped by number would then miss the records that moved up).
import type { SyncRecord } from './system.js';

const integer = /^\d+$/;

/** Whether the record with this id comes after `position`. One without a readable id is never left out. */
export function isAfter(id: string, position: string | undefined): boolean {
  if (position === undefined || !integer.test(position) || !integer.test(id)) return true;
  return BigInt(id) > BigInt(position);
}

/** The position after these records: the highest id among them and `previous`. */
export function positionAfter(
  records: readonly SyncRecord[],
  previous: string | undefined,
): string | undefined {
  let highest = previous;
  for (const { id } of records) if (integer.test(id) && isAfter(id, highest)) highest = id;
  return highest;
}
