// Where a listing stands, for both APIs: they list in id order, so a listing cut short resumes after
// the highest id it handed over. Filtering by id rather than skipping pages stays right when records
// were deleted in between (a page skipped by number would then miss the records that moved up).
import type { ListedPage, SyncRecord } from './system.js';

const integer = /^\d+$/;

/** Whether the record with this id comes after `position`. One without a readable id is never left out. */
export function isAfter(id: string, position: string | undefined): boolean {
  if (position === undefined || !integer.test(position) || !integer.test(id)) return true;
  return BigInt(id) > BigInt(position);
}

/**
 * The pages of an id-ordered list as records, each with its position (the highest id so far),
 * leaving out the records up to `after`.
 */
export async function* listedPages<T>(
  pages: AsyncIterable<T[]>,
  toRecords: (page: T[]) => SyncRecord[],
  after: string | undefined,
): AsyncIterable<ListedPage> {
  let position = after;
  for await (const page of pages) {
    const records = toRecords(page);
    for (const { id } of records) if (integer.test(id) && isAfter(id, position)) position = id;
    yield { records: records.filter((record) => isAfter(record.id, after)), position };
  }
}
