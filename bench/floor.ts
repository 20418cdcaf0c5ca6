// The physical limit of a backfill: the fewest API calls it can make on each side — a token, the
// list pages of every datatype a flow reads, and one create per record that must exist in B —
// at that side's published rate limit. The slower side sets the floor.
import { datatypesInUse } from '../src/mappings/index.js';
import { originMarkerFields } from '../src/systems/originMarkerFields.js';
import type { SystemName } from '../src/systems/system.js';

/** Requests per second each API allows (the simulators' defaults). */
export const PUBLISHED_RATE_LIMITS: Record<SystemName, number> = { powerofficego: 10, powerofficegov1: 50 };

export interface SideFloor {
  listPages: number;
  creates: number;
  calls: number;
  seconds: number;
}

export interface BackfillFloor {
  powerofficego: SideFloor;
  powerofficegov1: SideFloor;
  seconds: number;
}

type Lister = { list(datatype: string): object[] };

/** Records per datatype, read in process (no API calls). */
export function recordCounts(admin: Lister, system: SystemName): Record<string, number> {
  const datatypes = datatypesInUse().filter((used) => used.system === system);
  return Object.fromEntries(datatypes.map(({ datatype }) => [datatype, admin.list(datatype).length]));
}

/** B records the engine made: those carrying its origin marker, and every department (which has none). */
export function createdInB(v1: Lister): number {
  return Object.entries(originMarkerFields).reduce((sum, [datatype, field]) => {
    const records = v1.list(datatype) as Array<Record<string, unknown>>;
    const made = field
      ? records.filter((record) => String(record[field] ?? '').startsWith('powerofficego:'))
      : records;
    return sum + made.length;
  }, 0);
}

/**
 * `countsAtStart`: records per datatype on each side before the backfill (a list reads at least
 * one page even when empty); `pageSize`: what the engine asks for (v2 PageSize, v1 $top).
 */
export function backfillFloor(
  countsAtStart: Record<SystemName, Record<string, number>>,
  bCreates: number,
  pageSize: number,
): BackfillFloor {
  const side = (system: SystemName, creates: number): SideFloor => {
    const listPages = Object.values(countsAtStart[system]).reduce(
      (sum, count) => sum + Math.max(1, Math.ceil(count / pageSize)),
      0,
    );
    const calls = 1 + listPages + creates; // 1: the token
    return { listPages, creates, calls, seconds: calls / PUBLISHED_RATE_LIMITS[system] };
  };
  const a = side('powerofficego', 0);
  const b = side('powerofficegov1', bCreates);
  return { powerofficego: a, powerofficegov1: b, seconds: Math.max(a.seconds, b.seconds) };
}
