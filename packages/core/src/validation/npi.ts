/**
 * NPI check digit: Luhn over the 9 base digits with the constant 80840 prefix (CMS, "NPI check digit").
 * Adding 24 to the Luhn sum is the documented shortcut for that prefix.
 */
export function npiCheckDigit(base9: string): number {
  let sum = 24;
  for (let i = 0; i < 9; i++) {
    let d = base9.charCodeAt(8 - i) - 48;
    if (i % 2 === 0) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return (10 - (sum % 10)) % 10;
}

export type NpiProblem = 'format' | 'check_digit';

/** null when valid; otherwise what is wrong. */
export function npiProblem(npi: string): NpiProblem | null {
  if (!/^[12]\d{9}$/.test(npi)) return 'format';
  return npiCheckDigit(npi.slice(0, 9)) === npi.charCodeAt(9) - 48 ? null : 'check_digit';
}

export function isValidNpi(npi: string): boolean {
  return npiProblem(npi) === null;
}

/** Completes a 9-digit base into a valid NPI (demo data and tests). */
export function makeNpi(base9: string): string {
  return base9 + String(npiCheckDigit(base9));
}
