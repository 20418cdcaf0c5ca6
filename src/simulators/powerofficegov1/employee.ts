// v1 Employee (/Employee). `socialSecurityNumber` reads back as "hidden"; sending "hidden" back
// keeps the stored number. `departmentCode` must name a department.
import { z } from 'zod';
import { SimulatorProblem } from '../common/problem.js';
import { omit } from '../common/omit.js';
import type { ResourceDefinition } from '../common/resource.js';
import { codeRule, externalImportReferenceRule, type Powerofficegov1Context, uniqueText } from './context.js';
import {
  cleared,
  dateOfBirth,
  emailAddress,
  externalImportReference,
  flag,
  id,
  integer,
  text,
  timestamp,
  toV1Address,
  V1Address,
  V1AddressInput,
} from './fields.js';

const employeeFields = {
  code: integer,
  firstName: z.string().min(1),
  lastName: z.string().min(1),
  dateOfBirth,
  emailAddress,
  phoneNumber: text,
  jobTitle: text,
  departmentCode: text,
  socialSecurityNumber: z
    .string()
    .regex(/^(\d{11}|hidden)$/, { error: 'must be eleven digits' })
    .nullable()
    .optional(),
  isArchived: flag,
  externalImportReference,
};

export const V1EmployeeInput = z.object({
  ...employeeFields,
  mailAddress: V1AddressInput.nullable().optional(),
});
export type V1EmployeeInput = z.infer<typeof V1EmployeeInput>;

export const V1Employee = z.object({
  ...employeeFields,
  id,
  mailAddress: V1Address.nullable(),
  lastChanged: timestamp,
});
export type V1Employee = z.infer<typeof V1Employee>;

export function employeeDefinition(
  context: Powerofficegov1Context,
): ResourceDefinition<V1Employee, V1EmployeeInput> {
  const { collections } = context;
  return {
    datatype: 'employee',
    title: 'Employee',
    collection: collections.employee,
    input: V1EmployeeInput,
    unique: [externalImportReferenceRule('employee'), codeRule('employee')],
    toInput: (employee) => omit(employee, 'id', 'lastChanged') as V1EmployeeInput,
    build(input, previous) {
      const code = uniqueText(input.departmentCode);
      if (code && !collections.department.findUnique('code', code)) {
        throw new SimulatorProblem(
          404,
          'Employee validation error(s)',
          `Department with code '${input.departmentCode}' not found.`,
        );
      }
      const now = context.clock.next();
      return {
        ...cleared(V1EmployeeInput, input),
        id: previous?.id ?? context.ids.employee.next(),
        code:
          input.code ??
          previous?.code ??
          context.codes.employee.next((n) => collections.employee.hasUnique('code', n)),
        socialSecurityNumber:
          input.socialSecurityNumber === 'hidden'
            ? (previous?.socialSecurityNumber ?? null)
            : (input.socialSecurityNumber ?? null),
        isArchived: input.isArchived ?? false,
        mailAddress: toV1Address(input.mailAddress, previous?.mailAddress, now, () =>
          context.ids.address.next(),
        ),
        lastChanged: now,
      } as V1Employee;
    },
    present: (employee) =>
      employee.socialSecurityNumber ? { ...employee, socialSecurityNumber: 'hidden' } : employee,
  };
}
