// The OData expressions the v1 adapter filters with. v1 wants PascalCase property names in them.

/** `'O''Brien'`: a string literal, its quotes escaped by doubling. */
export function odataString(value: string): string {
  return `'${value.replaceAll("'", "''")}'`;
}

/**
 * Trimmed, case-insensitive equality: `tolower(trim(EmailAddress)) eq 'x'`. A path through a list
 * property (`Emails.Value`) matches any element: `Emails/any(e: tolower(trim(e/Value)) eq 'x')`.
 */
export function odataEquals(field: string, value: string, listProperties: readonly string[]): string {
  const [head = '', ...rest] = field.split('.').map(pascalCase);
  const literal = odataString(value.trim().toLowerCase());
  if (!listProperties.includes(head)) return `tolower(trim(${[head, ...rest].join('/')})) eq ${literal}`;
  return `${head}/any(e: tolower(trim(${['e', ...rest].join('/')})) eq ${literal})`;
}

/**
 * The longest `$filter` one call sends. v1 documents no limit; common servers refuse URLs of some
 * kilobytes (IIS's default query string limit is 2,048 bytes), and the filter is URL-encoded.
 */
export const MAX_FILTER_LENGTH = 1_500;

/** `(a) or (b) or …`, split into as few filters as keep each within MAX_FILTER_LENGTH. */
export function orFilters(clauses: readonly string[], maxLength = MAX_FILTER_LENGTH): string[] {
  const filters: string[] = [];
  let current = '';
  for (const clause of clauses.map((clause) => `(${clause})`)) {
    if (current !== '' && current.length + ' or '.length + clause.length > maxLength) {
      filters.push(current);
      current = '';
    }
    current = current === '' ? clause : `${current} or ${clause}`;
  }
  if (current !== '') filters.push(current);
  return filters;
}

/** Records changed at or after `since`, an ISO 8601 instant. */
export function changedSince(since: string): string {
  return `LastChanged ge datetimeoffset'${since}'`;
}

function pascalCase(name: string): string {
  return name.charAt(0).toUpperCase() + name.slice(1);
}
