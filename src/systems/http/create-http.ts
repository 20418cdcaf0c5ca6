// The got instance every client uses. Retries belong to Temporal, so got never retries by itself.
import got, { type Got } from 'got';
import type { Pacer } from './pacer.js';

export interface HttpOptions {
  /** Base URL the request paths are relative to; omitted for absolute URLs (token endpoints). */
  prefixUrl?: string;
  /** Gives up on a request after this long; the timeout becomes an UnavailableError. */
  timeoutMs: number;
  /** Sent on every request (v2: the subscription key). */
  headers?: Record<string, string>;
  /** Awaited before each request leaves, token requests and renewals included: they count too. */
  pace?: Pacer;
}

export function createHttp({ prefixUrl = '', timeoutMs, headers, pace }: HttpOptions): Got {
  return got.extend({
    prefixUrl,
    headers,
    retry: { limit: 0 },
    timeout: { request: timeoutMs },
    // Bodies are decoded by parseBody, so an empty or non-JSON body becomes a typed error.
    responseType: 'text',
    // got starts a request's timeout after these hooks, so a wait for its turn does not count.
    hooks: { beforeRequest: pace ? [pace] : [] },
  });
}
