// Contact persons of a customer or supplier: ContactPersonPostDto and ContactPersonDto as the
// OpenAPI file has them. Own id series; the parent's LastChangedDateTimeOffset never moves.
import { z } from 'zod';
import type { ResourceDefinition } from '../common/resource.js';
import { AddressDto, AddressPostDto, toAddressDto, toAddressInput } from './address.js';
import type { PowerofficegoContext } from './context.js';
import {
  emailAddress,
  flag,
  id,
  nullsFor,
  pick,
  requiredText,
  text,
  textUpTo,
  timestamp,
  withValues,
} from './fields.js';

const contactPersonFields = {
  EmailAddress: emailAddress,
  ExternalCode: textUpTo(50),
  IsActive: flag,
  IsDefault: flag,
  PhoneNumber: text,
  Title: text,
};

export const ContactPersonPostDto = z
  .object({
    ...contactPersonFields,
    FirstName: requiredText,
    LastName: requiredText,
    MailAddress: AddressPostDto.nullable().optional(),
  })
  .strict();
export type ContactPersonPostDto = z.infer<typeof ContactPersonPostDto>;

export const ContactPersonDto = z
  .object({
    ...contactPersonFields,
    FirstName: text,
    LastName: text,
    MailAddress: AddressDto,
    ContactId: id,
    CreatedDateTimeOffset: timestamp,
    Id: id,
    LastChangedDateTimeOffset: timestamp,
  })
  .strict();
export type ContactPersonDto = z.infer<typeof ContactPersonDto>;

export function contactPersonDefinition(
  context: PowerofficegoContext,
): ResourceDefinition<ContactPersonDto, ContactPersonPostDto> {
  return {
    datatype: 'contactperson',
    title: 'ContactPerson',
    collection: context.collections.contactperson,
    input: ContactPersonPostDto,
    toInput: (person) =>
      ({
        ...pick(person, ContactPersonPostDto),
        MailAddress: toAddressInput(person.MailAddress),
      }) as ContactPersonPostDto,
    build(input, previous, fixed) {
      const now = context.clock.next();
      const { MailAddress, ...fields } = input;
      return {
        ...nullsFor(ContactPersonDto),
        IsActive: true,
        IsDefault: false,
        ...withValues(fields),
        MailAddress: toAddressDto(MailAddress),
        Id: previous?.Id ?? context.contactPersonIds.next(),
        ContactId: previous?.ContactId ?? fixed.ContactId,
        CreatedDateTimeOffset: previous?.CreatedDateTimeOffset ?? now,
        LastChangedDateTimeOffset: now,
      } as ContactPersonDto;
    },
  };
}
