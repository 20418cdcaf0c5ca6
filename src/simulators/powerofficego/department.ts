// Departments: DepartmentPostDto and DepartmentDto as the OpenAPI file has them. Own id series;
// Code unique (case-insensitive); the manager given by id or employee number.
import { z } from 'zod';
import type { ResourceDefinition } from '../common/resource.js';
import type { PowerofficegoContext } from './context.js';
import {
  flag,
  id,
  integer,
  nullsFor,
  pick,
  requiredText,
  text,
  timestamp,
  uuid,
  withValues,
} from './fields.js';
import { employeeReference } from './references.js';

export const DepartmentPostDto = z
  .object({
    Code: text,
    IsActive: flag,
    ManagerEmployeeId: integer,
    ManagerEmployeeNo: integer,
    Name: requiredText,
  })
  .strict();
export type DepartmentPostDto = z.infer<typeof DepartmentPostDto>;

export const DepartmentDto = z
  .object({
    Code: text,
    CreatedDateTimeOffset: timestamp,
    CreatedFromImportJournalId: uuid,
    Id: id,
    IsActive: flag,
    LastChangedDateTimeOffset: timestamp,
    ManagerEmployeeId: integer,
    ManagerEmployeeNo: integer,
    Name: text,
  })
  .strict();
export type DepartmentDto = z.infer<typeof DepartmentDto>;

export function departmentDefinition(
  context: PowerofficegoContext,
): ResourceDefinition<DepartmentDto, DepartmentPostDto> {
  const { collections } = context;
  return {
    datatype: 'department',
    title: 'Department',
    collection: collections.department,
    input: DepartmentPostDto,
    unique: [
      {
        index: 'Code',
        message: (department, owner) =>
          `Code is already in use. '${department.Code}' is used on department Id = ${owner.Id}.`,
      },
    ],
    toInput: (department) => pick(department, DepartmentPostDto) as DepartmentPostDto,
    build(input, previous) {
      const now = context.clock.next();
      const manager = employeeReference(collections, 'Department', {
        id: input.ManagerEmployeeId,
        number: input.ManagerEmployeeNo,
        previousNumber: previous?.ManagerEmployeeNo,
      });
      return {
        ...nullsFor(DepartmentDto),
        IsActive: true,
        ...withValues(input),
        Id: previous?.Id ?? context.departmentIds.next(),
        ManagerEmployeeId: manager.id,
        ManagerEmployeeNo: manager.key,
        CreatedDateTimeOffset: previous?.CreatedDateTimeOffset ?? now,
        LastChangedDateTimeOffset: now,
      } as DepartmentDto;
    },
    inUse(department) {
      const user =
        collections.employee.values().find((employee) => employee.DepartmentId === department.Id) ??
        collections.customer.values().find((customer) => customer.DepartmentId === department.Id);
      return (
        user &&
        `Department with id = ${department.Id} is in use and cannot be deleted (used by contact ${user.Id}).`
      );
    },
  };
}
