// Customers: CustomerPostDto (what POST takes and PATCH may change) and CustomerDto (what reads
// return), as the OpenAPI file has them, and how one is built and stored.
import { z } from 'zod';
import { omit } from '../common/omit.js';
import type { ResourceDefinition } from '../common/resource.js';
import { ContactAddressDto, ContactAddressPostDto, toAddressInput } from './address.js';
import {
  checkContactName,
  contactName,
  contactServerFields,
  otherRoleConflict,
  removeOrphanContactPersons,
  withContactTimestamp,
} from './contact.js';
import { contactUniqueRules, type PowerofficegoContext } from './context.js';
import {
  date,
  decimal,
  DeliveryType,
  emailAddress,
  emailAddresses,
  flag,
  id,
  integer,
  integers,
  InvoiceDeliveryType,
  nationalIdNumber,
  nullsFor,
  pick,
  text,
  textUpTo,
  timestamp,
  uuid,
  withValues,
} from './fields.js';
import { hideNationalIdNumber } from './nationalIdNumber.js';
import { departmentReference, employeeReference } from './references.js';

const customerFields = {
  Allowance: decimal,
  BillableRate: decimal,
  ContactGroupIds: integers,
  CurrencyCode: text,
  CustomerSince: date,
  DateOfBirth: date,
  DeliveryTerm: text,
  DeliveryTermId: integer,
  DepartmentCode: text,
  DepartmentId: integer,
  DoNotAddLatePaymentFees: flag,
  DoNotAddLatePaymentInterest: flag,
  DoNotAutomatePaymentNotifications: flag,
  EmailAddress: emailAddress,
  ExternalImportReference: textUpTo(50),
  ExternalNumber: integer,
  FirstName: text,
  InvoiceBrandingThemeCode: text,
  InvoiceBrandingThemeId: integer,
  InvoiceDeliveryType: InvoiceDeliveryType.nullable().optional(),
  InvoiceEmailAddress: emailAddress,
  InvoiceEmailAddressCC: emailAddresses,
  IsArchived: flag,
  IsPerson: flag,
  IsVatFree: flag,
  LastName: text,
  LegalName: text,
  Name: text,
  NationalIdNumber: nationalIdNumber,
  NoticeOfDebtCollectionDeliveryType: DeliveryType.nullable().optional(),
  Number: integer,
  OrganizationNumber: text,
  PaymentReminderEmailAddress: emailAddress,
  PaymentTerm: integer,
  PaymentTermId: integer,
  PhoneNumber: text,
  ReminderDeliveryType: DeliveryType.nullable().optional(),
  SalesPersonEmployeeId: integer,
  SalesPersonEmployeeNumber: integer,
  SendPaymentReminders: flag,
  TransferToDebtCollectionAgency: flag,
  UseInvoiceFee: flag,
  WebsiteUrl: text,
};

export const CustomerPostDto = z
  .object({
    ...customerFields,
    MailAddress: ContactAddressPostDto.nullable().optional(),
    SubLedgerNumberSeriesId: uuid,
  })
  .strict()
  .superRefine((customer, context) => checkContactName(customer, context.addIssue));
export type CustomerPostDto = z.infer<typeof CustomerPostDto>;

export const CustomerDto = z
  .object({
    ...customerFields,
    Id: id,
    MailAddress: ContactAddressDto,
    IsActive: z.boolean(),
    SubledgerAccountId: id,
    ContactCreatedDateTimeOffset: timestamp,
    CustomerCreatedDateTimeOffset: timestamp,
    LastChangedDateTimeOffset: timestamp,
    CreatedFromImportJournalId: uuid,
  })
  .strict();
export type CustomerDto = z.infer<typeof CustomerDto>;

const defaults = {
  CurrencyCode: 'NOK',
  InvoiceDeliveryType: 'PdfByEmail',
  ReminderDeliveryType: 'PdfByEmail',
  NoticeOfDebtCollectionDeliveryType: 'PdfByEmail',
  IsArchived: false,
  IsPerson: false,
};

export function customerDefinition(
  context: PowerofficegoContext,
): ResourceDefinition<CustomerDto, CustomerPostDto> {
  return {
    datatype: 'customer',
    title: 'Customer',
    collection: context.collections.customer,
    input: CustomerPostDto,
    unique: contactUniqueRules,
    toInput: (customer) =>
      ({
        ...pick(customer, CustomerPostDto),
        MailAddress: toAddressInput(customer.MailAddress),
      }) as CustomerPostDto,
    build(input, previous, fixed) {
      const fields = omit(input, 'SubLedgerNumberSeriesId', 'MailAddress');
      const department = departmentReference(context.collections, 'Customer', {
        id: input.DepartmentId,
        code: input.DepartmentCode,
        previousCode: previous?.DepartmentCode,
      });
      const salesPerson = employeeReference(context.collections, 'Customer', {
        id: input.SalesPersonEmployeeId,
        number: input.SalesPersonEmployeeNumber,
        previousNumber: previous?.SalesPersonEmployeeNumber,
      });
      const { now, ...server } = contactServerFields('customer', context, input, previous, fixed);
      const record = {
        ...nullsFor(CustomerDto),
        ...defaults,
        ...withValues(fields),
        ...server,
        Name: contactName(input),
        IsActive: !input.IsArchived,
        DepartmentId: department.id,
        DepartmentCode: department.key,
        SalesPersonEmployeeId: salesPerson.id,
        SalesPersonEmployeeNumber: salesPerson.key,
        CustomerCreatedDateTimeOffset: previous?.CustomerCreatedDateTimeOffset ?? now,
      } as CustomerDto;
      return withContactTimestamp(record, previous);
    },
    present: hideNationalIdNumber,
    inUse: (customer) => otherRoleConflict(context, 'customer', customer.Id),
    afterDelete: (customer) => removeOrphanContactPersons(context, customer.Id),
  };
}
