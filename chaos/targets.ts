// What a run edits: one field per flow, as a person would change it on either side. The fields
// are the flows' own mappings, so an edit is written with the same accessor the engine reads.
import { fieldKey } from '../src/engine/merge.js';
import type { FieldMapping, FlowDefinition } from '../src/mappings/flow.js';
import { flowNamed } from '../src/mappings/index.js';
import type { Random } from './random.js';

type Fields = Record<string, unknown>;

export interface EditTarget {
  kind: 'supplier' | 'customer' | 'employee' | 'contactperson';
  flow: FlowDefinition;
  field: FieldMapping;
  /** Share of edits that go to this kind. */
  weight: number;
  /** Whether an A record of this kind is edited (customers that are people keep their names). */
  editable(aRecord: Fields, a: AData): boolean;
  value(n: number, random: Random): string;
}

/** The A records a target may pick from, by datatype. */
export type AData = Record<string, Map<string, Fields>>;

const jobTitles = ['Konsulent', 'Regnskapsfører', 'Prosjektleder', 'Salgssjef', 'Daglig leder', 'Controller'];
const phone = (n: number) => `+47 4${String(n).padStart(7, '0')}`;

function fieldOf(flowName: string, aLabel: string): { flow: FlowDefinition; field: FieldMapping } {
  const flow = flowNamed(flowName);
  const field = flow.fields.find((candidate) => candidate.a.label === aLabel);
  // The run compares edited values as they are: the field must carry them unchanged both ways.
  if (!field || field.toB || field.toA !== undefined || field.onCreateOnly) {
    throw new Error(`${flowName} has no plain two-way field ${aLabel}`);
  }
  return { flow, field };
}

export const editTargets: EditTarget[] = [
  {
    kind: 'supplier',
    ...fieldOf('supplier-contact', 'PhoneNumber'),
    weight: 0.35,
    editable: () => true,
    value: phone,
  },
  {
    kind: 'customer',
    ...fieldOf('customer-customer', 'Name'),
    weight: 0.25,
    editable: (customer) => customer.IsPerson !== true,
    value: (n, random) => `${random.pick(['Nord', 'Sør', 'Vest', 'Øst', 'Fjord', 'Berg'])} Handel ${n} AS`,
  },
  {
    kind: 'employee',
    ...fieldOf('employee-employee', 'JobTitle'),
    weight: 0.15,
    editable: () => true,
    value: (n, random) => `${random.pick(jobTitles)} ${n}`,
  },
  {
    kind: 'contactperson',
    ...fieldOf('contactperson-contactperson', 'PhoneNumber'),
    weight: 0.25,
    // Only contact persons of customers have a v1 counterpart.
    editable: (person, a) => a.customer?.has(String(person.ContactId)) ?? false,
    value: phone,
  },
];

export const editedFieldKey = (target: EditTarget) => fieldKey(target.field);

export function pickTarget(random: Random): EditTarget {
  let roll = random.next() * editTargets.reduce((sum, target) => sum + target.weight, 0);
  for (const target of editTargets) {
    roll -= target.weight;
    if (roll < 0) return target;
  }
  return editTargets.at(-1)!;
}
