// v1 contact persons of a customer (/Customer/{partyId}/Contact). The customer's lastChanged
// does not move when its contact persons change.
import { z } from 'zod';
import { omit } from '../common/omit.js';
import type { ResourceDefinition } from '../common/resource.js';
import type { Powerofficegov1Context } from './context.js';
import { cleared, dateOfBirth, emailAddress, flag, id, text, timestamp } from './fields.js';

const contactPersonFields = {
  firstName: z.string().min(1),
  lastName: z.string().min(1),
  emailAddress,
  phoneNumber: text,
  address1: text,
  address2: text,
  city: text,
  zipCode: text,
  residenceCountryCode: text,
  dateOfBirth,
  isActive: flag,
  externalCode: text,
};

export const V1ContactPersonInput = z.object(contactPersonFields);
export type V1ContactPersonInput = z.infer<typeof V1ContactPersonInput>;

export const V1ContactPerson = z.object({ ...contactPersonFields, id, partyId: id, lastChanged: timestamp });
export type V1ContactPerson = z.infer<typeof V1ContactPerson>;

export function contactPersonDefinition(
  context: Powerofficegov1Context,
): ResourceDefinition<V1ContactPerson, V1ContactPersonInput> {
  return {
    datatype: 'contactperson',
    title: 'Contact person',
    collection: context.collections.contactperson,
    input: V1ContactPersonInput,
    toInput: (person) => omit(person, 'id', 'partyId', 'lastChanged') as V1ContactPersonInput,
    build: (input, previous, fixed) =>
      ({
        ...cleared(V1ContactPersonInput, input),
        id: previous?.id ?? context.ids.contactperson.next(),
        partyId: previous?.partyId ?? fixed.partyId,
        isActive: input.isActive ?? true,
        lastChanged: context.clock.next(),
      }) as V1ContactPerson,
  };
}
