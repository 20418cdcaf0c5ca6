// The v1 simulator's data: one SQLite database, the five collections, their id and code series,
// the resources that write them, and the read replica API GETs see.
import type { Clock } from '../common/clock.js';
import { Collection } from '../common/collection.js';
import type { SimulatorDatabase } from '../common/database.js';
import { SimulatorProblem } from '../common/problem.js';
import { ReplicaLag } from '../common/replicaLag.js';
import { Resource, type ResourceDefinition } from '../common/resource.js';
import { Sequence } from '../common/sequence.js';
import { contactDefinition, type V1Contact, type V1ContactInput } from './contact.js';
import { contactPersonDefinition, type V1ContactPerson, type V1ContactPersonInput } from './contactPerson.js';
import type { Powerofficegov1Collections } from './context.js';
import { uniqueText } from './context.js';
import { customerDefinition, type V1Customer, type V1CustomerInput } from './customer.js';
import { departmentDefinition, type V1Department, type V1DepartmentInput } from './department.js';
import { employeeDefinition, type V1Employee, type V1EmployeeInput } from './employee.js';

// A type, not an interface, so it fits the admin's record of resources by datatype.
export type Powerofficegov1Resources = {
  customer: Resource<V1Customer, V1CustomerInput>;
  employee: Resource<V1Employee, V1EmployeeInput>;
  department: Resource<V1Department, V1DepartmentInput>;
  contact: Resource<V1Contact, V1ContactInput>;
  contactperson: Resource<V1ContactPerson, V1ContactPersonInput>;
};

const externalImportReferenceIndex = {
  name: 'externalImportReference',
  key: (record: { externalImportReference?: string | null }) => uniqueText(record.externalImportReference),
};
const numberCodeIndex = { name: 'code', key: (record: { code?: number | null }) => record.code };

export class Powerofficegov1Records {
  readonly collections: Powerofficegov1Collections;
  readonly resources: Powerofficegov1Resources;
  readonly replica: ReplicaLag;

  constructor(
    readonly database: SimulatorDatabase,
    replicaLagMs: number,
    clock: Clock,
  ) {
    this.collections = {
      customer: new Collection<V1Customer>(database, 'customer', (r) => r.id, [
        externalImportReferenceIndex,
        numberCodeIndex,
      ]),
      employee: new Collection<V1Employee>(database, 'employee', (r) => r.id, [
        externalImportReferenceIndex,
        numberCodeIndex,
      ]),
      department: new Collection<V1Department>(database, 'department', (r) => r.id, [
        { name: 'code', key: (record) => uniqueText(record.code) },
      ]),
      contact: new Collection<V1Contact>(database, 'contact', (r) => r.ContactId, [
        externalImportReferenceIndex,
      ]),
      contactperson: new Collection<V1ContactPerson>(database, 'contactperson', (r) => r.id),
    };
    this.replica = new ReplicaLag(replicaLagMs);
    for (const collection of Object.values(this.collections)) this.replica.watch(collection);

    const series = (name: string, start: number) => new Sequence(database, name, start);
    const context = {
      clock,
      collections: this.collections,
      ids: {
        customer: series('customer', 1),
        employee: series('employee', 1),
        department: series('department', 1),
        contact: series('contact', 1),
        contactperson: series('contactperson', 1),
        address: series('address', 1),
      },
      codes: { customer: series('customer-code', 10000), employee: series('employee-code', 1) },
    };
    const resource = <R extends object, I extends object>(definition: ResourceDefinition<R, I>) =>
      new Resource(definition, (work) => database.transaction(work));
    this.resources = {
      customer: resource(customerDefinition(context)),
      employee: resource(employeeDefinition(context)),
      department: resource(departmentDefinition(context)),
      contact: resource(contactDefinition(context)),
      contactperson: resource(contactPersonDefinition(context)),
    };
  }

  /** Contact persons hang under a customer, given by the route's partyId. */
  createContactPerson(partyId: number, body: unknown): V1ContactPerson {
    if (!this.collections.customer.get(partyId)) {
      throw SimulatorProblem.notFound(`Customer with id = ${partyId} not found.`);
    }
    return this.resources.contactperson.create(body, { partyId });
  }

  reset(): void {
    this.database.clear();
    for (const collection of Object.values(this.collections)) collection.clear();
  }
}
