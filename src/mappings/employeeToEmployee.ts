// Flow 4 — A Employee ↔ B Employee: needed by flow 2 (a customer's sales person).
import { addressFields, dateField, matchEmail, same } from './common.js';
import { defineFlow } from './flow.js';

export const employeeToEmployee = defineFlow({
  name: 'employee-employee',
  a: { system: 'powerofficego', datatype: 'employee', label: 'Employee' },
  b: { system: 'powerofficegov1', datatype: 'employee', label: 'Employee' },
  policy: 'always',
  policySentence: 'Every Powerofficego Employee will be synchronized with a PowerOfficeGov1 Employee.',
  match: [matchEmail('emailAddress')],
  fields: [
    same('FirstName', 'firstName'),
    same('LastName', 'lastName'),
    dateField('DateOfBirth', 'dateOfBirth'),
    same('EmailAddress', 'emailAddress'),
    same('PhoneNumber', 'phoneNumber'),
    same('JobTitle', 'jobTitle'),
    ...addressFields('mailAddress.'),
    same('IsArchived', 'isArchived', '"boolean"'),
  ],
});
