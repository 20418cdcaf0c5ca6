// Post DTOs may name a related record by its id or by its code/number; the DTO shows both.
// A key that changed wins over the id, so a patch of either one moves the reference.
import { SimulatorProblem } from '../common/problem.js';
import type { PowerofficegoCollections } from './context.js';
import { uniqueText } from './context.js';

export interface Reference<K> {
  id: number | null;
  key: K | null;
}

interface ReferenceLookup<T, K> {
  /** Whose validation failed, for the problem title: `Customer`. */
  owner: string;
  target: string;
  keyName: string;
  byId(id: number): T | undefined;
  byKey(key: K): T | undefined;
  idOf(record: T): number;
  keyOf(record: T): K | null | undefined;
}

function resolve<T, K>(
  lookup: ReferenceLookup<T, K>,
  id: number | null | undefined,
  key: K | null | undefined,
  previousKey: K | null | undefined,
): Reference<K> {
  const missing = (detail: string) =>
    new SimulatorProblem(404, `${lookup.owner} validation error(s)`, detail);
  if (key != null && (id == null || key !== previousKey)) {
    const found = lookup.byKey(key);
    if (!found) throw missing(`${lookup.target} with ${lookup.keyName} = '${key}' not found.`);
    return { id: lookup.idOf(found), key };
  }
  if (id != null) {
    const found = lookup.byId(id);
    if (!found) throw missing(`${lookup.target} with id = ${id} not found.`);
    return { id, key: lookup.keyOf(found) ?? null };
  }
  return { id: null, key: null };
}

export function departmentReference(
  collections: PowerofficegoCollections,
  owner: string,
  given: {
    id: number | null | undefined;
    code: string | null | undefined;
    previousCode: string | null | undefined;
  },
): Reference<string> {
  const departments = collections.department;
  return resolve(
    {
      owner,
      target: 'Department',
      keyName: 'code',
      byId: (id) => departments.get(id),
      byKey: (code) => departments.findUnique('Code', uniqueText(code) ?? ''),
      idOf: (department) => department.Id,
      keyOf: (department) => department.Code,
    },
    given.id,
    given.code,
    given.previousCode,
  );
}

export function employeeReference(
  collections: PowerofficegoCollections,
  owner: string,
  given: {
    id: number | null | undefined;
    number: number | null | undefined;
    previousNumber: number | null | undefined;
  },
): Reference<number> {
  const employees = collections.employee;
  return resolve(
    {
      owner,
      target: 'Employee',
      keyName: 'number',
      byId: (id) => employees.get(id),
      byKey: (number) => employees.findUnique('Number', number),
      idOf: (employee) => employee.Id,
      keyOf: (employee) => employee.Number,
    },
    given.id,
    given.number,
    given.previousNumber,
  );
}
