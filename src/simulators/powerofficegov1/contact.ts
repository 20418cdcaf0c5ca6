// The seed's Contact (/Contact by default): PascalCase lists of {Value} and Domains, keyed by
// ContactId, with v1's camelCase externalImportReference and lastChanged.
import { z } from 'zod';
import { omit } from '../common/omit.js';
import type { ResourceDefinition } from '../common/resource.js';
import { externalImportReferenceRule, type Powerofficegov1Context } from './context.js';
import { emailAddress, externalImportReference, id, timestamp } from './fields.js';

const values = <T extends z.ZodType>(value: T) =>
  z
    .array(z.object({ Value: value }))
    .nullable()
    .optional();

/** A web address as the product's form takes it: http(s) and a host with a dot. */
const webAddress = z.string().refine(
  (text) => {
    try {
      const url = new URL(text);
      return ['http:', 'https:'].includes(url.protocol) && url.hostname.includes('.');
    } catch {
      return false;
    }
  },
  { error: 'is not a valid web address (http or https)' },
);

const contactFields = {
  Name: z.string().min(1),
  Emails: values(emailAddress.unwrap().unwrap()),
  Phones: values(z.string()),
  Urls: values(webAddress),
  Domains: z.array(z.string()).nullable().optional(),
  externalImportReference,
};

export const V1ContactInput = z.object(contactFields);
export type V1ContactInput = z.infer<typeof V1ContactInput>;

export const V1Contact = z.object({ ...contactFields, ContactId: id, lastChanged: timestamp });
export type V1Contact = z.infer<typeof V1Contact>;

export function contactDefinition(
  context: Powerofficegov1Context,
): ResourceDefinition<V1Contact, V1ContactInput> {
  return {
    datatype: 'contact',
    title: 'Contact',
    collection: context.collections.contact,
    input: V1ContactInput,
    unique: [externalImportReferenceRule('contact')],
    toInput: (contact) => omit(contact, 'ContactId', 'lastChanged') as V1ContactInput,
    build: (input, previous) => ({
      Name: input.Name,
      Emails: input.Emails ?? [],
      Phones: input.Phones ?? [],
      Urls: input.Urls ?? [],
      Domains: input.Domains ?? [],
      externalImportReference: input.externalImportReference ?? null,
      ContactId: previous?.ContactId ?? context.ids.contact.next(),
      lastChanged: context.clock.next(),
    }),
  };
}
