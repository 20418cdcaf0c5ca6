// Records a person already keyed into v1 before the sync ran, matching some of v2's demo data by
// the flows' match keys (supplier e-mail → Contact, organisation number → Customer, e-mail →
// Employee), so a run shows linking to existing records, not only creation. Used by
// `npm run simulator -- seed --matching-in-v1 N`.
import type { CustomerDto } from '../powerofficego/customer.js';
import type { EmployeeDto } from '../powerofficego/employee.js';
import type { SupplierDto } from '../powerofficego/supplier.js';

export interface V2DemoRecords {
  supplier: SupplierDto[];
  customer: CustomerDto[];
  employee: EmployeeDto[];
}

/** Admin create bodies by v1 datatype, `count` of each kind at most. */
export function matchingV1Records(
  v2: V2DemoRecords,
  count: number,
): Record<'contact' | 'customer' | 'employee', object[]> {
  return {
    contact: v2.supplier
      .filter((supplier) => supplier.EmailAddress)
      .slice(0, count)
      .map((supplier) => ({
        Name: supplier.LegalName || supplier.Name,
        Emails: [{ Value: supplier.EmailAddress }],
      })),
    customer: v2.customer
      .filter((customer) => customer.OrganizationNumber)
      .slice(0, count)
      .map((customer) => ({
        name: customer.Name,
        vatNumber: customer.OrganizationNumber!.replace(/\s/g, ''),
        emailAddress: customer.EmailAddress,
      })),
    employee: v2.employee.slice(0, count).map((employee) => ({
      firstName: employee.FirstName,
      lastName: employee.LastName,
      emailAddress: employee.EmailAddress,
    })),
  };
}
