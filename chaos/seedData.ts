// The data a run starts from: v2 seeded with demo data (some suppliers also customers, some
// customers with a sales person, one contact person per customer), and a tenth of the suppliers,
// customers and employees already present in v1, for the links to find by their match rules
// rather than create. Their v1 phone numbers differ, so the first link has something to settle.
import type { RunningPowerofficegoSimulator } from '../src/simulators/powerofficego/server.js';
import type { RunningPowerofficegov1Simulator } from '../src/simulators/powerofficegov1/server.js';
import type { ChaosOptions } from './options.js';
import type { Random } from './random.js';

type Fields = Record<string, unknown>;

export interface SeedSummary {
  powerofficego: Record<string, number>;
  /** Records put in v1 before the sync, by datatype: each has one A record it must be linked to. */
  preexisting: Record<string, number>;
}

const SHARE_ALREADY_IN_V1 = 0.1;

export function seedWorld(
  v2: RunningPowerofficegoSimulator,
  v1: RunningPowerofficegov1Simulator,
  options: ChaosOptions,
  random: Random,
): SeedSummary {
  const powerofficego = v2.admin.seed({
    suppliers: options.suppliers,
    customers: options.customers,
    employees: options.employees,
    contactPersonsPerCustomer: 1,
    seed: options.seed,
  });
  const list = (datatype: string) => v2.admin.list(datatype) as Fields[];
  const someOf = (records: Fields[]) =>
    random.sample(records, Math.max(1, Math.round(records.length * SHARE_ALREADY_IN_V1)));
  const oldPhone = (n: number) => `+47 22 ${String(10_000 + n).slice(1, 3)} ${String(10_000 + n).slice(3)}`;

  const suppliers = someOf(uniqueBy(list('supplier'), 'EmailAddress'));
  suppliers.forEach((supplier, n) =>
    v1.admin.create('contact', {
      Name: supplier.LegalName ?? supplier.Name,
      Emails: [{ Value: supplier.EmailAddress }],
      Phones: [{ Value: oldPhone(n) }],
    }),
  );
  const companies = uniqueBy(
    list('customer').filter((customer) => !customer.IsPerson),
    'OrganizationNumber',
  );
  const customers = someOf(companies);
  customers.forEach((customer, n) =>
    v1.admin.create('customer', {
      name: customer.Name,
      vatNumber: String(customer.OrganizationNumber).replace(/\D/g, ''),
      phoneNumber: oldPhone(n),
    }),
  );
  const employees = someOf(uniqueBy(list('employee'), 'EmailAddress'));
  employees.forEach((employee, n) =>
    v1.admin.create('employee', {
      firstName: employee.FirstName,
      lastName: employee.LastName,
      emailAddress: employee.EmailAddress,
      phoneNumber: oldPhone(n),
    }),
  );
  return {
    powerofficego,
    preexisting: { contact: suppliers.length, customer: customers.length, employee: employees.length },
  };
}

/** Records whose `key` is set and no other record shares: a v1 record for them matches one A record only. */
function uniqueBy(records: Fields[], key: string): Fields[] {
  const count = new Map<string, number>();
  const keyOf = (record: Fields) =>
    String(record[key] ?? '')
      .trim()
      .toLowerCase();
  for (const record of records) count.set(keyOf(record), (count.get(keyOf(record)) ?? 0) + 1);
  return records.filter((record) => keyOf(record) !== '' && count.get(keyOf(record)) === 1);
}
