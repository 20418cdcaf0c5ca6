// Pieces several flows share: the address block, e-mail matching, reading an id off a record.
import type { FieldMapping, MatchRule } from './flow.js';
import { dateOnly, emailKey } from './transforms.js';
import { isEmpty, normalized, prop, type Data } from './values.js';

/** The record's value at `key` as text, when there is one. */
export function text(record: Data, key: string): string | undefined {
  const value = record[key];
  return (typeof value === 'string' || typeof value === 'number') && !isEmpty(String(value))
    ? String(value).trim()
    : undefined;
}

/** A two-way field with the same meaning on both sides. */
export function same(a: string, b: string, bType = '"string"'): FieldMapping {
  return { a: prop(a), b: prop(b), bType };
}

/** A date both APIs may spell as a date-time: compared and written as `YYYY-MM-DD`. */
export function dateField(a: string, b: string): FieldMapping {
  return { a: normalized(prop(a), dateOnly), b: normalized(prop(b), dateOnly), bType: '"date"' };
}

/** v2 `MailAddress.*` ↔ v1 `<bPrefix>*` with v1's names for the address lines. */
export function addressFields(bPrefix: string, bCountry = `${bPrefix}countryCode`): FieldMapping[] {
  return [
    same('MailAddress.AddressLine1', `${bPrefix}address1`),
    same('MailAddress.AddressLine2', `${bPrefix}address2`),
    same('MailAddress.City', `${bPrefix}city`),
    same('MailAddress.ZipCode', `${bPrefix}zipCode`),
    same('MailAddress.CountryCode', bCountry),
  ];
}

/** Match on e-mail address, trimmed and case-insensitive. */
export function matchEmail(bField: string): MatchRule {
  return {
    label: { a: 'EmailAddress', b: bField },
    values: (a) => {
      const email = emailKey(text(a, 'EmailAddress') ?? null);
      return typeof email === 'string' ? [email] : [];
    },
    bField,
  };
}
