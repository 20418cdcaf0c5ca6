// Every flow the engine runs. Adding a flow means adding its file and one line here.
import { contactPersonToContactPerson } from './contactPersonToContactPerson.js';
import { customerToCustomer } from './customerToCustomer.js';
import { customerToDepartment } from './customerToDepartment.js';
import type { Datatype, FlowDefinition } from './flow.js';
import { employeeToEmployee } from './employeeToEmployee.js';
import { supplierToContact } from './supplierToContact.js';

/** In the dataflow document's order. */
export const flows: readonly FlowDefinition[] = [
  customerToCustomer,
  customerToDepartment,
  supplierToContact,
  employeeToEmployee,
  contactPersonToContactPerson,
];

export function flowNamed(name: string): FlowDefinition {
  const flow = flows.find((candidate) => candidate.name === name);
  if (!flow) throw new Error(`No flow named "${name}". Flows: ${flows.map((f) => f.name).join(', ')}.`);
  return flow;
}

/** The flows fed by one datatype of one system, e.g. A `customer` feeds flows 1 and 2. */
export function flowsFedBy(side: 'a' | 'b', datatype: string): FlowDefinition[] {
  return flows.filter((flow) => flow[side].datatype === datatype);
}

/** Every system and datatype some flow reads, once each: one change feed each. */
export function datatypesInUse(): Array<{ system: Datatype['system']; datatype: string }> {
  const sides = flows.flatMap((flow) => [flow.a, flow.b]);
  const unique = new Map(
    sides.map(({ system, datatype }) => [`${system}:${datatype}`, { system, datatype }]),
  );
  return [...unique.values()];
}
