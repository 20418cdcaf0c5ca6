// What a backfill of the seeded data must create in B, worked out from the A records by the
// flows' creation policies (README "How it works"). The backfill is settled only when v1 has
// made exactly this many, and the plain floor creates the same records.
import { flowNamed } from '../src/mappings/index.js';

type Data = Record<string, unknown>;

/** The A records of the datatypes the flows read, as v2 returns them. */
export interface ARecords {
  supplier: Data[];
  customer: Data[];
  employee: Data[];
  contactperson: Data[];
}

/** All the counts of a per-datatype table together, e.g. the creates a backfill expects. */
export const sum = (counts: Record<string, number>) =>
  Object.values(counts).reduce((total, n) => total + n, 0);

const idsOf = (records: Data[]) => new Set(records.map((record) => String(record.Id)));

/** Per flow, the A ids whose B record must be created. */
export function mustCreate(a: ARecords): Record<string, Set<string>> {
  const suppliers = idsOf(a.supplier);
  const customers = idsOf(a.customer);
  const employees = idsOf(a.employee);
  const parentsOfPersons = new Set(a.contactperson.map((person) => String(person.ContactId)));
  const customerIds = (keep: (customer: Data) => boolean) => idsOf(a.customer.filter(keep));
  return {
    'supplier-contact': suppliers,
    'employee-employee': employees,
    // A customer is created when the same party's supplier is, or when one of its contact persons is.
    'customer-customer': customerIds(
      (customer) => suppliers.has(String(customer.Id)) || parentsOfPersons.has(String(customer.Id)),
    ),
    // A department when the customer's sales person is a synchronized employee.
    'customer-department': customerIds((customer) => employees.has(String(customer.SalesPersonEmployeeId))),
    // Contact persons of customers only: a supplier's have no B parent.
    'contactperson-contactperson': idsOf(
      a.contactperson.filter((person) => customers.has(String(person.ContactId))),
    ),
  };
}

/** The same, counted per B datatype: `{ contact: 200, customer: 50, ... }`. */
export function expectedCreates(a: ARecords): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const [flow, ids] of Object.entries(mustCreate(a))) {
    const datatype = flowNamed(flow).b.datatype;
    counts[datatype] = (counts[datatype] ?? 0) + ids.size;
  }
  return counts;
}

/** The A records of a running v2 simulator, read in process (no API calls). */
export function aRecordsOf(admin: { list(datatype: string): object[] }): ARecords {
  const list = (datatype: string) => admin.list(datatype) as Data[];
  return {
    supplier: list('supplier'),
    customer: list('customer'),
    employee: list('employee'),
    contactperson: list('contactperson'),
  };
}
