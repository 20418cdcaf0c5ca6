// Turns the systems' typed errors into Temporal failures: a data problem is not retried (the link
// parks with the API's words), a 429 is retried after the API's wait, anything else backs off.
import { ApplicationFailure } from '@temporalio/common';
import { ApiError, RateLimitError } from '../systems/errors.js';

export interface ApiFailureDetails {
  code: string;
  status?: number;
  detail: string;
}

export function toApplicationFailure(error: unknown): unknown {
  if (!(error instanceof ApiError)) return error;
  const details: ApiFailureDetails = { code: error.code, status: error.status, detail: error.detail };
  return ApplicationFailure.create({
    type: error.name,
    message: error.message,
    nonRetryable: !error.retryable,
    nextRetryDelay: error instanceof RateLimitError ? error.retryAfterMs : undefined,
    details: [details],
    cause: error,
  });
}

/** Runs an activity body so that API errors leave it as Temporal failures. */
export async function asActivity<T>(body: () => Promise<T>): Promise<T> {
  try {
    return await body();
  } catch (error) {
    throw toApplicationFailure(error);
  }
}
