// The SystemAdapter for PowerOffice Go API v2 (`powerofficego`): records are the v2 DTOs as
// returned, updates are JSON Patches of exactly what changed.
import jsonpatch, { type TestOperation } from 'fast-json-patch';
import { isDeepStrictEqual } from 'node:util';
import { datatypeOf } from '../datatypeOf.js';
import { ChangedSinceReadError, unlessNotFound, ValidationError } from '../errors.js';
import type { OnInvalid } from '../http/parse-body.js';
import { invalidRecord } from '../invalidRecord.js';
import { changedAt, toInstant } from '../http/instant.js';
import { listedPages } from '../listPosition.js';
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
  PowerofficegoClient,
  V2_DATATYPES,
  type PowerofficegoConfig,
  type V2Datatype,
  type V2Record,
} from './client.js';

/** Read-only in the contract, so never sent on create or patch (dotted paths into the DTO). */
const contactReadOnly = [
  'Id',
  'LastChangedDateTimeOffset',
  'ContactCreatedDateTimeOffset',
  'CreatedFromImportJournalId',
  'SubledgerAccountId',
  'MailAddress.Id',
  'MailAddress.LastChangedDateTimeOffset',
];
const readOnly: Record<V2Datatype, string[]> = {
  customer: [
    ...contactReadOnly,
    'CustomerCreatedDateTimeOffset',
    'DeliveryTerm',
    'DepartmentCode',
    'InvoiceBrandingThemeCode',
    'IsActive',
    'PaymentTerm',
    'SalesPersonEmployeeNumber',
  ],
  // The seed's InternationalId* fields link a supplier; they are not in the published write DTO.
  supplier: [
    ...contactReadOnly,
    'IsActive',
    'SupplierCreatedDateTimeOffset',
    'InternationalIdNumber',
    'InternationalIdType',
  ],
  employee: [
    ...contactReadOnly,
    'DepartmentCode',
    'EmployeeCreatedDateTimeOffset',
    'ExpenseBankAccountId',
    'LocationCode',
    'ManagerEmployeeNo',
    'SalaryBankAccountId',
    'TravelExpenseBankAccountId',
  ],
  contactperson: ['Id', 'LastChangedDateTimeOffset', 'ContactId', 'CreatedDateTimeOffset'],
  department: [
    'Id',
    'LastChangedDateTimeOffset',
    'CreatedDateTimeOffset',
    'CreatedFromImportJournalId',
    'ManagerEmployeeId',
    'ManagerEmployeeNo',
  ],
};

/** v2 has no general filter: the fields each list can filter on, and the query parameter doing it. */
const searchable: Record<V2Datatype, Record<string, string>> = {
  customer: { ExternalImportReference: 'externalImportReference' },
  supplier: { ExternalImportReference: 'externalImportReference' },
  employee: { ExternalImportReference: 'externalImportReference' },
  contactperson: { ExternalCode: 'externalCodes' },
  department: { Code: 'codes' },
};

export class PowerofficegoAdapter implements SystemAdapter {
  readonly system = 'powerofficego' as const;
  readonly datatypes: readonly string[] = V2_DATATYPES;
  readonly updatesAreConditional = true;
  readonly #client: PowerofficegoClient;

  constructor(client: PowerofficegoClient) {
    this.#client = client;
  }

  apiTime(localMs: number): number {
    return this.#client.clock.at(localMs);
  }

