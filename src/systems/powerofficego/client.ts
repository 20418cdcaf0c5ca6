// Typed client for PowerOffice Go API v2: OAuth client credentials plus a subscription key, bare-array
// pages read while full, and RFC 6902 JSON Patch for updates.
import type { Operation } from 'fast-json-patch';
import { z } from 'zod';
import type { ServerClock } from '../http/serverClock.js';
import { createApiCall, type ApiCall } from '../http/api-call.js';
import type { ClientConfig } from '../http/client-config.js';
import { requestToken } from '../http/oauth.js';
import { keepValid, type OnInvalid } from '../http/parse-body.js';
import type { CallOptions } from '../system.js';
import {
  ProblemDetails,
  V2ContactPerson,
  V2Customer,
  V2Department,
  V2Employee,
  V2Supplier,
  V2TokenReply,
} from './schemas.js';

export interface PowerofficegoConfig extends ClientConfig {
  /** `https://goapi.poweroffice.net/v2` (demo: `.../Demo/v2`). The token URL defaults to it without `/v2`. */
  baseUrl: string;
  /** Sent as `Ocp-Apim-Subscription-Key` on the token call and on every API call. */
  subscriptionKey: string;
}

/** Routes and DTOs. Contact persons are read at `/ContactPersons/{contactId}/{id}`. */
const resources = {
  customer: { path: '/Customers', schema: V2Customer },
  supplier: { path: '/Suppliers', schema: V2Supplier },
  employee: { path: '/Employees', schema: V2Employee },
  contactperson: { path: '/ContactPersons', schema: V2ContactPerson },
  department: { path: '/Departments', schema: V2Department },
} as const;

export type V2Datatype = keyof typeof resources;
export type V2Record<D extends V2Datatype> = z.infer<(typeof resources)[D]['schema']>;
export const V2_DATATYPES = Object.keys(resources) as V2Datatype[];

/** One record; `parentId` is a contact person's ContactId (its customer or supplier). */
export interface V2Ref {
  id: string;
  parentId?: string;
}

export interface V2ListQuery {
  /** `lastChangedDateTimeOffsetGreaterThan`: exclusive, as the API applies it. */
  changedAfter?: string;
  /** Default 5000 (the API's), at most 20000. */
  pageSize?: number;
  /** The API's own list filters, e.g. `{ externalImportReference: 'x' }` or `{ contactIds: '1,2' }`. */
  filters?: Record<string, string>;
  /** Set: a record in a shape the contract forbids goes here and the list goes on; unset: the call fails. */
  onInvalid?: OnInvalid;
}

const DEFAULT_PAGE_SIZE = 5000;
const MAX_PAGE_SIZE = 20000;

export class PowerofficegoClient {
  readonly #call: ApiCall;

  constructor(config: PowerofficegoConfig) {
    this.#call = createApiCall({
      system: 'powerofficego',
      config,
      defaultTokenUrl: `${config.baseUrl.replace(/\/v2\/?$/i, '')}/OAuth/Token`,
      headers: { 'Ocp-Apim-Subscription-Key': config.subscriptionKey },
      fetchToken: (endpoint) => requestToken(endpoint, { grant_type: 'client_credentials' }, V2TokenReply),
      describe: describeProblem,
    });
  }

  /** The API's clock, as its answers show it. */
  get clock(): ServerClock {
    return this.#call.clock;
  }

  /** Pages of records, in Id order, reading the next page while the last one was full. */
  async *list<D extends V2Datatype>(
    datatype: D,
    query: V2ListQuery = {},
    { signal }: CallOptions = {},
  ): AsyncGenerator<V2Record<D>[]> {
    const { path, schema } = resources[datatype];
    const pageSize = Math.min(query.pageSize ?? DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE);
    const changed = query.changedAfter && { lastChangedDateTimeOffsetGreaterThan: query.changedAfter };
    for (let pageNumber = 1; ; pageNumber++) {
      const page = await this.#call({
        method: 'GET',
        path,
        record: `${datatype} page ${pageNumber}`,
        // Id order does not move under concurrent edits, so no record slips between two pages.
        searchParams: {
          ...query.filters,
          ...changed,
          OrderBy: 'Id',
          PageNumber: pageNumber,
          PageSize: pageSize,
        },
        schema: z.array(query.onInvalid ? z.unknown() : schema),
        noContent: [],
        signal,
      });
      const records = query.onInvalid ? keepValid(schema, page, query.onInvalid) : page;
      if (page.length > 0) yield records as V2Record<D>[];
      if (page.length < pageSize) return;
    }
  }

  async get<D extends V2Datatype>(
    datatype: D,
    ref: V2Ref,
    { signal }: CallOptions = {},
  ): Promise<V2Record<D>> {
    const { schema } = resources[datatype];
    const record = await this.#call({
      method: 'GET',
      path: itemPath(datatype, ref),
      record: label(datatype, ref),
      schema,
      signal,
    });
    return record as V2Record<D>;
  }

  /** POST; a contact person is created under `parentId`, its contact. */
  async create<D extends V2Datatype>(
    datatype: D,
    body: Record<string, unknown>,
    parentId?: string,
    { signal }: CallOptions = {},
  ): Promise<V2Record<D>> {
    const { path, schema } = resources[datatype];
    const record = await this.#call({
      method: 'POST',
      path: datatype === 'contactperson' ? `${path}/${requireParent(datatype, parentId)}` : path,
      record: `new ${datatype}`,
      json: body,
      schema,
      signal,
    });
    return record as V2Record<D>;
  }

  async patch<D extends V2Datatype>(
    datatype: D,
    ref: V2Ref,
    operations: Operation[],
    { signal }: CallOptions = {},
  ): Promise<V2Record<D>> {
    const { schema } = resources[datatype];
    const record = await this.#call({
      method: 'PATCH',
      path: itemPath(datatype, ref),
      record: label(datatype, ref),
      json: operations,
      contentType: 'application/json-patch+json',
      schema,
      signal,
    });
    return record as V2Record<D>;
  }

  async delete(datatype: V2Datatype, ref: V2Ref, { signal }: CallOptions = {}): Promise<void> {
    await this.#call({
      method: 'DELETE',
      path: itemPath(datatype, ref),
      record: label(datatype, ref),
      schema: z.unknown(),
      signal,
    });
  }
}

function itemPath(datatype: V2Datatype, ref: V2Ref): string {
  const { path } = resources[datatype];
  const id = encodeURIComponent(ref.id);
  return datatype === 'contactperson'
    ? `${path}/${requireParent(datatype, ref.parentId)}/${id}`
    : `${path}/${id}`;
}

function requireParent(datatype: V2Datatype, parentId: string | undefined): string {
  if (!parentId) throw new Error(`powerofficego: a ${datatype} needs its parentId (the ContactId)`);
  return encodeURIComponent(parentId);
}

function label(datatype: V2Datatype, ref: V2Ref): string {
  return ref.parentId ? `${datatype} ${ref.id} of contact ${ref.parentId}` : `${datatype} ${ref.id}`;
}

/** ProblemDetails in words: `Customer validation error(s): ExternalImportReference is already in use...`. */
function describeProblem(body: unknown): string | undefined {
  const problem = ProblemDetails.safeParse(body);
  if (!problem.success) return undefined;
  const words = [problem.data.title ?? problem.data.Title, problem.data.detail ?? problem.data.Detail];
  return words.filter(Boolean).join(': ') || undefined;
}
