// Typed client for PowerOffice Go API v1: OAuth with a refresh token, `{data, success}` envelopes
// (a refusal is HTTP 200 with `success:false`), OData paging, and POST as create-or-update.
import { z } from 'zod';
import { AuthError, NotFoundError, type ApiError, type ApiErrorContext } from '../errors.js';
import type { ServerClock } from '../http/serverClock.js';
import { createApiCall, type ApiCall, type ApiRequest } from '../http/api-call.js';
import type { ClientConfig } from '../http/client-config.js';
import { requestToken, type TokenEndpoint } from '../http/oauth.js';
import { keepValid, type OnInvalid } from '../http/parse-body.js';
import { refusalError } from '../http/to-api-error.js';
import type { Token } from '../http/token-cache.js';
import type { CallOptions } from '../system.js';
import {
  V1Contact,
  V1ContactPerson,
  V1Customer,
  V1Department,
  V1Employee,
  V1Envelope,
  V1Failure,
  V1ListEnvelope,
  V1TokenReply,
  type V1Validation,
} from './schemas.js';

export interface PowerofficegoV1Config extends ClientConfig {
  /** `https://api.poweroffice.net` (demo: `https://api-demo.poweroffice.net`); token URL `{baseUrl}/OAuth/Token`. */
  baseUrl: string;
  /** Route of the seed's Contact record. Default `/Contact`. */
  contactRoute?: string;
}

const schemas = {
  customer: V1Customer,
  employee: V1Employee,
  department: V1Department,
  contact: V1Contact,
  contactperson: V1ContactPerson,
} as const;

export type V1Datatype = keyof typeof schemas;
export type V1Record<D extends V1Datatype> = z.infer<(typeof schemas)[D]>;
export const V1_DATATYPES = Object.keys(schemas) as V1Datatype[];

/** The property holding a record's id (the seed's Contact is PascalCase and keyed by ContactId). */
export function idKey(datatype: V1Datatype): 'id' | 'ContactId' {
  return datatype === 'contact' ? 'ContactId' : 'id';
}

/** One record; `parentId` is a contact person's customer (`partyId`). */
export interface V1Ref {
  id: string;
  parentId?: string;
}

export interface V1ListQuery {
  /** An OData `$filter` expression, PascalCase property names. */
  filter?: string;
  /** Default 1000, at most 50,000 (the API's limit per GET). */
  pageSize?: number;
  /** Contact persons: the customer whose list to read. */
  parentId?: string;
  /** Set: a record in a shape the contract forbids goes here and the list goes on; unset: the call fails. */
  onInvalid?: OnInvalid;
}

const DEFAULT_PAGE_SIZE = 1000;
const MAX_PAGE_SIZE = 50_000;

export class PowerofficegoV1Client {
  readonly #call: ApiCall;
  readonly #contactRoute: string;

