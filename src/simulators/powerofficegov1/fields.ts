// zod building blocks for v1 records (camelCase). Like the .NET API, unknown properties are
// ignored (not refused) and dates of birth read back as midnight date-times.
import { z } from 'zod';
import { isValidEmailAddress, isValidEmailAddressList } from '../common/emailAddress.js';

export const text = z.string().nullable().optional();
export const textUpTo = (max: number) => z.string().max(max).nullable().optional();
export const integer = z.number().int().nullable().optional();
export const flag = z.boolean().nullable().optional();
export const emailAddress = z
  .string()
  .refine(isValidEmailAddress, { error: 'is not a valid e-mail address' })
  .nullable()
  .optional();
export const emailAddresses = z
  .string()
  .refine((list) => isValidEmailAddressList(list), {
    error: 'holds an address that is not valid (at most 10, ;-separated)',
  })
  .nullable()
  .optional();
/** `1980-05-17` or any date-time on that day; stored and read back as `1980-05-17T00:00:00`. */
export const dateOfBirth = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}(T[\d:.]+(Z|[+-]\d{2}:?\d{2})?)?$/, { error: 'is not a valid date' })
  .transform((date) => `${date.slice(0, 10)}T00:00:00`)
  .nullable()
  .optional();
export const externalImportReference = textUpTo(50);
/** Server-set values in read schemas (they describe records for OData; never parsed from bodies). */
export const id = z.number().int();
export const timestamp = z.string();

export const V1AddressInput = z.object({
  address1: text,
  address2: text,
  city: text,
  zipCode: text,
  countryCode: text,
});
export type V1AddressInput = z.infer<typeof V1AddressInput>;

export const V1Address = V1AddressInput.extend({ id, lastChanged: timestamp });
export type V1Address = z.infer<typeof V1Address>;

/** Null for every field the schema has that the input left out: v1 writes are full writes. */
export function cleared(schema: z.ZodObject, input: object): Record<string, unknown> {
  return { ...Object.fromEntries(Object.keys(schema.shape).map((key) => [key, null])), ...input };
}

/** The address keeps its id; its timestamp moves when it changes. Null when none is given. */
export function toV1Address(
  input: V1AddressInput | null | undefined,
  previous: V1Address | null | undefined,
  now: string,
  nextId: () => number,
): V1Address | null {
  if (!input) return null;
  const address = {
    ...cleared(V1AddressInput, input),
    countryCode: input.countryCode ?? 'NO',
  } as V1AddressInput;
  const unchanged =
    previous && Object.entries(address).every(([key, value]) => previous[key as keyof V1Address] === value);
  return { ...address, id: previous?.id ?? nextId(), lastChanged: unchanged ? previous.lastChanged : now };
}
