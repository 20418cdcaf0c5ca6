// The SystemAdapter for PowerOffice Go API v1 (`powerofficegov1`): records are the v1 records as
// returned; an update posts the whole record, as v1 clears what a write leaves out.
import { setTimeout } from 'node:timers/promises';
import { datatypeOf } from '../datatypeOf.js';
import { NotFoundError, RateLimitError, unlessNotFound } from '../errors.js';
import { changedAt, toInstant } from '../http/instant.js';
import { createPacer, type Pacer } from '../http/pacer.js';
import type { OnInvalid } from '../http/parse-body.js';
import { invalidRecord } from '../invalidRecord.js';
import { isAfter, listedPages } from '../listPosition.js';
import type {
  CallOptions,
  ChangedQuery,
  FieldQuery,
  ListedPage,
  RecordRef,
  SyncRecord,
  SystemAdapter,
} from '../system.js';
import {
  PowerofficegoV1Client,
  V1_DATATYPES,
  idKey,
  type PowerofficegoV1Config,
  type V1Datatype,
  type V1Record,
} from './client.js';
import { changedSince, odataEquals, orFilters } from './odata.js';

/** Properties holding lists, so that `Emails.Value` means "any element's Value". */
const listProperties: Record<V1Datatype, string[]> = {
  customer: [],
  employee: [],
  department: [],
  contact: ['Emails', 'Phones', 'Urls', 'Domains'],
  contactperson: [],
};

export class PowerofficegoV1Adapter implements SystemAdapter {
  readonly system = 'powerofficegov1' as const;
  readonly datatypes: readonly string[] = V1_DATATYPES;
  // A POST with the id writes whatever it is sent: v1 has no condition to put on it.
  readonly updatesAreConditional = false;
  // v1 lists contact persons only per customer: a feed of them costs a call per customer.
  readonly perParentFeeds: readonly string[] = ['contactperson'];
  readonly #client: PowerofficegoV1Client;
  /**
   * Paces the adapter's own runs of calls (the walk over every customer's contact persons, a search
   * split in several): they keep to this share of v1's rate limit so the links' own calls are not
   * starved or answered with 429.
   */
  readonly #pace: Pacer;

  constructor(client: PowerofficegoV1Client, pacedCallsPerSecond = 15) {
    this.#client = client;
    this.#pace = createPacer(pacedCallsPerSecond);
  }

  apiTime(localMs: number): number {
    return this.#client.clock.at(localMs);
  }

