// v1 Department (/Department): `code` unique (case-insensitive), `isActive` true unless set.
import { z } from 'zod';
import { omit } from '../common/omit.js';
import type { ResourceDefinition } from '../common/resource.js';
import { codeRule, type Powerofficegov1Context, uniqueText } from './context.js';
import { cleared, flag, id, text, timestamp } from './fields.js';

const departmentFields = { name: z.string().min(1), code: text, managerCode: text, isActive: flag };

export const V1DepartmentInput = z.object(departmentFields);
export type V1DepartmentInput = z.infer<typeof V1DepartmentInput>;

export const V1Department = z.object({ ...departmentFields, id, lastChanged: timestamp });
export type V1Department = z.infer<typeof V1Department>;

export function departmentDefinition(
  context: Powerofficegov1Context,
): ResourceDefinition<V1Department, V1DepartmentInput> {
  const { collections } = context;
  return {
    datatype: 'department',
    title: 'Department',
    collection: collections.department,
    input: V1DepartmentInput,
    unique: [codeRule('department')],
    toInput: (department) => omit(department, 'id', 'lastChanged') as V1DepartmentInput,
    build: (input, previous) =>
      ({
        ...cleared(V1DepartmentInput, input),
        id: previous?.id ?? context.ids.department.next(),
        isActive: input.isActive ?? true,
        lastChanged: context.clock.next(),
      }) as V1Department,
    inUse(department) {
      const code = uniqueText(department.code);
      const user =
        code &&
        collections.employee.values().find((employee) => uniqueText(employee.departmentCode) === code);
      return user
        ? `Department ${department.id} is in use by employee ${user.id} and cannot be deleted.`
        : undefined;
    },
  };
}
