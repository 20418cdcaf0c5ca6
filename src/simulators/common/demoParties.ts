// Realistic Norwegian demo parties for both simulators' seeds: companies with valid organisation
// numbers, people, addresses, +47 phone numbers, e-mail addresses and web sites. Seeded, so the
// same seed gives the same data.
import { Faker, base, en, nb_NO } from '@faker-js/faker';
import { newOrganisationNumber } from './organisationNumber.js';
import { firstFree } from './sequence.js';

export interface DemoAddress {
  street: string;
  zipCode: string;
  city: string;
  countryCode: 'NO';
}

export interface DemoCompany {
  name: string;
  legalName: string;
  /** Nine digits; some written with spaces ("923 609 016") as people type them. */
  organisationNumber: string;
  emailAddress: string;
  phoneNumber: string;
  websiteUrl: string;
  /** The e-mail domain, for the company's people. */
  domain: string;
  address: DemoAddress;
}

export interface DemoPerson {
  firstName: string;
  lastName: string;
  emailAddress: string;
  phoneNumber: string;
  dateOfBirth: string;
  jobTitle: string;
  address: DemoAddress;
}

const jobTitles = [
  'Daglig leder',
  'Økonomisjef',
  'Regnskapsfører',
  'Innkjøper',
  'Selger',
  'Prosjektleder',
  'Konsulent',
];
const legalForms = /\s(AS|ASA|ANS|DA|ENK|SA)$/;

export class DemoParties {
  readonly #faker = new Faker({ locale: [nb_NO, en, base] });
  readonly #usedNames = new Set<string>();

  constructor(seed: number) {
    this.#faker.seed(seed);
    this.#faker.setDefaultRefDate('2025-01-01T00:00:00Z');
  }

  company(): DemoCompany {
    const companyName = this.#faker.company.name().replace(legalForms, '');
    const name = this.#unique((n) => (n === 1 ? companyName : `${companyName} ${n}`));
    const domain = `${slug(name)}.no`;
    return {
      name,
      legalName: `${name} AS`,
      organisationNumber: this.#organisationNumber(),
      emailAddress: `${this.pick(['post', 'firmapost', 'kontakt', 'faktura'])}@${domain}`,
      phoneNumber: this.phoneNumber(),
      websiteUrl: this.chance(0.6) ? `https://www.${domain}` : `https://${domain}`,
      domain,
      address: this.address(),
    };
  }

  /** A person; with `domain`, their address is at that company. */
  person(domain = 'epost.no'): DemoPerson {
    const firstName = this.#faker.person.firstName();
    const lastName = this.#faker.person.lastName();
    const local = `${slug(firstName)}.${slug(lastName)}`;
    const emailAddress = this.#unique((n) => `${local}${n === 1 ? '' : n}@${domain}`);
    return {
      firstName,
      lastName,
      emailAddress,
      phoneNumber: this.phoneNumber(),
      dateOfBirth: this.#faker.date.birthdate({ mode: 'age', min: 20, max: 67 }).toISOString().slice(0, 10),
      jobTitle: this.pick(jobTitles),
      address: this.address(),
    };
  }

  address(): DemoAddress {
    return {
      street: this.#faker.location.streetAddress(),
      zipCode: this.#faker.location.zipCode('####'),
      city: this.#faker.location.city(),
      countryCode: 'NO',
    };
  }

  /** A Norwegian mobile number as people write it: `+47 9xx xx xxx`. */
  phoneNumber(): string {
    const digits = this.#faker.string.numeric(7);
    return `+47 9${digits.slice(0, 2)} ${digits.slice(2, 4)} ${digits.slice(4)}`;
  }

  chance(probability: number): boolean {
    return this.#faker.number.float() < probability;
  }

  int(min: number, max: number): number {
    return this.#faker.number.int({ min, max });
  }

  pick<T>(items: readonly T[]): T {
    return this.#faker.helpers.arrayElement(items);
  }

  #organisationNumber(): string {
    const digits = newOrganisationNumber((min, max) => this.int(min, max));
    return this.chance(0.25) ? `${digits.slice(0, 3)} ${digits.slice(3, 6)} ${digits.slice(6)}` : digits;
  }

  // Thousands of records reuse names; a number keeps names, domains and e-mail addresses apart.
  #unique(variant: (n: number) => string): string {
    const value = firstFree(variant, (candidate) => this.#usedNames.has(candidate));
    this.#usedNames.add(value);
    return value;
  }
}

/** ASCII, lower case, words joined by `-`: "Øvre Ås & Co" → "ovre-as-co". */
export function slug(text: string): string {
  return text
    .toLowerCase()
    .replace(/æ/g, 'ae')
    .replace(/ø/g, 'o')
    .replace(/å/g, 'a')
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}
