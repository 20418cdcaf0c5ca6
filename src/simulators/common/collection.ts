// The records of one datatype: kept in memory for fast listing, written through to SQLite,
// with an index per unique field so uniqueness checks and look-ups never scan.
import type { SimulatorDatabase } from './database.js';

export interface UniqueIndex<R> {
  name: string;
  /** The value that must be unique, normalised (e.g. lower-cased); null/undefined/'' are not indexed. */
  key(record: R): string | number | null | undefined;
}

export interface RecordChange<R> {
  datatype: string;
  id: number;
  /** The record as it was before the write; undefined when it was created. */
  before: R | undefined;
}

export class Collection<R extends object> {
  readonly #records = new Map<number, R>();
  readonly #indexes = new Map<string, Map<string | number, number>>();
  readonly #listeners: ((change: RecordChange<R>) => void)[] = [];
  #inIdOrder = true;
  #maxId = 0;

  constructor(
    private readonly database: SimulatorDatabase,
    readonly datatype: string,
    readonly idOf: (record: R) => number,
    private readonly uniqueIndexes: readonly UniqueIndex<R>[] = [],
  ) {
    for (const index of uniqueIndexes) this.#indexes.set(index.name, new Map());
    for (const record of database.loadRecords(datatype) as R[]) this.#remember(record);
  }

  get size(): number {
    return this.#records.size;
  }

  get(id: number): R | undefined {
    return this.#records.get(id);
  }

  /** Every record, ordered by id. */
  values(): R[] {
    if (!this.#inIdOrder) this.#sortById();
    return [...this.#records.values()];
  }

  findUnique(indexName: string, key: string | number): R | undefined {
    const id = this.#indexes.get(indexName)?.get(key);
    return id === undefined ? undefined : this.#records.get(id);
  }

  uniqueIndex(name: string): UniqueIndex<R> | undefined {
    return this.uniqueIndexes.find((index) => index.name === name);
  }

  hasUnique(indexName: string, key: string | number): boolean {
    return this.#indexes.get(indexName)?.has(key) ?? false;
  }

  put(record: R): void {
    const id = this.idOf(record);
    const before = this.#records.get(id);
    if (before) this.#forget(before);
    this.#remember(record);
    this.database.saveRecord(this.datatype, id, record);
    this.#notify({ datatype: this.datatype, id, before });
  }

  delete(id: number): R | undefined {
    const before = this.#records.get(id);
    if (!before) return undefined;
    this.#forget(before);
    this.#records.delete(id);
    this.database.deleteRecord(this.datatype, id);
    this.#notify({ datatype: this.datatype, id, before });
    return before;
  }

  /** Forgets every record in memory; the caller empties the database. */
  clear(): void {
    this.#records.clear();
    for (const index of this.#indexes.values()) index.clear();
    this.#inIdOrder = true;
    this.#maxId = 0;
  }

  onChange(listener: (change: RecordChange<R>) => void): void {
    this.#listeners.push(listener);
  }

  #remember(record: R): void {
    const id = this.idOf(record);
    if (!this.#records.has(id) && id < this.#maxId) this.#inIdOrder = false;
    this.#maxId = Math.max(this.#maxId, id);
    this.#records.set(id, record);
    for (const index of this.uniqueIndexes) {
      const key = index.key(record);
      if (key !== null && key !== undefined && key !== '') this.#indexes.get(index.name)!.set(key, id);
    }
  }

  #forget(record: R): void {
    const id = this.idOf(record);
    for (const index of this.uniqueIndexes) {
      const key = index.key(record);
      const entries = this.#indexes.get(index.name)!;
      if (key !== null && key !== undefined && entries.get(key) === id) entries.delete(key);
    }
  }

  #sortById(): void {
    const sorted = [...this.#records.entries()].sort(([a], [b]) => a - b);
    this.#records.clear();
    for (const [id, record] of sorted) this.#records.set(id, record);
    this.#inIdOrder = true;
  }

  #notify(change: RecordChange<R>): void {
    for (const listener of this.#listeners) listener(change);
  }
}
