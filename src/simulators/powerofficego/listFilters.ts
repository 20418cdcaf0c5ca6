// The list filters the OpenAPI file offers, each parsing its query value once (400 when it
// cannot) and testing records with it.
import { formatMicros, parseTimestamp } from '../common/clock.js';
import { badRequest, type QueryFilter } from './listQuery.js';

type Values = Record<string, unknown>;

/** `...GreaterThan=<date-time>`: strictly after. Stored timestamps share one format, so text order is time order. */
export function changedAfter(field: string, parameter: string): QueryFilter<object> {
  return (value) => {
    const micros = parseTimestamp(value);
    if (micros === undefined) {
      throw badRequest(`The value '${value}' is not a valid date-time for ${parameter}.`);
    }
    const after = formatMicros(micros);
    return (record) => {
      const stamp = (record as Values)[field];
      return typeof stamp === 'string' && stamp > after;
    };
  };
}

/** `"10000-11000, 12000, 13000-"`: numbers and inclusive ranges, open-ended to the right. */
export function numberRanges(field: string, parameter: string): QueryFilter<object> {
  return (value) => {
    const ranges = value.split(',').map((part) => {
      const match = /^\s*(\d+)\s*(-)?\s*(\d+)?\s*$/.exec(part);
      if (!match) {
        throw badRequest(
          `${parameter} '${value}' is not a list of numbers and ranges like "10000-11000, 12000, 13000-".`,
        );
      }
      const from = Number(match[1]);
      return { from, to: match[3] ? Number(match[3]) : match[2] ? Infinity : from };
    });
    return (record) => {
      const number = (record as Values)[field];
      return typeof number === 'number' && ranges.some(({ from, to }) => number >= from && number <= to);
    };
  };
}

/** Comma-separated ids (no ranges): the record's field, or any element of its array field, is one of them. */
export function idsIn(field: string, parameter: string): QueryFilter<object> {
  return (value) => {
    const ids = new Set(
      value.split(',').map((part) => {
        if (!/^\s*\d+\s*$/.test(part)) {
          throw badRequest(
            `${parameter} contains negative numbers and/or range of numbers. '-' is not allowed, only comma ',' separated single positive numbers are allowed.`,
          );
        }
        return Number(part);
      }),
    );
    return (record) => {
      const found = (record as Values)[field];
      return Array.isArray(found) ? found.some((id) => ids.has(id as number)) : ids.has(found as number);
    };
  };
}

/** Comma-separated texts, compared case-insensitively. */
export function textIn(field: string): QueryFilter<object> {
  return (value) => {
    const texts = new Set(value.split(',').map((part) => part.trim().toLowerCase()));
    return (record) => texts.has(String((record as Values)[field] ?? '').toLowerCase());
  };
}

export function textEquals(field: string): QueryFilter<object> {
  return (value) => (record) => String((record as Values)[field] ?? '').toLowerCase() === value.toLowerCase();
}

export function textContains(field: string): QueryFilter<object> {
  return (value) => (record) =>
    String((record as Values)[field] ?? '')
      .toLowerCase()
      .includes(value.toLowerCase());
}

export function booleanEquals(field: string, parameter: string): QueryFilter<object> {
  return (value) => {
    const lower = value.toLowerCase();
    if (lower !== 'true' && lower !== 'false') {
      throw badRequest(`The value '${value}' is not valid for ${parameter}.`);
    }
    return (record) => ((record as Values)[field] ?? false) === (lower === 'true');
  };
}

export function numberEquals(field: string, parameter: string): QueryFilter<object> {
  return (value) => {
    if (!/^\d+$/.test(value)) throw badRequest(`The value '${value}' is not valid for ${parameter}.`);
    return (record) => (record as Values)[field] === Number(value);
  };
}

/** The filters every contact role (customers, suppliers, employees) offers. */
export function contactFilters(
  role: 'customer' | 'supplier' | 'employee',
): Record<string, QueryFilter<object>> {
  const created = `${role}CreatedDateTimeOffsetGreaterThan`;
  const numbers = `${role}Nos`;
  return {
    contactgroupids: idsIn('ContactGroupIds', 'contactGroupIds'),
    [created.toLowerCase()]: changedAfter(
      `${role[0]!.toUpperCase()}${role.slice(1)}CreatedDateTimeOffset`,
      created,
    ),
    [numbers.toLowerCase()]: numberRanges('Number', numbers),
    externalimportreference: textEquals('ExternalImportReference'),
    externalnos: numberRanges('ExternalNumber', 'externalNos'),
    lastchangeddatetimeoffsetgreaterthan: changedAfter(
      'LastChangedDateTimeOffset',
      'lastChangedDateTimeOffsetGreaterThan',
    ),
  };
}
