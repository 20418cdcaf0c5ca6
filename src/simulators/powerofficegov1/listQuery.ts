// v1 listing: OData `$filter`, `$orderby`, `$skip`, `$top` over the records a GET can see.
// `count` is every match before $skip/$top; one GET returns at most 50,000 rows.
import type { z } from 'zod';
import { compileFilter } from '../common/odata/evaluateFilter.js';
import { ODataError } from '../common/odata/parseFilter.js';
import { parseOrderBy, sortRecords } from '../common/odata/parseOrderBy.js';
import { SimulatorProblem } from '../common/problem.js';

const maxRows = 50_000;

export interface ListSpec {
  schema: z.ZodType;
  typeName: string;
  present(record: object): object;
}

export function listRecords(
  records: readonly object[],
  rawQuery: unknown,
  spec: ListSpec,
): { data: object[]; count: number } {
  const query = Object.fromEntries(
    Object.entries((rawQuery ?? {}) as Record<string, string>).map(([key, value]) => [
      key.toLowerCase(),
      String(value),
    ]),
  );
  try {
    const test = query.$filter?.trim() ? compileFilter(query.$filter, spec.schema, spec.typeName) : undefined;
    const keys = query.$orderby?.trim() ? parseOrderBy(query.$orderby, spec.schema, spec.typeName) : [];
    const skip = count(query.$skip, '$skip') ?? 0;
    const top = Math.min(count(query.$top, '$top') ?? maxRows, maxRows);
    const matching = test ? records.filter(test) : records;
    const page = sortRecords(matching, keys).slice(skip, skip + top);
    return { data: page.map((record) => spec.present(record)), count: matching.length };
  } catch (error) {
    if (error instanceof ODataError) {
      throw new SimulatorProblem(400, 'Invalid query', `The query is not valid: ${error.message}`);
    }
    throw error;
  }
}

function count(text: string | undefined, name: string): number | undefined {
  if (text === undefined || text.trim() === '') return undefined;
  if (!/^\d+$/.test(text.trim())) {
    throw new ODataError(`${name} must be a whole number of 0 or more, not '${text}'.`);
  }
  return Number(text);
}
