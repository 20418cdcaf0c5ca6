// Last-changed timestamps: real clock time with microseconds, strictly increasing per write, so
// a poll for "changed after T" never misses a record nor sees one twice.

export class Clock {
  #lastMicros = 0;

  /** `offsetMs`: how far the API's clock runs ahead of this machine's (negative: behind). */
  constructor(readonly offsetMs = 0) {}

  /** The API's time now, in epoch milliseconds. */
  now(): number {
    return Date.now() + this.offsetMs;
  }

  /** The next write's timestamp, as ISO 8601 UTC with six fractional digits. */
  next(): string {
    this.#lastMicros = Math.max(this.now() * 1000, this.#lastMicros + 1);
    return formatMicros(this.#lastMicros);
  }
}

export function formatMicros(micros: number): string {
  const millis = Math.floor(micros / 1000);
  const extra = String(micros - millis * 1000).padStart(3, '0');
  return new Date(millis).toISOString().replace('Z', `${extra}Z`);
}

// Accepts what both APIs' clients send: `T` or space between date and time, any number of
// fractional digits, `Z`, `±hh:mm` or none (UTC). A `+` decoded to a space in a query string
// (`.123 01:00`) is read as `+01:00`.
const timestampPattern =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d+))?)?)?\s*(Z|[+-]\d{2}:?\d{2}|\d{2}:\d{2})?$/i;

/** Microseconds since the epoch, or undefined when the text is not a timestamp. */
export function parseTimestamp(text: string): number | undefined {
  const match = timestampPattern.exec(text.trim());
  if (!match) return undefined;
  const [, year, month, day, hour = '0', minute = '0', second = '0', fraction = '', zone = 'Z'] = match;
  const millis = Date.UTC(+year!, +month! - 1, +day!, +hour, +minute, +second);
  if (Number.isNaN(millis)) return undefined;
  const micros = Number(fraction.padEnd(6, '0').slice(0, 6));
  return (millis - offsetMinutes(zone) * 60_000) * 1000 + micros;
}

function offsetMinutes(zone: string): number {
  if (zone.toUpperCase() === 'Z') return 0;
  const sign = zone.startsWith('-') ? -1 : 1;
  const digits = zone.replace(/[^0-9]/g, '');
  return sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2, 4)));
}
