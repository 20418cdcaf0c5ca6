// What every v2 resource definition shares: the clock, the id and number series, and the
// collections (definitions look each other up: a customer's sales person is an employee).
import type { Clock } from '../common/clock.js';
import type { Collection, UniqueIndex } from '../common/collection.js';
import type { Sequence } from '../common/sequence.js';
import type { ContactPersonDto } from './contactPerson.js';
import type { CustomerDto } from './customer.js';
import type { DepartmentDto } from './department.js';
import type { EmployeeDto } from './employee.js';
import type { SupplierDto } from './supplier.js';

export interface PowerofficegoCollections {
  customer: Collection<CustomerDto>;
  supplier: Collection<SupplierDto>;
  employee: Collection<EmployeeDto>;
  department: Collection<DepartmentDto>;
  contactperson: Collection<ContactPersonDto>;
}

export interface PowerofficegoContext {
  clock: Clock;
  collections: PowerofficegoCollections;
  /** Customers, suppliers and employees are contacts: one id series, so a party keeps one Id. */
  contactIds: Sequence;
  departmentIds: Sequence;
  contactPersonIds: Sequence;
  addressIds: Sequence;
  subledgerAccountIds: Sequence;
  numbers: { customer: Sequence; supplier: Sequence; employee: Sequence };
}

/** Unique values compare like the API's database does: trimmed, case-insensitive. */
export function uniqueText(value: string | null | undefined): string | undefined {
  const trimmed = value?.trim().toLowerCase();
  return trimmed ? trimmed : undefined;
}

export const externalImportReferenceIndex: UniqueIndex<{ ExternalImportReference?: string | null }> = {
  name: 'ExternalImportReference',
  key: (record) => uniqueText(record.ExternalImportReference),
};

export const numberIndex: UniqueIndex<{ Number?: number | null }> = {
  name: 'Number',
  key: (record) => record.Number,
};

export const contactUniqueRules = [
  {
    index: 'ExternalImportReference',
    message: (record: { ExternalImportReference?: string | null }, owner: { Id: number }) =>
      `ExternalImportReference is already in use. '${record.ExternalImportReference}' is used on (contact) Id = ${owner.Id}.`,
  },
  {
    index: 'Number',
    message: (record: { Number?: number | null }, owner: { Id: number }) =>
      `Number is already in use. '${record.Number}' is used on (contact) Id = ${owner.Id}.`,
  },
];
