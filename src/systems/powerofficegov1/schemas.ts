// The API v1 records and envelopes. v1 publishes no machine-readable contract: these are the fields
// SYSTEMS.md lists (the ones the flows touch), so records keep any further published field as is.
// Contact is the seed's record (PascalCase, keyed by ContactId), not one from PowerOffice's reference.
import { z } from 'zod';

/** int64: JSON numbers beyond 2^53 could not be read exactly anyway, so they are refused. */
const int64 = z.int();
const dateTime = z.iso.datetime({ offset: true });
const text = z.string().nullish();
const flag = z.boolean().nullish();

export const V1Address = z.looseObject({
  id: int64.nullish(),
  address1: text,
  address2: text,
  city: text,
  zipCode: text,
  countryCode: text,
  lastChanged: dateTime.nullish(),
});
export type V1Address = z.infer<typeof V1Address>;

export const V1Customer = z.looseObject({
  id: int64,
  code: int64.nullish(),
  name: text,
  legalName: text,
  firstName: text,
  lastName: text,
  dateOfBirth: text,
  vatNumber: text,
  emailAddress: text,
  phoneNumber: text,
  websiteUrl: text,
  invoiceEmailAddress: text,
  invoiceEmailAddressCC: text,
  mailAddress: V1Address.nullish(),
  isArchived: flag,
  isPerson: flag,
  externalImportReference: z.string().max(50).nullish(),
  lastChanged: dateTime,
  createdDate: text,
});
export type V1Customer = z.infer<typeof V1Customer>;

export const V1Employee = z.looseObject({
  id: int64,
  code: int64.nullish(),
  firstName: text,
  lastName: text,
  dateOfBirth: text,
  emailAddress: text,
  phoneNumber: text,
  jobTitle: text,
  departmentCode: text,
  mailAddress: V1Address.nullish(),
  /** Reads return `"hidden"` when set. */
  socialSecurityNumber: text,
  isArchived: flag,
  externalImportReference: z.string().max(50).nullish(),
  lastChanged: dateTime,
});
export type V1Employee = z.infer<typeof V1Employee>;

export const V1Department = z.looseObject({
  id: int64,
  name: text,
  code: text,
  managerCode: text,
  isActive: flag,
  lastChanged: dateTime,
});
export type V1Department = z.infer<typeof V1Department>;

/** A customer's contact person, at `/Customer/{partyId}/Contact`. */
export const V1ContactPerson = z.looseObject({
  id: int64,
  partyId: int64,
  firstName: text,
  lastName: text,
  emailAddress: text,
  phoneNumber: text,
  address1: text,
  address2: text,
  city: text,
  zipCode: text,
  residenceCountryCode: text,
  dateOfBirth: text,
  isActive: flag,
  externalCode: text,
  lastChanged: dateTime,
});
export type V1ContactPerson = z.infer<typeof V1ContactPerson>;

const listItem = z.looseObject({ Value: z.string().nullable() });

/** The seed's Contact (supplier target). */
export const V1Contact = z.looseObject({
  ContactId: int64,
  Name: text,
  Emails: z.array(listItem).nullish(),
  Phones: z.array(listItem).nullish(),
  Urls: z.array(listItem).nullish(),
  Domains: z.array(z.string()).nullish(),
  externalImportReference: z.string().max(50).nullish(),
  lastChanged: dateTime,
});
export type V1Contact = z.infer<typeof V1Contact>;

/** Why v1 refused a call; sent with HTTP 200 and `success: false`. */
export const V1Validation = z.looseObject({
  errorLogReference: text,
  summary: text,
  exception: z.unknown(),
  exceptionDetails: z.unknown(),
  fields: z.unknown(),
  batchItemErrors: z.unknown(),
});
export type V1Validation = z.infer<typeof V1Validation>;

export const V1Failure = z.looseObject({ success: z.literal(false), validation: V1Validation.nullish() });
export type V1Failure = z.infer<typeof V1Failure>;

/** `{"data":{...},"success":true}`, or a failure. */
export const V1Envelope = <T extends z.ZodType>(data: T) =>
  z.discriminatedUnion('success', [z.looseObject({ success: z.literal(true), data }), V1Failure]);

/** `{"data":[...],"count":N,"success":true}` (`count`: all matches, before $skip/$top), or a failure. */
export const V1ListEnvelope = <T extends z.ZodType>(item: T) =>
  z.discriminatedUnion('success', [
    z.looseObject({ success: z.literal(true), data: z.array(item), count: z.int().nonnegative() }),
    V1Failure,
  ]);

/** The OAuth token reply; v1 adds a refresh token. */
export const V1TokenReply = z.object({
  access_token: z.string().min(1),
  token_type: z.string(),
  expires_in: z.number().positive(),
  refresh_token: z.string().min(1),
});
export type V1TokenReply = z.infer<typeof V1TokenReply>;
