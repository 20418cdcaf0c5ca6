// Addresses: a contact's MailAddress (ContactAddress*, with its own Id and timestamp) and a
// contact person's (Address*). City and ZipCode are required when an address is given.
import { z } from 'zod';
import type { Sequence } from '../common/sequence.js';
import { id, text, textUpTo, timestamp } from './fields.js';

const addressFields = {
  AddressLine1: textUpTo(200),
  AddressLine2: textUpTo(200),
  City: z.string().max(100),
  CountryCode: text,
  ZipCode: z.string().max(50),
};

export const AddressPostDto = z.object(addressFields).strict();
export type AddressPostDto = z.infer<typeof AddressPostDto>;

export const ContactAddressPostDto = z.object({ ...addressFields, ExternalCode: textUpTo(50) }).strict();
export type ContactAddressPostDto = z.infer<typeof ContactAddressPostDto>;

const readAddressFields = { ...addressFields, City: text, ZipCode: text };

export const AddressDto = z.object(readAddressFields).strict();
export type AddressDto = z.infer<typeof AddressDto>;

export const ContactAddressDto = z
  .object({ ...readAddressFields, ExternalCode: text, Id: id, LastChangedDateTimeOffset: timestamp })
  .strict();
export type ContactAddressDto = z.infer<typeof ContactAddressDto>;

const emptyAddress = { AddressLine1: null, AddressLine2: null, City: null, CountryCode: null, ZipCode: null };

// Reads always show an address object (a contact's address entity exists even when empty).
export function toAddressDto(input: AddressPostDto | null | undefined): AddressDto {
  return input ? { ...emptyAddress, ...input, CountryCode: input.CountryCode ?? 'NO' } : emptyAddress;
}

/** Keeps the address's Id; its timestamp moves only when the address itself changed. */
export function toContactAddressDto(
  input: ContactAddressPostDto | null | undefined,
  previous: ContactAddressDto | undefined,
  now: string,
  addressIds: Sequence,
): ContactAddressDto {
  const address = { ...toAddressDto(input), ExternalCode: input?.ExternalCode ?? null };
  const unchanged =
    previous &&
    Object.entries(address).every(([key, value]) => previous[key as keyof ContactAddressDto] === value);
  return {
    ...address,
    Id: previous?.Id ?? addressIds.next(),
    LastChangedDateTimeOffset: unchanged ? previous.LastChangedDateTimeOffset : now,
  };
}

/** The writable part of a stored address: null when nothing was ever filled in. */
export function toAddressInput<A extends AddressDto>(
  address: A | null | undefined,
): Record<string, unknown> | null {
  if (!address || (address.City == null && address.ZipCode == null && address.AddressLine1 == null)) {
    return null;
  }
  const { AddressLine1, AddressLine2, City, CountryCode, ZipCode } = address;
  const input: Record<string, unknown> = { AddressLine1, AddressLine2, City, CountryCode, ZipCode };
  if ('ExternalCode' in address) input.ExternalCode = address.ExternalCode;
  return input;
}