  async *listChanged(query: ChangedQuery, options?: CallOptions): AsyncIterable<ListedPage> {
    const datatype = datatypeOf(this.system, V1_DATATYPES, query.datatype);
    const filter = query.since === undefined ? undefined : changedSince(toInstant(query.since));
    const invalid: SyncRecord[] = [];
    const keys = { id: idKey(datatype), lastChanged: 'lastChanged', parentId: 'partyId' };
    const onInvalid: OnInvalid = (element, problem) =>
      invalid.push(invalidRecord(this.system, datatype, keys, element, problem));
    const toRecords = (page: V1Record<V1Datatype>[]) => [
      ...page.map((record) => toSyncRecord(datatype, record)),
      ...invalid.splice(0),
    ];
    const listed = { filter, pageSize: query.pageSize, onInvalid };
    if (datatype !== 'contactperson') {
      yield* listedPages(this.#client.list(datatype, listed, options), toRecords, query.after);
      return;
    }
    // v1 lists contact persons only per customer, and a customer's lastChanged does not say that
    // its contact persons changed: the feed reads the list of every customer asked for (all of
    // them when the engine names none), one call each, filtered by the contact persons' lastChanged.
    // A page is one customer's list, its position that customer's id: a whole walk goes in id order.
    const after = query.parentIds ? undefined : query.after;
    for await (const parentId of this.#customerIds(query.parentIds, options)) {
      if (!isAfter(parentId, after)) continue;
      // A call per customer outruns the rate limit: on a 429, wait as told and ask again, so a long
      // walk finishes instead of starting over (one customer's list is small, read in one go).
      for (let attempt = 1; ; attempt++) {
        try {
          await this.#pace();
          const page = await collect(this.#client.list(datatype, { ...listed, parentId }, options));
          yield { records: toRecords(page), position: parentId };
          break;
        } catch (error) {
          // The customer was deleted since it was listed: it has no contact persons left to report.
          if (error instanceof NotFoundError) break;
          if (!(error instanceof RateLimitError) || attempt >= 10) throw error;
          await setTimeout(error.retryAfterMs, undefined, { signal: options?.signal });
        }
      }
    }
  }

  async get(ref: RecordRef, options?: CallOptions): Promise<SyncRecord | undefined> {
    const datatype = datatypeOf(this.system, V1_DATATYPES, ref.datatype);
    const record = await unlessNotFound(this.#client.get(datatype, ref, options));
    return record && toSyncRecord(datatype, record);
  }

  /**
   * One OData filter for all the pairs, so the API does the matching; contact persons within their
   * customer only. A long list of pairs (a page of new records matched at once) is split into
   * filters of a URL's safe length, and those calls are paced.
   */
  async findByField(query: FieldQuery, options?: CallOptions): Promise<SyncRecord[]> {
    const datatype = datatypeOf(this.system, V1_DATATYPES, query.datatype);
    const filters = orFilters(
      query.any.map(({ field, value }) => odataEquals(field, value, listProperties[datatype])),
    );
    const found = new Map<string, SyncRecord>();
    for (const filter of filters) {
      if (filters.length > 1) await this.#pace();
      const page = await collect(this.#client.list(datatype, { filter, parentId: query.parentId }, options));
      for (const record of page.map((listed) => toSyncRecord(datatype, listed))) found.set(record.id, record);
    }
    return [...found.values()];
  }

  async create(
    ref: { datatype: string; parentId?: string },
    data: Record<string, unknown>,
    options?: CallOptions,
  ): Promise<SyncRecord> {
    const datatype = datatypeOf(this.system, V1_DATATYPES, ref.datatype);
    const body = writable(data, idKey(datatype));
    return toSyncRecord(datatype, await this.#client.save(datatype, body, ref.parentId, options));
  }

  /** Posts `after` over `before` with the record's id: v1 writes every field, clearing those left out. */
  async update(
    ref: RecordRef,
    before: Record<string, unknown>,
    after: Record<string, unknown>,
    options?: CallOptions,
  ): Promise<SyncRecord> {
    const datatype = datatypeOf(this.system, V1_DATATYPES, ref.datatype);
    const body = { ...writable(before), ...writable(after), [idKey(datatype)]: Number(ref.id) };
    // The POST's reply is the written record: a read now could still hit the lagging replica.
    return toSyncRecord(datatype, await this.#client.save(datatype, body, ref.parentId, options));
  }

  async *#customerIds(
    parentIds: readonly string[] | undefined,
    options?: CallOptions,
  ): AsyncIterable<string> {
    if (parentIds) {
      yield* parentIds;
      return;
    }
    for await (const customers of this.#client.list('customer', {}, options)) {
      yield* customers.map((customer) => String(customer.id));
    }
  }
}

export function createPowerofficegoV1Adapter(
  config: PowerofficegoV1Config,
  pacedCallsPerSecond?: number,
): PowerofficegoV1Adapter {
  return new PowerofficegoV1Adapter(new PowerofficegoV1Client(config), pacedCallsPerSecond);
}

/** Every page of a short list: one customer's contact persons, or a search's answers. */
async function collect<T>(pages: AsyncIterable<T[]>): Promise<T[]> {
  const all: T[] = [];
  for await (const page of pages) all.push(...page);
  return all;
}

function toSyncRecord(datatype: V1Datatype, record: V1Record<V1Datatype>): SyncRecord {
  const id = (record as Record<string, unknown>)[idKey(datatype)];
  return {
    id: String(id),
    ...('partyId' in record && { parentId: String(record.partyId) }),
    lastChanged: changedAt(
      record.lastChanged,
      (record as { mailAddress?: { lastChanged?: string | null } | null }).mailAddress?.lastChanged,
    ),
    data: record,
  };
}

/** Set by the API itself, so never sent. */
const serverFields = ['lastChanged', 'createdDate'];

/** Without the fields the API sets itself. A read's `"hidden"` stays: leaving a field out clears it. */
function writable(data: Record<string, unknown>, ...alsoLeaveOut: string[]): Record<string, unknown> {
  const leaveOut = [...serverFields, ...alsoLeaveOut];
  return Object.fromEntries(Object.entries(data).filter(([key]) => !leaveOut.includes(key)));
}
