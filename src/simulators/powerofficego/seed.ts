// Demo data for v2: departments, employees, customers (some people, some with a sales person,
// 0-3 contact persons each), suppliers (some the same contact as a customer, some with contact
// persons). Realistic Norwegian values from a seeded generator; one transaction, so 20,000
// suppliers take seconds, not minutes.
import { z } from 'zod';
import { type SeedResult, seedInTransaction } from '../common/admin.js';
import { type DemoAddress, type DemoCompany, DemoParties } from '../common/demoParties.js';
import { firstFree } from '../common/sequence.js';
import type { CustomerDto } from './customer.js';
import type { PowerofficegoRecords } from './records.js';

export const PowerofficegoSeedRequest = z
  .object({
    suppliers: z.number().int().min(0).default(25),
    customers: z.number().int().min(0).default(15),
    employees: z.number().int().min(0).default(5),
    departments: z.number().int().min(0).default(3),
    /** Exactly this many per customer; when left out, each customer gets 0 to 3. */
    contactPersonsPerCustomer: z.number().int().min(0).optional(),
    /** The same seed gives the same data. */
    seed: z.number().int().default(1),
  })
  .strict();
export type PowerofficegoSeedRequest = z.infer<typeof PowerofficegoSeedRequest>;

const departmentNames = [
  'Salg',
  'Innkjøp',
  'Økonomi',
  'Lager',
  'Service',
  'Administrasjon',
  'Marked',
  'Produksjon',
];
/** Share of customers that are also suppliers (same contact Id). */
const alsoSupplierShare = 0.2;

export function seedPowerofficego(
  records: PowerofficegoRecords,
  request: PowerofficegoSeedRequest,
): SeedResult {
  const { resources } = records;
  const nextDepartmentCode = () =>
    firstFree(
      (n) => String(n * 10),
      (code) => records.collections.department.hasUnique('Code', code),
    );
  return seedInTransaction(
    records.collections,
    (work) => records.database.transaction(work),
    (existing) => {
      const parties = new DemoParties(request.seed + existing);
      const departments = Array.from({ length: request.departments }, (_, i) =>
        resources.department.create({
          Name:
            i < departmentNames.length
              ? departmentNames[i]
              : `${departmentNames[i % departmentNames.length]} ${Math.floor(i / departmentNames.length) + 1}`,
          Code: nextDepartmentCode(),
        }),
      );
      const employees = Array.from({ length: request.employees }, () => {
        const person = parties.person('demo-regnskap.no');
        return resources.employee.create({
          FirstName: person.firstName,
          LastName: person.lastName,
          EmailAddress: person.emailAddress,
          PhoneNumber: person.phoneNumber,
          DateOfBirth: person.dateOfBirth,
          JobTitle: person.jobTitle,
          MailAddress: mailAddress(person.address),
          DepartmentId: departments.length > 0 ? parties.pick(departments).Id : null,
        });
      });

      const companyCustomers: { customer: CustomerDto; company: DemoCompany }[] = [];
      for (let i = 0; i < request.customers; i++) {
        const salesPerson = employees.length > 0 && parties.chance(0.5) ? parties.pick(employees).Id : null;
        let domain: string | undefined;
        let customer: CustomerDto;
        if (parties.chance(0.15)) {
          const person = parties.person();
          customer = resources.customer.create({
            IsPerson: true,
            FirstName: person.firstName,
            LastName: person.lastName,
            EmailAddress: person.emailAddress,
            PhoneNumber: person.phoneNumber,
            DateOfBirth: person.dateOfBirth,
            MailAddress: mailAddress(person.address),
            SalesPersonEmployeeId: salesPerson,
          });
        } else {
          const company = parties.company();
          domain = company.domain;
          customer = resources.customer.create({
            ...companyFields(company),
            InvoiceEmailAddress: `faktura@${company.domain}`,
            SalesPersonEmployeeId: salesPerson,
          });
          companyCustomers.push({ customer, company });
        }
        const persons = request.contactPersonsPerCustomer ?? parties.int(0, 3);
        for (let n = 0; n < persons; n++) addContactPerson(records, parties, customer.Id, domain);
      }

      const shared = Math.min(request.suppliers, Math.round(companyCustomers.length * alsoSupplierShare));
      for (const { customer, company } of companyCustomers.slice(0, shared)) {
        resources.supplier.create(companyFields(company), {
          Id: customer.Id,
          ContactCreatedDateTimeOffset: customer.ContactCreatedDateTimeOffset,
        });
      }
      for (let i = shared; i < request.suppliers; i++) {
        const company = parties.company();
        const supplier = resources.supplier.create(companyFields(company));
        if (parties.chance(0.3)) {
          for (let n = parties.int(1, 2); n > 0; n--) {
            addContactPerson(records, parties, supplier.Id, company.domain);
          }
        }
      }
    },
  );
}

function companyFields(company: DemoCompany) {
  return {
    Name: company.name,
    LegalName: company.legalName,
    OrganizationNumber: company.organisationNumber,
    EmailAddress: company.emailAddress,
    PhoneNumber: company.phoneNumber,
    WebsiteUrl: company.websiteUrl,
    MailAddress: mailAddress(company.address),
  };
}

function addContactPerson(
  records: PowerofficegoRecords,
  parties: DemoParties,
  contactId: number,
  domain?: string,
): void {
  const person = parties.person(domain);
  records.createContactPerson(contactId, {
    FirstName: person.firstName,
    LastName: person.lastName,
    EmailAddress: person.emailAddress,
    PhoneNumber: person.phoneNumber,
    Title: person.jobTitle,
    MailAddress: mailAddress(person.address),
  });
}

function mailAddress(address: DemoAddress) {
  return {
    AddressLine1: address.street,
    City: address.city,
    ZipCode: address.zipCode,
    CountryCode: address.countryCode,
  };
}
