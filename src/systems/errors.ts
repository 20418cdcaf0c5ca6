// One error family for both APIs. Each error names the system, the call, the record and what the
// API said; `code` is stable so the engine can decide (retry, park, treat as found) without
// knowing which API it came from.
import type { SystemName } from './system.js';

export interface ApiErrorContext {
  system: SystemName;
  /** The call, e.g. `PATCH /Customers/42`. */
  call: string;
  /** The record the call was about, e.g. `customer 42`, when there is one. */
  record?: string;
  /** The HTTP status, when the API answered. */
  status?: number;
  /** What the API said, as close to its own words as possible. */
  detail: string;
  cause?: unknown;
}

export abstract class ApiError extends Error {
  abstract readonly code: string;
  /** Whether the same call may succeed later without anything being fixed. */
  abstract readonly retryable: boolean;
  readonly system: SystemName;
  readonly call: string;
  readonly record?: string;
  readonly status?: number;
  readonly detail: string;

  constructor(context: ApiErrorContext) {
    const about = context.record ? ` (${context.record})` : '';
    const status = context.status === undefined ? '' : ` ${context.status}`;
    super(`${context.system} ${context.call}${about} failed${status}: ${context.detail}`, {
      cause: context.cause,
    });
    this.system = context.system;
    this.call = context.call;
    this.record = context.record;
    this.status = context.status;
    this.detail = context.detail;
  }
}

/** The API refused the data (v2 400 ProblemDetails, v1 `success:false`). Fixing the data fixes it. */
export class ValidationError extends ApiError {
  override readonly name = 'ValidationError';
  readonly code: string = 'ERR_VALIDATION';
  readonly retryable = false;
}

/** A unique value (ExternalImportReference, code) is already used by another record. */
export class AlreadyInUseError extends ValidationError {
  override readonly code = 'ERR_ALREADY_IN_USE';
}

export class NotFoundError extends ApiError {
  override readonly name = 'NotFoundError';
  readonly code = 'ERR_NOT_FOUND';
  readonly retryable = false;
}

/**
 * 401/403 or refused credentials: a configuration problem, not a data problem. Retried (with
 * backoff) rather than parking every link: once the keys are fixed, everything carries on.
 */
export class AuthError extends ApiError {
  override readonly name = 'AuthError';
  readonly code = 'ERR_AUTH';
  readonly retryable = true;
}

/** 429. `retryAfterMs` is the API's Retry-After when sent, else the published minimum of 1 s. */
export class RateLimitError extends ApiError {
  override readonly name = 'RateLimitError';
  readonly code = 'ERR_RATE_LIMITED';
  readonly retryable = true;
  readonly retryAfterMs: number;

  constructor(context: ApiErrorContext & { retryAfterMs: number }) {
    super(context);
    this.retryAfterMs = context.retryAfterMs;
  }
}

/** 5xx, timeouts, refused connections: the API is not answering properly right now. */
export class UnavailableError extends ApiError {
  override readonly name = 'UnavailableError';
  readonly code = 'ERR_UNAVAILABLE';
  readonly retryable = true;
}

/** The API answered with a shape its contract does not allow; `detail` names the field. */
export class ResponseShapeError extends ApiError {
  override readonly name = 'ResponseShapeError';
  readonly code = 'ERR_BAD_RESPONSE';
  readonly retryable = false;
}

/** A conditional write found the record changed since it was read (v2: a JSON Patch `test` failed). */
export class ChangedSinceReadError extends ApiError {
  override readonly name = 'ChangedSinceReadError';
  readonly code = 'ERR_CHANGED_SINCE_READ';
  readonly retryable = false;
}

/** A read's result, or undefined where the API answers that the record does not exist. */
export async function unlessNotFound<T>(read: Promise<T>): Promise<T | undefined> {
  try {
    return await read;
  } catch (error) {
    if (error instanceof NotFoundError) return undefined;
    throw error;
  }
}
