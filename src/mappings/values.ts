// Field values as the engine compares and stores them, and the accessors that read and write
// them on a record in its own system's naming. Plain functions: safe in workflows and activities.

export type Value = string | number | boolean | null | string[];
export type Data = Record<string, unknown>;

/** Empty means "no value": null, undefined, '', whitespace only, or an empty list. */
export function isEmpty(value: unknown): boolean {
  if (value === null || value === undefined) return true;
  if (typeof value === 'string') return value.trim() === '';
  if (Array.isArray(value)) return value.length === 0;
  return false;
}

/** Equality the merge uses: all empties are equal; lists compare element by element. */
export function sameValue(left: Value, right: Value): boolean {
  if (isEmpty(left) || isEmpty(right)) return isEmpty(left) && isEmpty(right);
  if (Array.isArray(left) || Array.isArray(right)) {
    return (
      Array.isArray(left) &&
      Array.isArray(right) &&
      left.length === right.length &&
      left.every((item, index) => item === right[index])
    );
  }
  return left === right;
}

/** Turns whatever a record holds into a Value; objects that are not lists become null. */
export function toValue(raw: unknown): Value {
  if (raw === undefined || raw === null) return null;
  if (typeof raw === 'string' || typeof raw === 'number' || typeof raw === 'boolean') return raw;
  if (Array.isArray(raw)) return raw.filter((item) => typeof item === 'string') as string[];
  return null;
}

/** Reads and writes one property of a record; `label` is how the dataflow document names it. */
export interface Accessor {
  label: string;
  get(record: Data): Value;
  /** Returns a copy of `record` with the value set; the input is never changed. */
  set(record: Data, value: Value): Data;
}

function getPath(record: Data, keys: string[]): unknown {
  return keys.reduce<unknown>(
    (node, key) => (node && typeof node === 'object' ? (node as Data)[key] : undefined),
    record,
  );
}

function setPath(record: Data, keys: string[], value: unknown): Data {
  const [key, ...rest] = keys as [string, ...string[]];
  if (rest.length === 0) return { ...record, [key]: value };
  const child = record[key];
  return {
    ...record,
    [key]: setPath(child && typeof child === 'object' ? (child as Data) : {}, rest, value),
  };
}

/** A plain or nested property: `prop('MailAddress.City')`. */
export function prop(path: string, label = path): Accessor {
  const keys = path.split('.');
  return {
    label,
    get: (record) => toValue(getPath(record, keys)),
    set: (record, value) => setPath(record, keys, value),
  };
}

/**
 * The first element's `key` of a list of objects, like v1 Contact `Emails: [{Value}]`.
 * Writing replaces the first element's value and keeps the rest; an empty value removes it.
 */
export function firstOf(list: string, key = 'Value'): Accessor {
  const items = (record: Data): Data[] => (Array.isArray(record[list]) ? (record[list] as Data[]) : []);
  return {
    label: `${list}.${key}`,
    get: (record) => toValue(items(record)[0]?.[key]),
    set: (record, value) => {
      const [first, ...rest] = items(record);
      return { ...record, [list]: isEmpty(value) ? rest : [{ ...first, [key]: value }, ...rest] };
    },
  };
}

/** An accessor whose reads pass through `normalize`, so both sides compare in one form (dates). */
export function normalized(accessor: Accessor, normalize: (value: Value) => Value): Accessor {
  return { ...accessor, get: (record) => normalize(accessor.get(record)) };
}
