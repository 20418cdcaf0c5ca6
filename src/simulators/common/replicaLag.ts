// v1 reads go to a replica that lags writes. Every write is remembered for `lagMs`; a lagged
// read undoes the writes it cannot see yet, so it shows each record as it was `lagMs` ago.
import type { Collection, RecordChange } from './collection.js';

interface RememberedWrite {
  datatype: string;
  id: number;
  before: object | undefined;
  at: number;
}

export interface RecordView<R> {
  get(id: number): R | undefined;
  values(): R[];
}

export class ReplicaLag {
  #writes: RememberedWrite[] = [];

  constructor(public lagMs: number) {}

  watch<R extends object>(collection: Collection<R>): void {
    collection.onChange((change: RecordChange<R>) => {
      if (this.lagMs <= 0) return;
      this.#writes.push({ ...change, at: Date.now() });
      this.#forgetVisible();
    });
  }

  forgetAll(): void {
    this.#writes = [];
  }

  view<R extends object>(collection: Collection<R>): RecordView<R> {
    this.#forgetVisible();
    const hidden = this.#hiddenRecords(collection.datatype);
    if (hidden.size === 0) return collection;
    return {
      get: (id) => (hidden.has(id) ? (hidden.get(id) as R | undefined) : collection.get(id)),
      values: () => {
        const visible = new Map<number, R>(
          collection.values().map((record) => [collection.idOf(record), record]),
        );
        for (const [id, before] of hidden) {
          if (before) visible.set(id, before as R);
          else visible.delete(id);
        }
        return [...visible.entries()].sort(([a], [b]) => a - b).map(([, record]) => record);
      },
    };
  }

  // The state before the oldest write the replica has not seen yet is what the replica shows.
  #hiddenRecords(datatype: string): Map<number, object | undefined> {
    const cutoff = Date.now() - this.lagMs;
    const hidden = new Map<number, object | undefined>();
    for (let i = this.#writes.length - 1; i >= 0; i--) {
      const write = this.#writes[i]!;
      if (write.at <= cutoff) break;
      if (write.datatype === datatype) hidden.set(write.id, write.before);
    }
    return hidden;
  }

  #forgetVisible(): void {
    const cutoff = Date.now() - this.lagMs;
    const firstHidden = this.#writes.findIndex((write) => write.at > cutoff);
    if (firstHidden !== 0) this.#writes = firstHidden === -1 ? [] : this.#writes.slice(firstHidden);
  }
}
