// v1 Customer (/Customer): the fields SYSTEMS.md lists. `code` is the customer number (unique,
// next free when left out); a company needs a name, a person a first and last name.
import { z } from 'zod';
import { omit } from '../common/omit.js';
import type { ResourceDefinition } from '../common/resource.js';
import { codeRule, externalImportReferenceRule, type Powerofficegov1Context } from './context.js';
import {
  cleared,
  dateOfBirth,
  emailAddress,
  emailAddresses,
  externalImportReference,
  flag,
  id,
  integer,
  text,
  timestamp,
  toV1Address,
  V1Address,
  V1AddressInput,
} from './fields.js';

const customerFields = {
  code: integer,
  name: text,
  legalName: text,
  firstName: text,
  lastName: text,
  dateOfBirth,
  vatNumber: text,
  emailAddress,
  phoneNumber: text,
  websiteUrl: text,
  invoiceEmailAddress: emailAddress,
  invoiceEmailAddressCC: emailAddresses,
  isArchived: flag,
  isPerson: flag,
  externalImportReference,
};

export const V1CustomerInput = z
  .object({ ...customerFields, mailAddress: V1AddressInput.nullable().optional() })
  .superRefine((customer, context) => {
    if (customer.name || (customer.isPerson && customer.firstName && customer.lastName)) return;
    const message = customer.isPerson ? 'is required (or firstName and lastName)' : 'is required';
    context.addIssue({ code: 'custom', path: ['name'], message });
  });
export type V1CustomerInput = z.infer<typeof V1CustomerInput>;

export const V1Customer = z.object({
  ...customerFields,
  id,
  mailAddress: V1Address.nullable(),
  lastChanged: timestamp,
  createdDate: timestamp,
});
export type V1Customer = z.infer<typeof V1Customer>;

export function customerDefinition(
  context: Powerofficegov1Context,
): ResourceDefinition<V1Customer, V1CustomerInput> {
  const collection = context.collections.customer;
  return {
    datatype: 'customer',
    title: 'Customer',
    collection,
    input: V1CustomerInput,
    unique: [externalImportReferenceRule('customer'), codeRule('customer')],
    toInput: (customer) => omit(customer, 'id', 'lastChanged', 'createdDate') as V1CustomerInput,
    build(input, previous) {
      const now = context.clock.next();
      return {
        ...cleared(V1CustomerInput, input),
        id: previous?.id ?? context.ids.customer.next(),
        // The customer number stays when an update leaves it out.
        code:
          input.code ??
          previous?.code ??
          context.codes.customer.next((code) => collection.hasUnique('code', code)),
        name: input.name || `${input.firstName ?? ''} ${input.lastName ?? ''}`.trim(),
        isArchived: input.isArchived ?? false,
        isPerson: input.isPerson ?? false,
        mailAddress: toV1Address(input.mailAddress, previous?.mailAddress, now, () =>
          context.ids.address.next(),
        ),
        lastChanged: now,
        createdDate: previous?.createdDate ?? now,
      } as V1Customer;
    },
    afterDelete(customer) {
      const persons = context.collections.contactperson;
      for (const person of persons.values()) if (person.partyId === customer.id) persons.delete(person.id);
    },
  };
}
