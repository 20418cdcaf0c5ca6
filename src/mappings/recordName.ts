// What a person calls a record: its name, a person's first and last name, or else its e-mail
// address. For the Web UI's view of a link and the command line's tables.
import { isEmpty, type Data } from './values.js';

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

export function recordName(values: Data): string | undefined {
  for (const properties of NAME_PROPERTIES) {
    const parts = properties.map((property) => values[property]).filter((value) => !isEmpty(value));
    if (parts.length > 0) return parts.map(String).join(' ');
  }
  return undefined;
}
