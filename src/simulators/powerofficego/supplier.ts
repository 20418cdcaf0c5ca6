// Suppliers: SupplierPostDto and SupplierDto as the OpenAPI file has them, plus the seed's
// InternationalIdNumber/InternationalIdType (DATAFLOWS flow 3), shown only when set.
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
  emailAddress,
  flag,
  id,
  integer,
  integers,
  nullsFor,
  pick,
  text,
  textUpTo,
  timestamp,
  uuid,
  withValues,
} from './fields.js';

const supplierFields = {
  ContactGroupIds: integers,
  CurrencyCode: text,
  DateOfBirth: date,
  EmailAddress: emailAddress,
  ExternalImportReference: textUpTo(50),
  ExternalNumber: integer,
  FirstName: text,
  IsArchived: flag,
  IsPerson: flag,
  LastName: text,
  LegalName: text,
  Name: text,
  Number: integer,
  OrganizationNumber: text,
  Payout: flag,
  PhoneNumber: text,
  WebsiteUrl: text,
};

// Not in PowerOffice's published Supplier; the seed's flow 3 links by them when present.
const seedExtension = { InternationalIdNumber: textUpTo(50), InternationalIdType: textUpTo(50) };

export const SupplierPostDto = z
  .object({
    ...supplierFields,
    ...seedExtension,
    MailAddress: ContactAddressPostDto.nullable().optional(),
    SubLedgerNumberSeriesId: uuid,
  })
  .strict()
  .superRefine((supplier, context) => checkContactName(supplier, context.addIssue));
export type SupplierPostDto = z.infer<typeof SupplierPostDto>;

export const SupplierDto = z
  .object({
    ...supplierFields,
    Id: id,
    MailAddress: ContactAddressDto,
    IsActive: z.boolean(),
    SubledgerAccountId: id,
    ContactCreatedDateTimeOffset: timestamp,
    SupplierCreatedDateTimeOffset: timestamp,
    LastChangedDateTimeOffset: timestamp,
    CreatedFromImportJournalId: uuid,
  })
  .strict();
export type SupplierDto = z.infer<typeof SupplierDto> & {
  InternationalIdNumber?: string;
  InternationalIdType?: string;
};

export function supplierDefinition(
  context: PowerofficegoContext,
): ResourceDefinition<SupplierDto, SupplierPostDto> {
  return {
    datatype: 'supplier',
    title: 'Supplier',
    collection: context.collections.supplier,
    input: SupplierPostDto,
    unique: contactUniqueRules,
    toInput: (supplier) =>
      ({
        ...pick(supplier, SupplierPostDto),
        MailAddress: toAddressInput(supplier.MailAddress),
      }) as SupplierPostDto,
    build(input, previous, fixed) {
      const fields = omit(input, 'SubLedgerNumberSeriesId', 'MailAddress');
      const { now, ...server } = contactServerFields('supplier', context, input, previous, fixed);
      const record = {
        ...nullsFor(SupplierDto),
        CurrencyCode: 'NOK',
        IsArchived: false,
        IsPerson: false,
        Payout: true,
        ...withValues(fields),
        ...server,
        Name: contactName(input),
        IsActive: !input.IsArchived,
        SupplierCreatedDateTimeOffset: previous?.SupplierCreatedDateTimeOffset ?? now,
      } as SupplierDto;
      return withContactTimestamp(record, previous);
    },
    inUse: (supplier) => otherRoleConflict(context, 'supplier', supplier.Id),
    afterDelete: (supplier) => removeOrphanContactPersons(context, supplier.Id),
  };
}
