// The v2 simulator's data: one SQLite database, the five collections, their id and number
// series, and the resources that write them (shared by the API routes, the admin API and seeding).
import type { Clock } from '../common/clock.js';
import { Collection } from '../common/collection.js';
import type { SimulatorDatabase } from '../common/database.js';
import { SimulatorProblem } from '../common/problem.js';
import { Resource } from '../common/resource.js';
import { Sequence } from '../common/sequence.js';
import {
  type ContactPersonDto,
  type ContactPersonPostDto,
  contactPersonDefinition,
} from './contactPerson.js';
import {
  externalImportReferenceIndex,
  numberIndex,
  type PowerofficegoCollections,
  type PowerofficegoContext,
  uniqueText,
} from './context.js';
import { type CustomerDto, type CustomerPostDto, customerDefinition } from './customer.js';
import { type DepartmentDto, type DepartmentPostDto, departmentDefinition } from './department.js';
import { type EmployeeDto, type EmployeePostDto, employeeDefinition } from './employee.js';
import { type SupplierDto, type SupplierPostDto, supplierDefinition } from './supplier.js';

// A type, not an interface, so it fits the admin's record of resources by datatype.
export type PowerofficegoResources = {
  customer: Resource<CustomerDto, CustomerPostDto>;
  supplier: Resource<SupplierDto, SupplierPostDto>;
  employee: Resource<EmployeeDto, EmployeePostDto>;
  department: Resource<DepartmentDto, DepartmentPostDto>;
  contactperson: Resource<ContactPersonDto, ContactPersonPostDto>;
};

export class PowerofficegoRecords {
  readonly collections: PowerofficegoCollections;
  readonly resources: PowerofficegoResources;

  constructor(
    readonly database: SimulatorDatabase,
    clock: Clock,
  ) {
    const contactIndexes = [externalImportReferenceIndex, numberIndex];
    this.collections = {
      customer: new Collection<CustomerDto>(database, 'customer', (record) => record.Id, contactIndexes),
      supplier: new Collection<SupplierDto>(database, 'supplier', (record) => record.Id, contactIndexes),
      employee: new Collection<EmployeeDto>(database, 'employee', (record) => record.Id, contactIndexes),
      department: new Collection<DepartmentDto>(database, 'department', (record) => record.Id, [
        { name: 'Code', key: (record) => uniqueText(record.Code) },
      ]),
      contactperson: new Collection<ContactPersonDto>(database, 'contactperson', (record) => record.Id),
    };
    const series = (name: string, start: number) => new Sequence(database, name, start);
    const context: PowerofficegoContext = {
      clock,
      collections: this.collections,
      // Separate ranges make an id used as the wrong kind stand out.
      contactIds: series('contact', 1001),
      departmentIds: series('department', 101),
      contactPersonIds: series('contactperson', 50001),
      addressIds: series('address', 900001),
      subledgerAccountIds: series('subledger-account', 700001),
      numbers: {
        customer: series('customer-number', 10000),
        supplier: series('supplier-number', 20000),
        employee: series('employee-number', 1),
      },
    };
    const resource = <R extends object, I extends object>(
      definition: ConstructorParameters<typeof Resource<R, I>>[0],
    ) => new Resource(definition, (work) => database.transaction(work));
    this.resources = {
      customer: resource(customerDefinition(context)),
      supplier: resource(supplierDefinition(context)),
      employee: resource(employeeDefinition(context)),
      department: resource(departmentDefinition(context)),
      contactperson: resource(contactPersonDefinition(context)),
    };
  }

  /** Contact persons hang under a customer or supplier, given by the route's contactId. */
  createContactPerson(contactId: number, body: unknown): ContactPersonDto {
    if (!this.collections.customer.get(contactId) && !this.collections.supplier.get(contactId)) {
      throw SimulatorProblem.notFound(`Contact with id = ${contactId} not found.`);
    }
    return this.resources.contactperson.create(body, { ContactId: contactId });
  }

  reset(): void {
    this.database.clear();
    for (const collection of Object.values(this.collections)) collection.clear();
  }
}
