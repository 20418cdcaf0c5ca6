// Flow 1 — the seed's "Powerofficego Customer to PowerOfficeGov1 Customer" (created on dependency).
import { addressFields, dateField, matchEmail, same, text } from './common.js';
import { defineFlow } from './flow.js';
import { digitsOnly } from './transforms.js';
import { prop } from './values.js';

export const customerToCustomer = defineFlow({
  name: 'customer-customer',
  a: { system: 'powerofficego', datatype: 'customer', label: 'Customer' },
  b: { system: 'powerofficegov1', datatype: 'customer', label: 'Customer' },
  policy: 'on-dependency',
  policySentence:
    'A new PowerOfficeGov1 Customer will be created from a Powerofficego Customer if it is connected to a ' +
    'Powerofficego Customer, Supplier, Customers, or Contactperson that is synchronized into PowerOfficeGov1.',
  // A supplier that is the same party (same contact Id); contact persons name this flow as parent.
  createdWhenLinked: [{ flow: 'supplier-contact', sameId: true }],
  match: [
    {
      label: { a: 'OrganizationNumber', b: 'vatNumber' },
      // B may hold the number with or without the usual 3-3-3 grouping.
      values: (customer) => {
        const digits = digitsOnly(text(customer, 'OrganizationNumber') ?? null);
        if (typeof digits !== 'string' || digits === '') return [];
        const grouped = digits.length === 9 ? digits.replace(/^(\d{3})(\d{3})(\d{3})$/, '$1 $2 $3') : digits;
        return [...new Set([digits, grouped])];
      },
      bField: 'vatNumber',
    },
    matchEmail('emailAddress'),
  ],
  fields: [
    same('Name', 'name'),
    same('LegalName', 'legalName'),
    same('FirstName', 'firstName'),
    same('LastName', 'lastName'),
    dateField('DateOfBirth', 'dateOfBirth'),
    same('EmailAddress', 'emailAddress'),
    same('InvoiceEmailAddress', 'invoiceEmailAddress'),
    same('InvoiceEmailAddressCC', 'invoiceEmailAddressCC'),
    same('PhoneNumber', 'phoneNumber'),
    same('WebsiteUrl', 'websiteUrl'),
    {
      a: prop('OrganizationNumber'),
      b: prop('vatNumber'),
      bType: '"string"',
      // Norwegian organisation numbers are stored without their grouping spaces.
      toB: (value, customer) =>
        prop('MailAddress.CountryCode').get(customer) === 'NO' ? digitsOnly(value) : value,
    },
    ...addressFields('mailAddress.'),
    same('IsArchived', 'isArchived', '"boolean"'),
  ],
});
