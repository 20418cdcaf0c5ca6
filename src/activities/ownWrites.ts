// The copies of records each link wrote through this worker process, so that a change feed does not
// hand a link back its own write. The link would drop that copy anyway (it has seen it), but every
// delivery costs a signal and a workflow task. Only the writing link is spared: another flow fed
// by the same records needs the change. Another process's writes are not known here: they are
// delivered and dropped as before.
import type { SyncRecord, SystemName } from '../systems/system.js';

const CAPACITY = 100_000;

export class OwnWrites {
  readonly #keys = new Set<string>();

  add(linkId: string, system: SystemName, record: SyncRecord): void {
    this.#keys.add(keyOf(linkId, system, record));
    // A Set iterates in insertion order: the oldest go first.
    for (const key of this.#keys) {
      if (this.#keys.size <= CAPACITY) break;
      this.#keys.delete(key);
    }
  }

  /** Whether this copy (same record, same last-changed) is one this link wrote; forgotten once asked. */
  take(linkId: string, system: SystemName, record: SyncRecord): boolean {
    return this.#keys.delete(keyOf(linkId, system, record));
  }
}

// Timestamps compared as instants: the two APIs spell them differently.
const keyOf = (linkId: string, system: SystemName, record: SyncRecord) =>
  `${linkId}|${system}:${record.id}@${Date.parse(record.lastChanged)}`;