  async *listChanged(query: ChangedQuery, options?: CallOptions): AsyncIterable<ListedPage> {
    const datatype = datatypeOf(this.system, V2_DATATYPES, query.datatype);
    // The API's filter is exclusive, the engine's `since` inclusive: ask from 1 ms before (a record
    // from that millisecond may come twice, which the engine tolerates; a missed one it could not).
    const changedAfter = query.since === undefined ? undefined : toInstant(query.since, -1);
    const parents = datatype === 'contactperson' ? query.parentIds : undefined;
    if (parents?.length === 0) return; // no contactIds would mean every contact: none asked, none listed
    const filters = parents && { contactIds: parents.join(',') };
    const invalid: SyncRecord[] = [];
    const keys = { id: 'Id', lastChanged: 'LastChangedDateTimeOffset', parentId: 'ContactId' };
    const onInvalid: OnInvalid = (element, problem) =>
      invalid.push(invalidRecord(this.system, datatype, keys, element, problem));
    const pages = this.#client.list(
      datatype,
      { changedAfter, pageSize: query.pageSize, filters, onInvalid },
      options,
    );
    yield* listedPages(pages, (page) => [...page.map(toSyncRecord), ...invalid.splice(0)], query.after);
  }

  async get(ref: RecordRef, options?: CallOptions): Promise<SyncRecord | undefined> {
    const datatype = datatypeOf(this.system, V2_DATATYPES, ref.datatype);
    const record = await unlessNotFound(this.#client.get(datatype, ref, options));
    return record && toSyncRecord(record);
  }

  /** v2 filters one field per call: one call per pair, the results joined. */
  async findByField(query: FieldQuery, options?: CallOptions): Promise<SyncRecord[]> {
    const datatype = datatypeOf(this.system, V2_DATATYPES, query.datatype);
    const found = new Map<string, SyncRecord>();
    for (const { field, value } of query.any) {
      for (const record of await this.#findOne(datatype, field, value.trim(), query.parentId, options)) {
        found.set(record.id, record);
      }
    }
    return [...found.values()];
  }

  async #findOne(
    datatype: V2Datatype,
    field: string,
    value: string,
    parentId: string | undefined,
    options?: CallOptions,
  ): Promise<SyncRecord[]> {
    const parameter = searchable[datatype][field];
    if (!parameter) {
      const fields = Object.keys(searchable[datatype]).join(', ');
      throw new Error(
        `powerofficego: ${datatype} field ${field} is not searchable in API v2 (only ${fields})`,
      );
    }
    const filters = {
      [parameter]: value,
      ...(datatype === 'contactperson' && parentId && { contactIds: parentId }),
    };
    const found: SyncRecord[] = [];
    for await (const page of this.#client.list(datatype, { filters }, options)) {
      // The API's filters are exact (and split on commas): the engine's contract is trimmed, any case.
      const matches = page.filter(
        (record) => normalize(record[field as keyof typeof record]) === normalize(value),
      );
      found.push(...matches.map(toSyncRecord));
    }
    return found;
  }

  async create(
    ref: { datatype: string; parentId?: string },
    data: Record<string, unknown>,
    options?: CallOptions,
  ): Promise<SyncRecord> {
    const datatype = datatypeOf(this.system, V2_DATATYPES, ref.datatype);
    return toSyncRecord(await this.#client.create(datatype, writable(datatype, data), ref.parentId, options));
  }

  async update(
    ref: RecordRef,
    before: Record<string, unknown>,
    after: Record<string, unknown>,
    options?: CallOptions,
  ): Promise<SyncRecord> {
    const datatype = datatypeOf(this.system, V2_DATATYPES, ref.datatype);
    const read = writable(datatype, before);
    const operations = jsonpatch.compare(read, writable(datatype, after));
    if (operations.length === 0) return toSyncRecord(await this.#client.get(datatype, ref, options));
    // Every value replaced or removed is tested first: the patch applies only to the record as read.
    const tests: Array<TestOperation<unknown>> = operations
      .filter((operation) => operation.op !== 'add')
      .map(({ path }) => ({ op: 'test', path, value: valueAt(read, path) }));
    try {
      return toSyncRecord(await this.#client.patch(datatype, ref, [...tests, ...operations], options));
    } catch (error) {
      if (!(error instanceof ValidationError) || tests.length === 0) throw error;
      // A failed test is a 400 like any refusal: the record as it is now tells which it was.
      const now = writable(datatype, await this.#client.get(datatype, ref, options));
      const unchanged = tests.every(({ path, value }) => isDeepStrictEqual(valueAt(now, path), value));
      if (unchanged) throw error;
      throw new ChangedSinceReadError({
        system: this.system,
        call: error.call,
        record: error.record,
        detail: 'the record changed since it was read, so the patch was not applied',
        cause: error,
      });
    }
  }
}

export function createPowerofficegoAdapter(config: PowerofficegoConfig): PowerofficegoAdapter {
  return new PowerofficegoAdapter(new PowerofficegoClient(config));
}

function toSyncRecord(record: V2Record<V2Datatype>): SyncRecord {
  return {
    id: String(record.Id),
    ...('ContactId' in record && { parentId: String(record.ContactId) }),
    lastChanged: lastChangedOf(record),
    data: record,
  };
}

function lastChangedOf(record: V2Record<V2Datatype>): string {
  const { MailAddress } = record as { MailAddress?: { LastChangedDateTimeOffset?: string | null } | null };
  return changedAt(record.LastChangedDateTimeOffset, MailAddress?.LastChangedDateTimeOffset);
}

/**
 * A deep copy of `data` without the fields the API does not let anyone write. An object whose
 * every value is null becomes null: reads show an empty address that the API does not hold, and a
 * patch cannot set a member of a missing object, so such an object is written whole.
 */
function writable(datatype: V2Datatype, data: Record<string, unknown>): Record<string, unknown> {
  const copy = structuredClone(data);
  for (const path of readOnly[datatype]) {
    const keys = path.split('.');
    const last = keys.pop() as string;
    const holder = keys.reduce<unknown>((node, key) => (isObject(node) ? node[key] : undefined), copy);
    if (isObject(holder)) delete holder[last];
  }
  for (const [key, value] of Object.entries(copy)) {
    if (isObject(value) && Object.values(value).every((inner) => inner === null)) copy[key] = null;
  }
  return copy;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function normalize(value: unknown): string {
  return String(value ?? '')
    .trim()
    .toLowerCase();
}

/** The value at a JSON Pointer, or undefined where there is none. */
function valueAt(document: unknown, path: string): unknown {
  try {
    return jsonpatch.getValueByPointer(document, path) as unknown;
  } catch {
    return undefined;
  }
}
