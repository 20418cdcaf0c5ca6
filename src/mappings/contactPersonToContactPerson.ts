// Flow 5 — A Contactperson ↔ B Contact person: needed by flow 1. Only contact persons of customers
// have a B parent; the parent's link decides that (a supplier's contact is not a customer).
import { matchEmail, same, text } from './common.js';
import { defineFlow } from './flow.js';

export const contactPersonToContactPerson = defineFlow({
  name: 'contactperson-contactperson',
  a: { system: 'powerofficego', datatype: 'contactperson', label: 'Contactperson' },
  b: { system: 'powerofficegov1', datatype: 'contactperson', label: 'Contact person' },
  policy: 'always',
  policySentence:
    'Every Powerofficego Contactperson of a Customer will be synchronized with a PowerOfficeGov1 Contact person.',
  parent: {
    flow: 'customer-customer',
    aId: (person) => text(person, 'ContactId'),
    aField: 'ContactId',
    bField: 'partyId',
  },
  match: [matchEmail('emailAddress')],
  fields: [
    same('FirstName', 'firstName'),
    same('LastName', 'lastName'),
    same('EmailAddress', 'emailAddress'),
    same('PhoneNumber', 'phoneNumber'),
    same('MailAddress.AddressLine1', 'address1'),
    same('MailAddress.AddressLine2', 'address2'),
    same('MailAddress.City', 'city'),
    same('MailAddress.ZipCode', 'zipCode'),
    same('MailAddress.CountryCode', 'residenceCountryCode'),
    same('IsActive', 'isActive', '"boolean"'),
  ],
});
