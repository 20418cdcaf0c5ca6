// How long a 429 asks us to wait. Neither API publishes Retry-After; both publish "wait at least 1 s".

/** The published minimum wait after a 429 when the API does not say otherwise. */
const DEFAULT_RETRY_AFTER_MS = 1000;

/** Milliseconds from a Retry-After header (delta-seconds or an HTTP date), else the 1 s minimum. */
export function retryAfterMs(header: string | string[] | undefined, now = Date.now()): number {
  const value = Array.isArray(header) ? header[0] : header;
  if (!value?.trim()) return DEFAULT_RETRY_AFTER_MS;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(value);
  return Number.isNaN(date) ? DEFAULT_RETRY_AFTER_MS : Math.max(0, date - now);
}
