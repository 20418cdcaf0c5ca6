// zod building blocks for the v2 DTOs, as the OpenAPI file types them: every property nullable
// and optional unless the file says required; int64 as integers; dates as yyyy-MM-dd.
import { z } from 'zod';
import { isValidEmailAddress, isValidEmailAddressList } from '../common/emailAddress.js';

export const text = z.string().nullable().optional();
export const textUpTo = (max: number) => z.string().max(max).nullable().optional();
export const requiredText = z.string().min(1);
export const integer = z.number().int().nullable().optional();
export const decimal = z.number().nullable().optional();
export const flag = z.boolean().nullable().optional();
export const date = z.iso.date().nullable().optional();
export const uuid = z.guid().nullable().optional();
export const integers = z.array(z.number().int()).nullable().optional();
export const emailAddress = z
  .string()
  .refine(isValidEmailAddress, { error: 'is not a valid e-mail address' })
  .nullable()
  .optional();
export const emailAddresses = z
  .string()
  .max(2000)
  .refine((list) => isValidEmailAddressList(list), {
    error: 'holds an address that is not valid (at most 10, ;-separated)',
  })
  .nullable()
  .optional();
/** Norwegian national identity number (fødselsnummer / D-number): eleven digits. */
export const nationalIdNumber = z
  .string()
  .regex(/^\d{11}$/, { error: 'must be eleven digits' })
  .nullable()
  .optional();
/** Read-only timestamps the server sets. */
export const timestamp = z.string();
export const id = z.number().int();

export const InvoiceDeliveryType = z.enum([
  'PdfByEmail',
  'Print',
  'EHF',
  'AvtaleGiro',
  'External',
  'Efaktura',
  'Factoring',
]);
export const DeliveryType = z.enum(['PdfByEmail', 'Print']);
export const Gender = z.enum(['Male', 'Female', 'Hidden']);
export const InternationalIdType = z.enum([
  'PassportNumber',
  'NationalIdentityNumber',
  'TaxIdentificationNumber',
  'ValueAddedTaxIdentificationNumber',
]);

const nullsBySchema = new WeakMap<z.ZodObject, Record<string, null>>();

/** Null for every property of a DTO schema: the base a full DTO is built on. */
export function nullsFor(schema: z.ZodObject): Record<string, null> {
  if (!nullsBySchema.has(schema)) {
    nullsBySchema.set(schema, Object.fromEntries(Object.keys(schema.shape).map((key) => [key, null])));
  }
  return nullsBySchema.get(schema)!;
}

/** The properties of `record` that `schema` has, null where missing: a record's writable part. */
export function pick(record: object, schema: z.ZodObject): Record<string, unknown> {
  const values = record as Record<string, unknown>;
  return Object.fromEntries(Object.keys(schema.shape).map((key) => [key, values[key] ?? null]));
}

/** Only the entries that have a value, so defaults fill the rest. */
export function withValues<T extends object>(values: T): Partial<T> {
  return Object.fromEntries(Object.entries(values).filter(([, value]) => value != null)) as Partial<T>;
}
