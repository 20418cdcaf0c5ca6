// Which existing B records are a link's candidates. A link's search is described once (searchFor)
// and answered by one call for all its rules, or by one call for a whole page of new A records
// (the change feed's first listing); the rules' order decides: origin marker first, then the
// flow's rules in order. A record carrying another link's marker is never a candidate.
import { parseOriginMarker } from '../ids.js';
import type { FieldValue, SyncRecord } from '../systems/system.js';

/** What a link looks for in B: records its A record names by id, else field values by precedence. */
export interface CandidateSearch {
  /** Record ids the A record names (a link-only match rule): read first. */
  ids: string[];
  /** Field values by precedence: the records answering the first group that finds any win. */
  groups: FieldValue[][];
  /** The link's origin marker: a record carrying another link's marker belongs to that link. */
  marker?: FieldValue;
}

/** The parts of a link's plan (mappingActivities.planLink) a search is made of. */
export interface SearchPlan {
  identity: FieldValue;
  identityIsMarker: boolean;
  matches: Array<{ bField: string; values: string[]; byId: boolean }>;
}

export function searchFor(plan: SearchPlan): CandidateSearch {
  const marker = plan.identityIsMarker ? plan.identity : undefined;
  const groups = [
    ...(marker ? [[marker]] : []),
    ...plan.matches
      .filter((match) => !match.byId)
      .map((match) => match.values.map((value) => ({ field: match.bField, value }))),
  ];
  return {
    ids: plan.matches.filter((match) => match.byId).flatMap((match) => match.values),
    groups: groups.filter((group) => group.length > 0),
    marker,
  };
}

/** The candidates among records found by the search's field values (not by its ids). */
export function candidatesFor(found: SyncRecord[], search: CandidateSearch): SyncRecord[] {
  const free = found.filter((record) => !ownedByAnother(record, search.marker));
  return pickCandidates(free, search.groups);
}

/** Whether the record carries an origin marker other than this link's. */
export function ownedByAnother(record: SyncRecord, marker: FieldValue | undefined): boolean {
  if (!marker) return false;
  const held = record.data[marker.field];
  return parseOriginMarker(held) !== undefined && String(held).trim() !== marker.value;
}

const key = (value: unknown) => String(value).trim().toLowerCase();

/** The texts at a dotted path; a list on the way means any of its elements (`Emails.Value`). */
export function valuesAt(data: unknown, path: string): string[] {
  if (Array.isArray(data)) return data.flatMap((item) => valuesAt(item, path));
  if (path === '')
    return data === null || data === undefined || typeof data === 'object' ? [] : [String(data)];
  if (typeof data !== 'object' || data === null) return [];
  const [head = '', ...rest] = path.split('.');
  return valuesAt((data as Record<string, unknown>)[head], rest.join('.'));
}

function matches(record: SyncRecord, { field, value }: FieldValue): boolean {
  return valuesAt(record.data, field).some((found) => key(found) === key(value));
}

/** The records answering the first group that any record answers; [] when none does. */
export function pickCandidates(records: SyncRecord[], groups: FieldValue[][]): SyncRecord[] {
  for (const group of groups) {
    const answering = records.filter((record) => group.some((pair) => matches(record, pair)));
    if (answering.length > 0) return answering;
  }
  return [];
}
