// Norwegian organisation numbers: nine digits, the last a mod-11 check digit over the first
// eight with weights 3 2 7 6 5 4 3 2. Spaces ("923 609 016") are allowed and ignored.
const weights = [3, 2, 7, 6, 5, 4, 3, 2];

export function isValidOrganisationNumber(text: string): boolean {
  const digits = text.replace(/\s/g, '');
  if (!/^\d{9}$/.test(digits)) return false;
  return checkDigit(digits.slice(0, 8)) === Number(digits[8]);
}

/** The check digit for eight digits, or undefined when none exists (remainder 1). */
export function checkDigit(firstEight: string): number | undefined {
  const sum = [...firstEight].reduce((total, digit, i) => total + Number(digit) * weights[i]!, 0);
  const digit = (11 - (sum % 11)) % 11;
  return digit === 10 ? undefined : digit;
}

/** A valid number starting with 8 or 9 (as Brønnøysund's do), from a source of random integers. */
export function newOrganisationNumber(randomInt: (min: number, max: number) => number): string {
  for (;;) {
    const firstEight = `${randomInt(8, 9)}${String(randomInt(0, 9_999_999)).padStart(7, '0')}`;
    const digit = checkDigit(firstEight);
    if (digit !== undefined) return `${firstEight}${digit}`;
  }
}
