// A listed record the API sent in a shape its contract forbids. The feed still hands it to its link
// (by whatever id it carries), which parks with the problem; the rest of the list goes on.
import type { SyncRecord, SystemName } from './system.js';

/** Where the record's id, last-changed and parent id are, in the system's own naming. */
export interface RecordKeys {
  id: string;
  lastChanged: string;
  parentId?: string;
}

export function invalidRecord(
  system: SystemName,
  datatype: string,
  keys: RecordKeys,
  element: unknown,
  problem: string,
): SyncRecord {
  const data = typeof element === 'object' && element !== null ? (element as Record<string, unknown>) : {};
  const text = (key: string | undefined) => {
    const value = key === undefined ? undefined : data[key];
    return typeof value === 'string' || typeof value === 'number' ? String(value) : '';
  };
  const changed = Date.parse(text(keys.lastChanged));
  const id = text(keys.id);
  return {
    id,
    ...(text(keys.parentId) && { parentId: text(keys.parentId) }),
    lastChanged: Number.isNaN(changed) ? '' : new Date(changed).toISOString(),
    data,
    problem: `${system} listed ${datatype} ${id || '(without an id)'} in a shape its contract does not allow: ${problem.replace(/^response does not match the contract: /, '')}`,
  };
}
