// Flow 2 — the seed's "Powerofficego Customer to PowerOfficeGov1 Department". The seed's table is
// empty; DATAFLOWS.md decides the fields.
import { same, text } from './common.js';
import { defineFlow } from './flow.js';
import { asText, negate } from './transforms.js';
import { prop } from './values.js';

export const customerToDepartment = defineFlow({
  name: 'customer-department',
  a: { system: 'powerofficego', datatype: 'customer', label: 'Customer' },
  b: { system: 'powerofficegov1', datatype: 'department', label: 'Department' },
  policy: 'on-dependency',
  policySentence:
    'A new PowerOfficeGov1 Department will be created from a Powerofficego Customer if it is connected to a ' +
    'Powerofficego Employee that is synchronized into PowerOfficeGov1.',
  // The customer's sales person.
  createdWhenLinked: [
    { flow: 'employee-employee', aId: (customer) => text(customer, 'SalesPersonEmployeeId') },
  ],
  match: [
    {
      label: { a: 'Number', b: 'code' },
      values: (customer) => [text(customer, 'Number')].filter((number) => number !== undefined),
      bField: 'code',
    },
  ],
  fields: [
    same('Name', 'name'),
    { a: prop('Number'), b: prop('code'), bType: '"string"', toB: asText, onCreateOnly: true },
    { a: prop('IsArchived'), b: prop('isActive'), bType: '"boolean"', toB: negate, toA: negate },
  ],
});
