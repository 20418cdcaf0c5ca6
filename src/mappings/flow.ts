// What a flow is: two datatypes, how a link between their records is found, when a B record may
// be created, and which fields are kept equal. Each flow is one file of plain data built with
// `defineFlow`; the engine, the dataflow document and the tests read nothing else about flows.
import type { Accessor, Data, Value } from './values.js';

export type SystemSide = 'a' | 'b';

export interface Datatype {
  system: 'powerofficego' | 'powerofficegov1';
  /** The adapter's datatype name, e.g. `supplier` or `contact`. */
  datatype: string;
  /** How the dataflow document names it, e.g. `Supplier`, `Contact person`. */
  label: string;
}

export interface FieldMapping {
  a: Accessor;
  b: Accessor;
  /** The B property's type as the dataflow document shows it, e.g. `"string"`, `"list"`. */
  bType: string;
  /** A's value → B's value. Default: the same value. */
  toB?: (value: Value, aRecord: Data) => Value;
  /** B's value → A's value; `null` when the field flows from A to B only (derived in B). */
  toA?: ((value: Value, bRecord: Data) => Value) | null;
  /** Written when the B record is created, never updated (a match key). */
  onCreateOnly?: boolean;
}

/**
 * One way to find the B record for an A record, tried in the flow's order until one finds
 * candidates. `values` gives the A side's search values (several spellings allowed); B records
 * whose `bField` equals one of them, trimmed and case-insensitively, are the candidates.
 */
export interface MatchRule {
  /** How the dataflow document names this rule's two sides. */
  label: { a: string; b: string };
  values: (aRecord: Data) => string[];
  bField: string;
  /** When true, `values` are B record ids, read directly instead of searched. */
  byId?: boolean;
}

/** Another flow's link, named by that flow and the A id it is about. */
export interface LinkEdge {
  flow: string;
  /** The other link's A id, read from this link's A record; undefined: no edge for this record. */
  aId: (aRecord: Data) => string | undefined;
}

export interface ParentEdge extends LinkEdge {
  /** The B property that holds the parent's B id, e.g. contact person `partyId`. */
  bField: string;
  /** The A property that holds the parent's A id (the child's `parentId` in A). */
  aField: string;
}

export type CreationPolicy = 'always' | 'on-dependency';

export interface FlowDefinition {
  /** `supplier-contact`: used in link ids, search attributes and commands. */
  name: string;
  a: Datatype;
  b: Datatype;
  policy: CreationPolicy;
  /**
   * For `on-dependency`: links of other flows whose being synchronized makes this one be created
   * (`sameId`: the other flow's link for the same A id, e.g. a supplier that is also a customer).
   * Children that name this flow as their `parent` create it too.
   */
  createdWhenLinked?: Array<LinkEdge | { flow: string; sameId: true }>;
  /** A child flow waits for its parent's link and writes the parent's B id into `bField`. */
  parent?: ParentEdge;
  match: MatchRule[];
  fields: FieldMapping[];
  /** The policy as the dataflow document words it. */
  policySentence: string;
}

export function defineFlow<const F extends FlowDefinition>(flow: F): F {
  return flow;
}
