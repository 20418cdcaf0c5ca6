// The one interface the engine sees for a system. Each PowerOffice API implements it in
// src/systems/<system>/adapter.ts; the engine never learns routes, casing or envelopes.

/** A record as the engine handles it: the system's own DTO, plus where it lives. */
export interface SyncRecord {
  /** The record's id in its system, as text (ids are int64 in both APIs). */
  id: string;
  /** Set for records that live under a parent (contact persons under their customer). */
  parentId?: string;
  /** The system's last-changed timestamp, ISO 8601. */
  lastChanged: string;
  /** The DTO exactly as the API returned it (PascalCase for v2, camelCase for v1). */
  data: Record<string, unknown>;
  /** Set on a listed record the API sent in a shape its contract forbids: what is wrong; `data` is as sent. */
  problem?: string;
}

/** Identifies one record: datatype, id and, for child records, the parent's id. */
export interface RecordRef {
  datatype: string;
  id: string;
  parentId?: string;
}

export interface ChangedQuery {
  datatype: string;
  /** Return records whose last-changed is at or after this instant (ISO 8601); omitted: all. */
  since?: string;
  /** Records per page; the adapter clamps it to what the API allows. */
  pageSize?: number;
  /**
   * Child datatypes only: restricts the feed to the children of these parents. v1 has no
   * cross-parent contact person list, so without it the v1 adapter reads every customer's list.
   */
  parentIds?: readonly string[];
  /**
   * A `position` a page of this same query gave: the listing leaves out everything up to there, so a
   * listing cut short goes on where it stopped (a v1 walk over named `parentIds` is read whole).
   */
  after?: string;
}

/** One page of a listing. */
export interface ListedPage {
  records: SyncRecord[];
  /** Where the listing stands after this page (see `ChangedQuery.after`); undefined before the first record. */
  position?: string;
}

export interface FieldValue {
  /** A property path in the system's own naming; `Emails.Value` means "any element's Value". */
  field: string;
  /** Compared trimmed and case-insensitively. */
  value: string;
}

export interface FieldQuery {
  datatype: string;
  /** Records whose field equals the value, for any of these pairs: one call where the API allows. */
  any: FieldValue[];
  /** Restricts the search to the children of one parent (contact persons). */
  parentId?: string;
}

export interface CallOptions {
  /** Cancels the HTTP call: activities pass their cancellation signal here. */
  signal?: AbortSignal;
}

export interface SystemAdapter {
  readonly system: SystemName;
  /** The datatypes this adapter serves, e.g. `customer`, `supplier`, `contact`. */
  readonly datatypes: readonly string[];
  /**
   * Whether `update` writes only over the record as it was read, failing with ChangedSinceReadError
   * otherwise (v2: JSON Patch `test` operations). Without it, the engine reads the record first.
   */
  readonly updatesAreConditional: boolean;
  /** Datatypes whose change feed costs a call per parent record, so they are polled less often. */
  readonly perParentFeeds?: readonly string[];

  /**
   * This machine's instant `localMs` on the API's clock, as its answers' `Date` headers show it
   * (a little early at most, never late): the clock the timestamps `listChanged` filters by are on.
   */
  apiTime(localMs: number): number;
  /**
   * Pages of records changed since `since`, each with the position a cut-short listing resumes
   * from. A record the contract forbids comes as it was sent, with its `problem`, and the list goes on.
   */
  listChanged(query: ChangedQuery, options?: CallOptions): AsyncIterable<ListedPage>;
  /** The record, or undefined when the API answers 404. */
  get(ref: RecordRef, options?: CallOptions): Promise<SyncRecord | undefined>;
  /** Records matching any of the query's field values (trimmed, case-insensitive). */
  findByField(query: FieldQuery, options?: CallOptions): Promise<SyncRecord[]>;
  /** Creates the record; `data` is in the system's own naming. */
  create(
    ref: { datatype: string; parentId?: string },
    data: Record<string, unknown>,
    options?: CallOptions,
  ): Promise<SyncRecord>;
  /**
   * Writes `after` over a record that was read as `before`. v2 sends a JSON Patch of the
   * differences only; v1 posts the full record, as v1 requires.
   */
  update(
    ref: RecordRef,
    before: Record<string, unknown>,
    after: Record<string, unknown>,
    options?: CallOptions,
  ): Promise<SyncRecord>;
}

export const SYSTEMS = ['powerofficego', 'powerofficegov1'] as const;
export type SystemName = (typeof SYSTEMS)[number];
