// The API v2 DTOs, transcribed from the official OpenAPI contract
// (shared/reference/poweroffice-go-v2.subset.openapi.yaml). As there: every property optional,
// `nullable` means null is allowed, int64 is an integer, `date` and `date-time` are kept apart, enums
// are strings, and no unknown property is allowed (additionalProperties: false). Id and
// LastChangedDateTimeOffset are required here: a record without them cannot be synced.
import { z } from 'zod';

/** int64: JSON numbers beyond 2^53 could not be read exactly anyway, so they are refused. */
const int64 = z.int();
const dateTime = z.iso.datetime({ offset: true });
const date = z.iso.date();
const text = (maxLength?: number) =>
  (maxLength === undefined ? z.string() : z.string().max(maxLength)).nullish();
const flag = z.boolean().nullish();
const guid = z.guid().nullish();

const Gender = z.enum(['Male', 'Female', 'Hidden']);
const InternationalIdType = z.enum([
  'PassportNumber',
  'NationalIdentityNumber',
  'TaxIdentificationNumber',
  'ValueAddedTaxIdentificationNumber',
]);
const InvoiceDeliveryType = z.enum([
  'PdfByEmail',
  'Print',
  'EHF',
  'AvtaleGiro',
  'External',
  'Efaktura',
  'Factoring',
]);
/** ReminderDeliveryType and NoticeOfDebtCollectionDeliveryType: the same two values. */
const PdfOrPrint = z.enum(['PdfByEmail', 'Print']);

const address = {
  AddressLine1: text(200),
  AddressLine2: text(200),
  City: text(100),
  CountryCode: text(),
  ZipCode: text(50),
};

/** AddressDto: a contact person's address. */
export const V2Address = z.strictObject(address);
export type V2Address = z.infer<typeof V2Address>;

/** ContactAddressDto: the address of a customer, supplier or employee. */
export const V2ContactAddress = z.strictObject({
  ...address,
  ExternalCode: text(50),
  Id: int64.optional(),
  LastChangedDateTimeOffset: dateTime.optional(),
});
export type V2ContactAddress = z.infer<typeof V2ContactAddress>;

/** What customers, suppliers and employees share: they are all "contacts" in Go. */
const contact = {
  ContactCreatedDateTimeOffset: dateTime.optional(),
  ContactGroupIds: z.array(int64).nullish(),
  CreatedFromImportJournalId: guid,
  DateOfBirth: date.nullish(),
  EmailAddress: text(),
  ExternalImportReference: text(50),
  ExternalNumber: int64.nullish(),
  FirstName: text(),
  Id: int64,
  IsArchived: flag,
  LastChangedDateTimeOffset: dateTime,
  LastName: text(),
  // OpenAPI 3.0 cannot mark a $ref nullable; .NET writes a missing address as null.
  MailAddress: V2ContactAddress.nullish(),
  Number: int64.nullish(),
  PhoneNumber: text(),
  SubledgerAccountId: int64.optional(),
};

/** What customers and suppliers share beyond `contact`: they may be companies. */
const party = {
  CurrencyCode: text(),
  IsActive: flag,
  IsPerson: flag,
  LegalName: text(),
  Name: text(),
  OrganizationNumber: text(),
  WebsiteUrl: text(),
};

