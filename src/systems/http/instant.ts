// Timestamps as the engine sees them: ISO 8601, UTC, milliseconds, whatever precision the API wrote.

/** `2021-09-30T08:03:00.1234567+02:00` → `2021-09-30T06:03:00.123Z`, moved by `shiftMs`. */
export function toInstant(iso: string, shiftMs = 0): string {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) throw new RangeError(`not an ISO 8601 date-time: ${JSON.stringify(iso)}`);
  return new Date(ms + shiftMs).toISOString();
}

/**
 * When a record changed: the later of its own timestamp and its address's. Neither API promises
 * that an address-only edit moves the record's own timestamp (v2's OpenAPI says it does not).
 */
export function changedAt(own: string, address?: string | null): string {
  const record = toInstant(own);
  if (!address) return record;
  const addressChanged = toInstant(address);
  return Date.parse(addressChanged) > Date.parse(record) ? addressChanged : record;
}
