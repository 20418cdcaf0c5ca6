// The value transforms the flows name. Pure and total: any input gives a value, never a throw.
import { isEmpty, type Value } from './values.js';

/** `"923 609 016"` → `"923609016"`; used to compare organisation numbers. */
export function digitsOnly(value: Value): Value {
  return typeof value === 'string' ? value.replace(/\D/g, '') : value;
}

/** Trimmed and lower-cased: how e-mail addresses are compared when matching. */
export function emailKey(value: Value): Value {
  return typeof value === 'string' ? value.trim().toLowerCase() : value;
}

export function negate(value: Value): Value {
  return typeof value === 'boolean' ? !value : value;
}

/** `"https://www.example.no/about"` → `["example.no"]`; empty or unparsable → `[]`. */
export function urlToDomains(value: Value): Value {
  if (typeof value !== 'string' || isEmpty(value)) return [];
  const host = /^(?:[a-z][a-z0-9+.-]*:\/\/)?(?:[^@/?#]*@)?([^:/?#\s]+)/i.exec(value.trim())?.[1];
  if (!host || !host.includes('.')) return [];
  return [host.toLowerCase().replace(/^www\./, '')];
}

/** ISO date-time or date → `YYYY-MM-DD`; both APIs carry birth dates as dates. */
export function dateOnly(value: Value): Value {
  return typeof value === 'string' && /^\d{4}-\d{2}-\d{2}/.test(value) ? value.slice(0, 10) : value;
}

export function asText(value: Value): Value {
  return typeof value === 'number' ? String(value) : value;
}
