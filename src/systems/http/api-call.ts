// Calls to one API: a bearer token from the cache (renewed once if the API refuses it), failures
// turned into typed errors, and every body read through its zod schema.
import { HTTPError, type Got, type Response } from 'got';
import type { z } from 'zod';
import type { SystemName } from '../system.js';
import { DEFAULT_TIMEOUT_MS, type ClientConfig } from './client-config.js';
import { createHttp } from './create-http.js';
import type { TokenEndpoint } from './oauth.js';
import { createPacer } from './pacer.js';
import { parseBody, parseJson } from './parse-body.js';
import { ServerClock } from './serverClock.js';
import { TokenCache, type Token } from './token-cache.js';
import { toApiError, type Describe } from './to-api-error.js';

export interface ApiCallOptions {
  system: SystemName;
  config: ClientConfig;
  /** The token endpoint when `config.tokenUrl` is not set. */
  defaultTokenUrl: string;
  /** Sent on the token call and on every API call (v2: the subscription key). */
  headers?: Record<string, string>;
  /** Asks the endpoint for a token; `current` is the cached one, for v1's refresh token. */
  fetchToken(endpoint: TokenEndpoint, current: Token | undefined): Promise<Token>;
  /** The API's own error body in words. */
  describe: Describe;
}

export interface ApiRequest<S extends z.ZodType> {
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  /** Path below the base URL, e.g. `/Customers/42`; it also names the call in errors. */
  path: string;
  searchParams?: Record<string, string | number>;
  json?: unknown;
  /** Content type of `json` when it is not plain JSON (v2 PATCH: `application/json-patch+json`). */
  contentType?: string;
  /** The record the call is about, for error messages: `customer 42`. */
  record?: string;
  schema: S;
  /** What a 204 No Content stands for (v2 lists: an empty page). */
  noContent?: unknown;
  signal?: AbortSignal;
}

export type ApiCall = (<S extends z.ZodType>(request: ApiRequest<S>) => Promise<z.output<S>>) & {
  /** The API's clock, as its answers show it. */
  readonly clock: ServerClock;
};

export function createApiCall(options: ApiCallOptions): ApiCall {
  const { system, config, headers } = options;
  // One pace for every request to the API, the token endpoint's too: the API counts them all.
  const pace = config.callsPerSecond ? createPacer(config.callsPerSecond) : undefined;
  const timeoutMs = config.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const endpoint: TokenEndpoint = {
    system,
    http: createHttp({ timeoutMs, headers, pace }),
    tokenUrl: config.tokenUrl ?? options.defaultTokenUrl,
    applicationKey: config.applicationKey,
    clientKey: config.clientKey,
  };
  const tokens = new TokenCache((current) => options.fetchToken(endpoint, current), {
    marginMs: config.tokenMarginMs,
  });
  const http = createHttp({ prefixUrl: config.baseUrl, timeoutMs, headers, pace });

  const clock = new ServerClock();

  const call = async <S extends z.ZodType>(request: ApiRequest<S>): Promise<z.output<S>> => {
    const context = { system, call: `${request.method} ${request.path}`, record: request.record };
    let response: Response<string>;
    try {
      response = await send(http, tokens, request);
    } catch (error) {
      throw toApiError(error, context, options.describe);
    }
    clock.observe(response.headers.date);
    const failure = { ...context, status: response.statusCode };
    const body = response.statusCode === 204 ? request.noContent : parseJson(response.body, failure);
    return parseBody(request.schema, body, failure);
  };
  return Object.assign(call, { clock });
}

async function send(
  http: Got,
  tokens: TokenCache,
  request: ApiRequest<z.ZodType>,
  renewed = false,
): Promise<Response<string>> {
  const token = await tokens.get(request.signal);
  const hasBody = request.json !== undefined;
  try {
    return await http(request.path.replace(/^\//, ''), {
      method: request.method,
      searchParams: request.searchParams,
      body: hasBody ? JSON.stringify(request.json) : undefined,
      headers: {
        authorization: `Bearer ${token}`,
        ...(hasBody && { 'content-type': request.contentType ?? 'application/json' }),
      },
      signal: request.signal,
    });
  } catch (error) {
    if (renewed || !(error instanceof HTTPError) || error.response.statusCode !== 401) throw error;
    // A token we still thought valid was refused (revoked, server restarted): renew it once.
    tokens.invalidate(token);
    return send(http, tokens, request, true);
  }
}
