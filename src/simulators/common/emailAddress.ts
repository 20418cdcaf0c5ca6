// E-mail addresses as an accounting API checks them for typos: one `@`, a local part and a
// domain with a dot and a top-level domain of letters, no spaces. '' means "none" and passes.
const emailPattern = /^[^\s@"(),:;<>[\]\\]+@(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+[a-z]{2,}$/i;

export function isValidEmailAddress(text: string): boolean {
  return text === '' || (emailPattern.test(text) && !text.includes('..'));
}

/** Several addresses separated by `;` (e.g. invoice CC), at most `max` of them. */
export function isValidEmailAddressList(text: string, max = 10): boolean {
  const addresses = text
    .split(';')
    .map((address) => address.trim())
    .filter(Boolean);
  return addresses.length <= max && addresses.every(isValidEmailAddress);
}