/** CustomerDto. */
export const V2Customer = z.strictObject({
  ...contact,
  ...party,
  Allowance: z.number().nullish(),
  BillableRate: z.number().nullish(),
  CustomerCreatedDateTimeOffset: dateTime.optional(),
  CustomerSince: date.nullish(),
  DeliveryTerm: text(),
  DeliveryTermId: int64.nullish(),
  DepartmentCode: text(),
  DepartmentId: int64.nullish(),
  DoNotAddLatePaymentFees: flag,
  DoNotAddLatePaymentInterest: flag,
  DoNotAutomatePaymentNotifications: flag,
  InvoiceBrandingThemeCode: text(),
  InvoiceBrandingThemeId: int64.nullish(),
  InvoiceDeliveryType: InvoiceDeliveryType.nullish(),
  InvoiceEmailAddress: text(),
  InvoiceEmailAddressCC: text(),
  IsVatFree: flag,
  NationalIdNumber: text(),
  NoticeOfDebtCollectionDeliveryType: PdfOrPrint.nullish(),
  PaymentReminderEmailAddress: text(),
  PaymentTerm: z.int32().nullish(),
  PaymentTermId: int64.nullish(),
  ReminderDeliveryType: PdfOrPrint.nullish(),
  SalesPersonEmployeeId: int64.nullish(),
  SalesPersonEmployeeNumber: int64.nullish(),
  SendPaymentReminders: flag,
  TransferToDebtCollectionAgency: flag,
  UseInvoiceFee: flag,
});
export type V2Customer = z.infer<typeof V2Customer>;

/** SupplierDto, plus the two fields the seed lists (not in the published contract, so free text). */
export const V2Supplier = z.strictObject({
  ...contact,
  ...party,
  Payout: flag,
  SupplierCreatedDateTimeOffset: dateTime.optional(),
  InternationalIdNumber: text(),
  InternationalIdType: text(),
});
export type V2Supplier = z.infer<typeof V2Supplier>;

/** EmployeeDto. */
export const V2Employee = z.strictObject({
  ...contact,
  DepartmentCode: text(),
  DepartmentId: int64.nullish(),
  EmployeeCreatedDateTimeOffset: dateTime.optional(),
  EndDate: date.nullish(),
  ExpenseBankAccountId: int64.nullish(),
  Gender: Gender.nullish(),
  HiredDate: date.nullish(),
  InternationalIdCountryCode: text(),
  InternationalIdNumber: text(),
  InternationalIdReportToAltinn: flag,
  InternationalIdType: InternationalIdType.nullish(),
  JobTitle: text(),
  LocationCode: text(),
  LocationId: int64.nullish(),
  ManagerEmployeeId: int64.nullish(),
  ManagerEmployeeNo: int64.nullish(),
  NationalIdNumber: text(),
  SalaryBankAccountId: int64.nullish(),
  StartDate: date.nullish(),
  TravelExpenseBankAccountId: int64.nullish(),
});
export type V2Employee = z.infer<typeof V2Employee>;

/** ContactPersonDto; ContactId (its customer or supplier) is required here, it is the record's parent. */
export const V2ContactPerson = z.strictObject({
  ContactId: int64,
  CreatedDateTimeOffset: dateTime.optional(),
  EmailAddress: text(),
  ExternalCode: text(50),
  FirstName: text(),
  Id: int64,
  IsActive: flag,
  IsDefault: flag,
  LastChangedDateTimeOffset: dateTime,
  LastName: text(),
  MailAddress: V2Address.nullish(),
  PhoneNumber: text(),
  Title: text(),
});
export type V2ContactPerson = z.infer<typeof V2ContactPerson>;

/** DepartmentDto. */
export const V2Department = z.strictObject({
  Code: text(),
  CreatedDateTimeOffset: dateTime.optional(),
  CreatedFromImportJournalId: guid,
  Id: int64,
  IsActive: flag,
  LastChangedDateTimeOffset: dateTime,
  ManagerEmployeeId: int64.nullish(),
  ManagerEmployeeNo: int64.nullish(),
  Name: text(),
});
export type V2Department = z.infer<typeof V2Department>;

/** ProblemDetails. The contract spells its properties PascalCase; the live API writes camelCase. */
export const ProblemDetails = z.looseObject({
  type: text(),
  title: text(),
  status: z.int().nullish(),
  detail: text(),
  instance: text(),
  Title: text(),
  Detail: text(),
});
export type ProblemDetails = z.infer<typeof ProblemDetails>;

/** The OAuth token reply (client credentials only: v2 has no refresh token). */
export const V2TokenReply = z.object({
  access_token: z.string().min(1),
  token_type: z.string(),
  expires_in: z.number().positive(),
});
export type V2TokenReply = z.infer<typeof V2TokenReply>;