  constructor(config: PowerofficegoV1Config) {
    this.#call = createApiCall({
      system: 'powerofficegov1',
      config,
      defaultTokenUrl: `${config.baseUrl.replace(/\/$/, '')}/OAuth/Token`,
      fetchToken: renewToken,
      describe: describeFailure,
    });
    this.#contactRoute = config.contactRoute ?? '/Contact';
  }

  /** The API's clock, as its answers show it. */
  get clock(): ServerClock {
    return this.#call.clock;
  }

  /** Pages of records in id order, while `$skip` + the page's length is below the total `count`. */
  async *list<D extends V1Datatype>(
    datatype: D,
    query: V1ListQuery = {},
    { signal }: CallOptions = {},
  ): AsyncGenerator<V1Record<D>[]> {
    const path = this.#collectionPath(datatype, query.parentId);
    const pageSize = Math.min(query.pageSize ?? DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE);
    const orderBy = idKey(datatype) === 'id' ? 'Id' : 'ContactId';
    for (let skip = 0; ;) {
      const { data, count } = await this.#send({
        method: 'GET',
        path,
        record: `${datatype} from ${skip}`,
        // Id order does not move under concurrent edits, so no record slips between two pages.
        searchParams: {
          ...(query.filter && { $filter: query.filter }),
          $orderby: orderBy,
          $skip: skip,
          $top: pageSize,
        },
        schema: V1ListEnvelope(query.onInvalid ? z.unknown() : schemas[datatype]),
        signal,
      });
      const records = query.onInvalid ? keepValid(schemas[datatype], data, query.onInvalid) : data;
      if (data.length > 0) yield records as V1Record<D>[];
      skip += data.length;
      if (data.length === 0 || skip >= count) return;
    }
  }

  async get<D extends V1Datatype>(
    datatype: D,
    ref: V1Ref,
    { signal }: CallOptions = {},
  ): Promise<V1Record<D>> {
    const { data } = await this.#send({
      method: 'GET',
      path: `${this.#collectionPath(datatype, ref.parentId)}/${encodeURIComponent(ref.id)}`,
      record: label(datatype, ref),
      schema: V1Envelope(schemas[datatype]),
      signal,
    });
    return data as V1Record<D>;
  }

  /** POST: creates the record when `body` has no id, else writes all its fields over the stored one. */
  async save<D extends V1Datatype>(
    datatype: D,
    body: Record<string, unknown>,
    parentId?: string,
    { signal }: CallOptions = {},
  ): Promise<V1Record<D>> {
    const id = body[idKey(datatype)];
    const { data } = await this.#send({
      method: 'POST',
      path: this.#collectionPath(datatype, parentId),
      record:
        id === undefined || id === null ? `new ${datatype}` : label(datatype, { id: String(id), parentId }),
      json: body,
      schema: V1Envelope(schemas[datatype]),
      signal,
    });
    return data as V1Record<D>;
  }

  async delete(datatype: V1Datatype, ref: V1Ref, { signal }: CallOptions = {}): Promise<void> {
    await this.#send({
      method: 'DELETE',
      path: `${this.#collectionPath(datatype, ref.parentId)}/${encodeURIComponent(ref.id)}`,
      record: label(datatype, ref),
      schema: V1Envelope(z.unknown().optional()), // `{"success":true}`, no data
      signal,
    });
  }

  /** Sends the call and unwraps its envelope; `success:false` becomes the error the validation names. */
  async #send<T extends { success: true }>(request: ApiRequest<z.ZodType<T | V1Failure>>): Promise<T> {
    const envelope = await this.#call(request);
    if (envelope.success) return envelope;
    const context = { system: 'powerofficegov1' as const, call: `${request.method} ${request.path}` };
    throw envelopeError({
      ...context,
      record: request.record,
      detail: describeValidation(envelope.validation),
    });
  }

  #collectionPath(datatype: V1Datatype, parentId: string | undefined): string {
    if (datatype === 'contactperson') {
      if (!parentId) throw new Error('powerofficegov1: a contactperson needs its parentId (the customer id)');
      return `/Customer/${encodeURIComponent(parentId)}/Contact`;
    }
    return {
      customer: '/Customer',
      employee: '/Employee',
      department: '/Department',
      contact: this.#contactRoute,
    }[datatype];
  }
}

/** Renews with the refresh token while v1 accepts it; logs in with the client credentials otherwise. */
async function renewToken(endpoint: TokenEndpoint, current: Token | undefined): Promise<Token> {
  if (current?.refreshToken) {
    const form = { grant_type: 'refresh_token', refresh_token: current.refreshToken };
    try {
      return await requestToken(endpoint, form, V1TokenReply);
    } catch (error) {
      // A refused refresh token (expired, used, revoked) is no reason to stop: log in again.
      if (!(error instanceof AuthError)) throw error;
    }
  }
  return requestToken(endpoint, { grant_type: 'client_credentials' }, V1TokenReply);
}

function label(datatype: V1Datatype, ref: V1Ref): string {
  return ref.parentId ? `${datatype} ${ref.id} of customer ${ref.parentId}` : `${datatype} ${ref.id}`;
}

/** v1 says "not found" inside a 200 envelope too; other refusals are validation errors. */
function envelopeError(context: ApiErrorContext): ApiError {
  return /not found|does not exist/i.test(context.detail)
    ? new NotFoundError(context)
    : refusalError(context);
}

/** An error body in v1's words, when it is a `success:false` envelope. */
function describeFailure(body: unknown): string | undefined {
  const failure = V1Failure.safeParse(body);
  return failure.success ? describeValidation(failure.data.validation) : undefined;
}

/** The validation's summary and the field messages it does not already contain. */
function describeValidation(validation: V1Validation | null | undefined): string {
  const summary = validation?.summary ?? '';
  const fields = FieldMessages.safeParse(validation?.fields);
  const messages = fields.success
    ? fields.data.map((field) => field.message).filter((m) => !summary.includes(m))
    : [];
  return [summary, ...messages].filter(Boolean).join(' ') || 'the API refused the call (success: false)';
}

const FieldMessages = z.array(z.looseObject({ message: z.string() }));
