// Turns a failed got request into the typed error family, with the API's own words as `detail`.
import { HTTPError, RequestError } from 'got';
import { z } from 'zod';
import {
  AlreadyInUseError,
  ApiError,
  AuthError,
  NotFoundError,
  RateLimitError,
  UnavailableError,
  ValidationError,
  type ApiErrorContext,
} from '../errors.js';
import { retryAfterMs } from './retry-after.js';

/** Which call failed: `system`, `PATCH /Customers/42`, `customer 42`. */
export type CallContext = Pick<ApiErrorContext, 'system' | 'call' | 'record'>;

/** The system's own error body (v2 ProblemDetails, v1 validation) in words, when it is one. */
export type Describe = (body: unknown) => string | undefined;

/** What the token endpoints of both APIs answer on refused credentials. */
const OAuthError = z.object({ error: z.string(), error_description: z.string().nullish() });
/** What the gateway answers on 429: `{"statusCode":"429","message":"Rate limit is exceeded..."}`. */
const GatewayMessage = z.object({ message: z.string() });

/** Longest stretch of a non-JSON error body quoted in a message. */
const MAX_QUOTE = 200;

export function toApiError(error: unknown, context: CallContext, describe: Describe): unknown {
  if (error instanceof ApiError || !(error instanceof RequestError)) return error;
  if (error instanceof HTTPError) {
    const { statusCode, statusMessage, headers, body } = error.response;
    const detail =
      describeBody(String(body ?? ''), describe) ?? `${statusCode} ${statusMessage ?? ''}`.trim();
    const failure = { ...context, status: statusCode, detail, cause: error };
    if (statusCode === 429)
      return new RateLimitError({ ...failure, retryAfterMs: retryAfterMs(headers['retry-after']) });
    if (statusCode === 401 || statusCode === 403) return new AuthError(failure);
    if (statusCode === 404) return new NotFoundError(failure);
    if (statusCode >= 500) return new UnavailableError(failure);
    return refusalError(failure);
  }
  // Cancellation stays cancellation: the caller asked for it, nothing failed.
  if (error.code === 'ERR_ABORTED') return error;
  // No answer at all (timeout, refused or reset connection): the API is not reachable right now.
  return new UnavailableError({ ...context, detail: error.message, cause: error });
}

/** The API refused the data: AlreadyInUseError when it says a unique value is taken. */
export function refusalError(context: ApiErrorContext): ValidationError {
  return /already in use/i.test(context.detail)
    ? new AlreadyInUseError(context)
    : new ValidationError(context);
}

function describeBody(text: string, describe: Describe): string | undefined {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return text.trim() ? text.trim().slice(0, MAX_QUOTE) : undefined;
  }
  const oauth = OAuthError.safeParse(body);
  if (oauth.success) return [oauth.data.error, oauth.data.error_description].filter(Boolean).join(': ');
  const gateway = GatewayMessage.safeParse(body);
  return describe(body) ?? (gateway.success ? gateway.data.message : undefined);
}
