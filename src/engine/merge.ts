// The field-by-field two-way merge of DATAFLOWS.md rules 3 and 4. Pure: given the base (the values
// last synchronized) and both records, it says what to write where and why.
import type { FieldMapping, FlowDefinition } from '../mappings/flow.js';
import { isEmpty, sameValue, type Data, type Value } from '../mappings/values.js';
import type { SyncRecord } from '../systems/system.js';

/** The last synchronized value of each field, as each side holds it. */
export type Base = Record<string, { a: Value; b: Value }>;

export interface MergePlan {
  /** The A record as it must become; undefined when A needs no write. */
  aAfter?: Data;
  bAfter?: Data;
  /** One line per field that was written, saying which way and why. */
  decisions: string[];
}

export function fieldKey(field: FieldMapping): string {
  return `${field.a.label}>${field.b.label}`;
}

const toB = (field: FieldMapping, a: Data): Value => {
  const value = field.a.get(a);
  return field.toB ? field.toB(value, a) : value;
};

const toA = (field: FieldMapping, b: Data): Value => {
  const value = field.b.get(b);
  return field.toA ? field.toA(value, b) : value;
};

/** Fields kept in sync after creation (create-only match keys are not). */
export function syncedFields(flow: FlowDefinition): FieldMapping[] {
  return flow.fields.filter((field) => !field.onCreateOnly);
}

/** What a merge wrote to one side: the copy it read and the record it sent over it. */
export interface Written {
  read: Data;
  sent: Data;
}

/**
 * The base once both records hold these values. When they are a write's replies, a field the
 * merge wrote on a side is based on what that API kept of it (v1 fills in a country code of its
 * own), and any other on the copy the merge read: a change someone made in between, which a reply
 * carries (a v2 patch sends only what changed), still differs from the base and is merged next.
 */
export function baseOf(
  flow: FlowDefinition,
  a: Data,
  b: Data,
  written: Partial<Record<'a' | 'b', Written>> = {},
): Base {
  const held = { a, b };
  const wrote = {
    a: written.a && writtenFields(flow, 'a', written.a),
    b: written.b && writtenFields(flow, 'b', written.b),
  };
  const valueOn = (field: FieldMapping, side: 'a' | 'b'): Value => {
    const read = written[side]?.read;
    return field[side].get(read && !wrote[side]!.has(field) ? read : held[side]);
  };
  return Object.fromEntries(
    syncedFields(flow).map((field) => [fieldKey(field), { a: valueOn(field, 'a'), b: valueOn(field, 'b') }]),
  );
}

/** `MailAddress` for `MailAddress.City`: the object a field belongs to, or the field itself. */
const groupOf = (field: FieldMapping, side: 'a' | 'b') => field[side].label.split('.')[0];

/**
 * The fields a write set on one side: those it changed, and every field of an object it wrote
 * where there was none (all its fields empty), whose other members the API may fill in (v2 gives
 * a new address the country code NO).
 */
function writtenFields(flow: FlowDefinition, side: 'a' | 'b', { read, sent }: Written): Set<FieldMapping> {
  const fields = syncedFields(flow);
  const changed = fields.filter((field) => !sameValue(field[side].get(sent), field[side].get(read)));
  const created = new Set(
    changed
      .map((field) => groupOf(field, side))
      .filter((group) =>
        fields.every((field) => groupOf(field, side) !== group || isEmpty(field[side].get(read))),
      ),
  );
  return new Set([...changed, ...fields.filter((field) => created.has(groupOf(field, side)))]);
}

/** Whether a record differs from the base on any synced field: false means an echo or an irrelevant change. */
export function differsFromBase(flow: FlowDefinition, side: 'a' | 'b', record: Data, base: Base): boolean {
  return syncedFields(flow).some((field) => {
    const entry = base[fieldKey(field)];
    return !entry || !sameValue(field[side].get(record), entry[side]);
  });
}

/** The B record to create for an A record: every mapped field, create-only ones included. */
export function recordForB(flow: FlowDefinition, a: Data, extra: Data = {}): Data {
  return flow.fields.reduce((b, field) => field.b.set(b, toB(field, a)), extra);
}

function lastChangedMs(record: SyncRecord): number {
  const ms = Date.parse(record.lastChanged);
  return Number.isNaN(ms) ? 0 : ms;
}

/**
 * Which side's value stands for a field whose two sides differ; undefined when neither changed
 * since the base (a difference both sides already had when they were last in sync, such as an
 * API's default, is left alone). Changed on one side: that side. Changed on both: a non-empty
 * value beats an empty one, then the record changed last wins, and a tie goes to A. Without a base
 * (a link just made by matching an existing B record): a non-empty value beats an empty one, else
 * A, the system records come from, leads.
 */
function winner(
  field: FieldMapping,
  a: SyncRecord,
  b: SyncRecord,
  entry: { a: Value; b: Value } | undefined,
): { side: 'a' | 'b'; why: string } | undefined {
  const aValue = field.a.get(a.data);
  const bValue = field.b.get(b.data);
  if (!entry) {
    if (isEmpty(aValue)) return { side: 'b', why: 'first link; A has no value' };
    return { side: 'a', why: 'first link; A leads' };
  }
  const aChanged = !sameValue(aValue, entry.a);
  const bChanged = !sameValue(bValue, entry.b);
  if (!aChanged && !bChanged) return undefined;
  if (aChanged !== bChanged)
    return aChanged ? { side: 'a', why: 'changed in A' } : { side: 'b', why: 'changed in B' };
  if (isEmpty(aValue) !== isEmpty(bValue)) {
    return { side: isEmpty(aValue) ? 'b' : 'a', why: 'changed on both sides; the non-empty value wins' };
  }
  const aMs = lastChangedMs(a);
  const bMs = lastChangedMs(b);
  if (bMs > aMs) return { side: 'b', why: 'changed on both sides; B changed last' };
  return {
    side: 'a',
    why: aMs === bMs ? 'changed on both sides; a tie goes to A' : 'changed on both sides; A changed last',
  };
}

export function merge(flow: FlowDefinition, base: Base | undefined, a: SyncRecord, b: SyncRecord): MergePlan {
  let aNext = a.data;
  let bNext = b.data;
  const decisions: string[] = [];
  const twoWay = syncedFields(flow).filter((field) => field.toA !== null);
  const derived = syncedFields(flow).filter((field) => field.toA === null);

  for (const field of twoWay) {
    const wanted = toB(field, a.data);
    if (sameValue(wanted, field.b.get(b.data))) continue;
    const decision = winner(field, a, b, base?.[fieldKey(field)]);
    if (!decision) continue;
    const { side, why } = decision;
    if (side === 'a') {
      bNext = field.b.set(bNext, wanted);
      decisions.push(`${field.a.label} → ${field.b.label}: ${why}`);
    } else {
      aNext = field.a.set(aNext, toA(field, b.data));
      decisions.push(`${field.a.label} ← ${field.b.label}: ${why}`);
    }
  }
  // Derived fields follow A as it will be after this merge.
  for (const field of derived) {
    const wanted = toB(field, aNext);
    if (sameValue(wanted, field.b.get(bNext))) continue;
    bNext = field.b.set(bNext, wanted);
    decisions.push(`${field.a.label} → ${field.b.label}: derived from A`);
  }
  return {
    aAfter: aNext === a.data ? undefined : aNext,
    bAfter: bNext === b.data ? undefined : bNext,
    decisions,
  };
}
