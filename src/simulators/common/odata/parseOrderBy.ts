// `$orderby=name desc, mailAddress/city`: keys resolved against the record's schema; ties keep
// id order, so paging with $skip/$top is stable.
import type { z } from 'zod';
import { ODataError } from './parseFilter.js';
import { resolvePath, valueAt } from './evaluateFilter.js';

export interface SortKey {
  path: string[];
  descending: boolean;
}

export function parseOrderBy(text: string, schema: z.ZodType, typeName: string, separator = '/'): SortKey[] {
  return text
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean)
    .map((part) => {
      const [name = '', direction = 'asc', ...extra] = part.split(/\s+/);
      const lower = direction.toLowerCase();
      if (extra.length > 0 || (lower !== 'asc' && lower !== 'desc')) {
        throw new ODataError(`Cannot order by '${part}'.`);
      }
      return { path: resolvePath(name.split(separator), schema, typeName), descending: lower === 'desc' };
    });
}

const collator = new Intl.Collator('nb', { sensitivity: 'base', numeric: false });

/** Sorts a copy; nulls first ascending, as SQL Server does; text compared case-insensitively. */
export function sortRecords<R>(records: readonly R[], keys: readonly SortKey[]): R[] {
  if (keys.length === 0) return [...records];
  return [...records].sort((a, b) => {
    for (const { path, descending } of keys) {
      const order = compareNullable(valueAt(a, path), valueAt(b, path));
      if (order !== 0) return descending ? -order : order;
    }
    return 0;
  });
}

function compareNullable(a: unknown, b: unknown): number {
  if (a === null || b === null) return a === b ? 0 : a === null ? -1 : 1;
  if (typeof a === 'string' && typeof b === 'string') return collator.compare(a, b);
  return a! < b! ? -1 : a! > b! ? 1 : 0;
}
