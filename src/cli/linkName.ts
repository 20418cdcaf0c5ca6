// A readable name for a link: from the A record it was last seen with while unlinked, else from the
// values it last synchronized — A's spelling first, then B's.
import type { FlowDefinition } from '../mappings/flow.js';
import { isEmpty, type Data } from '../mappings/values.js';
import type { LinkSnapshot } from '../workflows/linkState.js';
import { baseRows } from './baseRows.js';

/** Tried in order; a pair of properties is joined with a space (first and last name). */
const NAME_PROPERTIES = [
  ['Name'],
  ['LegalName'],
  ['FirstName', 'LastName'],
  ['name'],
  ['legalName'],
  ['firstName', 'lastName'],
  ['EmailAddress'],
  ['emailAddress'],
];

function nameIn(values: Data): string | undefined {
  for (const properties of NAME_PROPERTIES) {
    const parts = properties.map((property) => values[property]).filter((value) => !isEmpty(value));
    if (parts.length > 0) return parts.map(String).join(' ');
  }
  return undefined;
}

export function linkName(flow: FlowDefinition, snapshot: LinkSnapshot): string | undefined {
  if (snapshot.aRecord) return nameIn(snapshot.aRecord.data);
  const rows = baseRows(flow, snapshot) ?? [];
  return (
    nameIn(Object.fromEntries(rows.map((row) => [row.aProperty, row.aValue]))) ??
    nameIn(Object.fromEntries(rows.map((row) => [row.bProperty, row.bValue])))
  );
}
