// What every v1 record definition shares: the clock, id and code series, the collections.
import type { Clock } from '../common/clock.js';
import type { Collection } from '../common/collection.js';
import type { Sequence } from '../common/sequence.js';
import type { V1Contact } from './contact.js';
import type { V1ContactPerson } from './contactPerson.js';
import type { V1Customer } from './customer.js';
import type { V1Department } from './department.js';
import type { V1Employee } from './employee.js';

export interface Powerofficegov1Collections {
  customer: Collection<V1Customer>;
  employee: Collection<V1Employee>;
  department: Collection<V1Department>;
  contact: Collection<V1Contact>;
  contactperson: Collection<V1ContactPerson>;
}

export interface Powerofficegov1Context {
  clock: Clock;
  collections: Powerofficegov1Collections;
  ids: Record<keyof Powerofficegov1Collections | 'address', Sequence>;
  codes: { customer: Sequence; employee: Sequence };
}

/** Unique values compare trimmed and case-insensitively. */
export function uniqueText(value: string | null | undefined): string | undefined {
  const trimmed = value?.trim().toLowerCase();
  return trimmed ? trimmed : undefined;
}

export function externalImportReferenceRule(title: string) {
  return {
    index: 'externalImportReference',
    message: (record: { externalImportReference?: string | null }, owner: object) =>
      `externalImportReference '${record.externalImportReference}' is already in use by ${title} ${idOf(owner)}.`,
  };
}

export function codeRule(title: string) {
  return {
    index: 'code',
    message: (record: { code?: string | number | null }, owner: object) =>
      `code '${record.code}' is already in use by ${title} ${idOf(owner)}.`,
  };
}

function idOf(record: object): number {
  const values = record as { id?: number; ContactId?: number };
  return values.id ?? values.ContactId ?? 0;
}
