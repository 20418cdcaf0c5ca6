// Employees: EmployeePostDto and EmployeeDto as the OpenAPI file has them. An employee is a
// contact too (shared Id series); FirstName and LastName are required.
import { z } from 'zod';
import { omit } from '../common/omit.js';
import type { ResourceDefinition } from '../common/resource.js';
import { ContactAddressDto, ContactAddressPostDto, toAddressInput } from './address.js';
import { contactServerFields, otherRoleConflict, withContactTimestamp } from './contact.js';
import { contactUniqueRules, type PowerofficegoContext } from './context.js';
import {
  date,
  emailAddress,
  flag,
  Gender,
  id,
  integer,
  integers,
  InternationalIdType,
  nationalIdNumber,
  nullsFor,
  pick,
  requiredText,
  text,
  textUpTo,
  timestamp,
  uuid,
  withValues,
} from './fields.js';
import { hideNationalIdNumber } from './nationalIdNumber.js';
import { departmentReference, employeeReference } from './references.js';

const employeeFields = {
  ContactGroupIds: integers,
  DateOfBirth: date,
  DepartmentCode: text,
  DepartmentId: integer,
  EmailAddress: emailAddress,
  EndDate: date,
  ExternalImportReference: textUpTo(50),
  ExternalNumber: integer,
  HiredDate: date,
  InternationalIdCountryCode: text,
  InternationalIdNumber: text,
  InternationalIdReportToAltinn: flag,
  IsArchived: flag,
  JobTitle: text,
  LocationCode: text,
  LocationId: integer,
  ManagerEmployeeId: integer,
  ManagerEmployeeNo: integer,
  NationalIdNumber: nationalIdNumber,
  Number: integer,
  PhoneNumber: text,
  StartDate: date,
};

export const EmployeePostDto = z
  .object({
    ...employeeFields,
    FirstName: requiredText,
    LastName: requiredText,
    Gender: Gender.nullable().optional(),
    InternationalIdType: InternationalIdType.nullable().optional(),
    MailAddress: ContactAddressPostDto.nullable().optional(),
    SubLedgerNumberSeriesId: uuid,
  })
  .strict();
export type EmployeePostDto = z.infer<typeof EmployeePostDto>;

export const EmployeeDto = z
  .object({
    ...employeeFields,
    FirstName: text,
    LastName: text,
    // Enum properties the file does not mark nullable: left out when not set.
    Gender: Gender.optional(),
    InternationalIdType: InternationalIdType.optional(),
    Id: id,
    MailAddress: ContactAddressDto,
    SubledgerAccountId: id,
    ExpenseBankAccountId: integer,
    SalaryBankAccountId: integer,
    TravelExpenseBankAccountId: integer,
    ContactCreatedDateTimeOffset: timestamp,
    EmployeeCreatedDateTimeOffset: timestamp,
    LastChangedDateTimeOffset: timestamp,
    CreatedFromImportJournalId: uuid,
  })
  .strict();
export type EmployeeDto = z.infer<typeof EmployeeDto>;

export function employeeDefinition(
  context: PowerofficegoContext,
): ResourceDefinition<EmployeeDto, EmployeePostDto> {
  const { collections } = context;
  return {
    datatype: 'employee',
    title: 'Employee',
    collection: collections.employee,
    input: EmployeePostDto,
    unique: contactUniqueRules,
    toInput: (employee) =>
      ({
        ...pick(employee, EmployeePostDto),
        MailAddress: toAddressInput(employee.MailAddress),
      }) as EmployeePostDto,
    build(input, previous, fixed) {
      const { Gender, InternationalIdType, ...fields } = omit(
        input,
        'SubLedgerNumberSeriesId',
        'MailAddress',
      );
      const department = departmentReference(collections, 'Employee', {
        id: input.DepartmentId,
        code: input.DepartmentCode,
        previousCode: previous?.DepartmentCode,
      });
      const manager = employeeReference(collections, 'Employee', {
        id: input.ManagerEmployeeId,
        number: input.ManagerEmployeeNo,
        previousNumber: previous?.ManagerEmployeeNo,
      });
      const { now, ...server } = contactServerFields('employee', context, input, previous, fixed);
      const record = {
        ...nullsFor(EmployeeDto),
        IsArchived: false,
        ...withValues(fields),
        ...withValues({ Gender, InternationalIdType }),
        ...server,
        DepartmentId: department.id,
        DepartmentCode: department.key,
        ManagerEmployeeId: manager.id,
        ManagerEmployeeNo: manager.key,
        EmployeeCreatedDateTimeOffset: previous?.EmployeeCreatedDateTimeOffset ?? now,
      } as EmployeeDto;
      return withContactTimestamp(record, previous);
    },
    present: hideNationalIdNumber,
    inUse(employee) {
      const { customer, department } = collections;
      const salesPerson = customer.values().find((c) => c.SalesPersonEmployeeId === employee.Id);
      const manager = department.values().find((d) => d.ManagerEmployeeId === employee.Id);
      if (salesPerson) {
        return `Employee with id = ${employee.Id} is in use and cannot be deleted (sales person of customer ${salesPerson.Id}).`;
      }
      if (manager) {
        return `Employee with id = ${employee.Id} is in use and cannot be deleted (manager of department ${manager.Id}).`;
      }
      return otherRoleConflict(context, 'employee', employee.Id);
    },
  };
}
