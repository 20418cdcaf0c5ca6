// Flow 3 — the seed's "Powerofficego Supplier to PowerOfficeGov1 Contact", row for row.
import { defineFlow } from './flow.js';
import { text } from './common.js';
import { matchEmail } from './common.js';
import { urlToDomains } from './transforms.js';
import { firstOf, isEmpty, prop, toValue, type Accessor } from './values.js';

/** The seed maps LegalName; a supplier without one is known by its Name. B → A writes LegalName. */
const legalNameOrName: Accessor = {
  label: 'LegalName',
  get: (supplier) => (isEmpty(supplier.LegalName) ? toValue(supplier.Name) : toValue(supplier.LegalName)),
  set: (supplier, value) => ({ ...supplier, LegalName: value }),
};

export const supplierToContact = defineFlow({
  name: 'supplier-contact',
  a: { system: 'powerofficego', datatype: 'supplier', label: 'Supplier' },
  b: { system: 'powerofficegov1', datatype: 'contact', label: 'Contact' },
  policy: 'always',
  policySentence: 'Every Powerofficego Supplier will be synchronized with a PowerOfficeGov1 Contact.',
  match: [
    {
      label: {
        a: 'InternationalIdNumber (Dependant on having superoffice-contactid in poweroffice-customer:InternationalIdType)',
        b: 'ContactId',
      },
      values: (supplier) => {
        const id = text(supplier, 'InternationalIdNumber');
        return supplier.InternationalIdType === 'superoffice-contactid' && id ? [id] : [];
      },
      bField: 'ContactId',
      byId: true,
    },
    matchEmail('Emails.Value'),
  ],
  fields: [
    { a: prop('EmailAddress'), b: firstOf('Emails'), bType: '"string"' },
    { a: legalNameOrName, b: prop('Name'), bType: '"string"' },
    { a: prop('PhoneNumber'), b: firstOf('Phones'), bType: '"string"' },
    { a: prop('WebsiteUrl'), b: prop('Domains'), bType: '"list"', toB: urlToDomains, toA: null },
    { a: prop('WebsiteUrl'), b: firstOf('Urls'), bType: '"string"' },
  ],
});
