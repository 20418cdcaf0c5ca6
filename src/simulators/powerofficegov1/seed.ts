// Demo data for v1, for records that exist in v1 before any sync (none by default: v1 is the
// system the sync fills). Same Norwegian generator as v2's seed.
import { z } from 'zod';
import { type SeedResult, seedInTransaction } from '../common/admin.js';
import { type DemoAddress, DemoParties } from '../common/demoParties.js';
import { firstFree } from '../common/sequence.js';
import type { Powerofficegov1Records } from './records.js';

export const Powerofficegov1SeedRequest = z
  .object({
    customers: z.number().int().min(0).default(0),
    employees: z.number().int().min(0).default(0),
    departments: z.number().int().min(0).default(0),
    contacts: z.number().int().min(0).default(0),
    /** Exactly this many per customer; when left out, each customer gets 0 to 2. */
    contactPersonsPerCustomer: z.number().int().min(0).optional(),
    seed: z.number().int().default(1),
  })
  .strict();
export type Powerofficegov1SeedRequest = z.infer<typeof Powerofficegov1SeedRequest>;

export function seedPowerofficegov1(
  records: Powerofficegov1Records,
  request: Powerofficegov1SeedRequest,
): SeedResult {
  const { resources } = records;
  const nextDepartmentCode = () =>
    firstFree(
      (n) => `V1-${n * 10}`,
      (code) => records.collections.department.hasUnique('code', code.toLowerCase()),
    );
  return seedInTransaction(
    records.collections,
    (work) => records.database.transaction(work),
    (existing) => {
      const parties = new DemoParties(request.seed + existing);
      for (let i = 0; i < request.departments; i++) {
        resources.department.create({ name: `Avdeling ${i + 1}`, code: nextDepartmentCode() });
      }
      for (let i = 0; i < request.employees; i++) {
        const person = parties.person('v1-demo.no');
        resources.employee.create({
          firstName: person.firstName,
          lastName: person.lastName,
          emailAddress: person.emailAddress,
          phoneNumber: person.phoneNumber,
          jobTitle: person.jobTitle,
          dateOfBirth: person.dateOfBirth,
          mailAddress: mailAddress(person.address),
        });
      }
      for (let i = 0; i < request.customers; i++) {
        const company = parties.company();
        const customer = resources.customer.create({
          name: company.name,
          legalName: company.legalName,
          vatNumber: company.organisationNumber.replace(/\s/g, ''),
          emailAddress: company.emailAddress,
          phoneNumber: company.phoneNumber,
          websiteUrl: company.websiteUrl,
          mailAddress: mailAddress(company.address),
        });
        for (let n = request.contactPersonsPerCustomer ?? parties.int(0, 2); n > 0; n--) {
          const person = parties.person(company.domain);
          records.createContactPerson(customer.id, {
            firstName: person.firstName,
            lastName: person.lastName,
            emailAddress: person.emailAddress,
            phoneNumber: person.phoneNumber,
          });
        }
      }
      for (let i = 0; i < request.contacts; i++) {
        const company = parties.company();
        resources.contact.create({
          Name: company.legalName,
          Emails: [{ Value: company.emailAddress }],
          Phones: [{ Value: company.phoneNumber }],
          Urls: [{ Value: company.websiteUrl }],
          Domains: [company.domain],
        });
      }
    },
  );
}

function mailAddress(address: DemoAddress) {
  return {
    address1: address.street,
    city: address.city,
    zipCode: address.zipCode,
    countryCode: address.countryCode,
  };
}
