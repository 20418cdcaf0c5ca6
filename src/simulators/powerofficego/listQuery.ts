// GET list semantics of v2: the filters a route offers, then `OrderBy` ("Name desc, Number"),
// `PageNumber` (from 1) and `PageSize` (default 5000, at most 20000), then `Fields`. Query
// parameter names are case-insensitive, as ASP.NET binds them; unknown ones are ignored.
import type { z } from 'zod';
import { ODataError } from '../common/odata/parseFilter.js';
import { parseOrderBy, sortRecords } from '../common/odata/parseOrderBy.js';
import { SimulatorProblem } from '../common/problem.js';
import { findProperty } from '../common/schemaShape.js';

export type QueryFilter<R> = (value: string) => (record: R) => boolean;

const defaultPageSize = 5000;
const maxPageSize = 20000;

export interface ListSpec<R> {
  dto: z.ZodObject;
  dtoName: string;
  /** By lower-case query parameter name. */
  filters: Record<string, QueryFilter<R>>;
  present(record: R): object;
}

export function listPage<R>(records: readonly R[], rawQuery: unknown, spec: ListSpec<R>): object[] {
  const query = lowerCaseKeys(rawQuery);
  const predicates = Object.entries(spec.filters)
    .filter(([name]) => query[name]?.trim())
    .map(([name, filter]) => filter(query[name]!.trim()));
  const pageNumber = integerParameter(query, 'pagenumber', 'PageNumber', 1);
  const pageSize = integerParameter(query, 'pagesize', 'PageSize', defaultPageSize);
  if (pageNumber < 1) throw badRequest('PageNumber must be 1 or more.');
  if (pageSize < 1 || pageSize > maxPageSize) {
    throw badRequest(`PageSize must be between 1 and MaxPageSize (${maxPageSize}).`);
  }
  const fields = query.fields?.trim() ? fieldNames(query.fields, spec) : undefined;

  const matching = predicates.length
    ? records.filter((record) => predicates.every((test) => test(record)))
    : records;
  const ordered = query.orderby?.trim() ? sortRecords(matching, orderKeys(query.orderby, spec)) : matching;
  const page = ordered
    .slice((pageNumber - 1) * pageSize, pageNumber * pageSize)
    .map((record) => spec.present(record));
  return fields ? page.map((record) => project(record, fields)) : page;
}

function orderKeys(text: string, spec: Pick<ListSpec<unknown>, 'dto' | 'dtoName'>) {
  try {
    return parseOrderBy(text, spec.dto, spec.dtoName, '.');
  } catch (error) {
    if (error instanceof ODataError) throw badRequest(`OrderBy: ${error.message}`);
    throw error;
  }
}

function fieldNames(text: string, spec: Pick<ListSpec<unknown>, 'dto' | 'dtoName'>): string[] {
  return text
    .split(',')
    .map((name) => name.trim())
    .filter(Boolean)
    .map((name) => {
      const property = findProperty(spec.dto, name);
      if (!property) throw badRequest(`Fields: '${name}' is not a property of ${spec.dtoName}.`);
      return property.name;
    });
}

function project(record: object, fields: readonly string[]): object {
  const values = record as Record<string, unknown>;
  return Object.fromEntries(fields.map((field) => [field, values[field] ?? null]));
}

function integerParameter(
  query: Record<string, string>,
  key: string,
  name: string,
  fallback: number,
): number {
  const text = query[key]?.trim();
  if (!text) return fallback;
  if (!/^-?\d+$/.test(text)) throw badRequest(`The value '${text}' is not valid for ${name}.`);
  return Number(text);
}

function lowerCaseKeys(query: unknown): Record<string, string> {
  return Object.fromEntries(
    Object.entries((query ?? {}) as Record<string, unknown>).map(([key, value]) => [
      key.toLowerCase(),
      Array.isArray(value) ? value.join(',') : String(value),
    ]),
  );
}

export function badRequest(detail: string): SimulatorProblem {
  return new SimulatorProblem(400, 'Unable to cast object(s)', detail);
}
