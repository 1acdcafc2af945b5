/** Format checks for the identifiers a billing office types in. Each returns null or a plain message. */

// IRS campus prefixes that are assigned to EINs (IRS "How EINs are assigned"); 00, 07, 08, 09, 17, 18, 19, 28, 29, 49, 69, 70, 78, 79 and 89 are not.
const EIN_PREFIXES = new Set(
  '01 02 03 04 05 06 10 11 12 13 14 15 16 20 21 22 23 24 25 26 27 30 31 32 33 34 35 36 37 38 39 40 41 42 43 44 45 46 47 48 50 51 52 53 54 55 56 57 58 59 60 61 62 63 64 65 66 67 68 71 72 73 74 75 76 77 80 81 82 83 84 85 86 87 88 90 91 92 93 94 95 98 99'.split(
    ' ',
  ),
);

/** Accepts 12-3456789 or 123456789; returns the 9 digits or a message. */
export function normalizeEin(value: string): { ok: true; ein: string } | { ok: false; message: string } {
  const m = /^(\d{2})-?(\d{7})$/.exec(value.trim());
  if (!m) return { ok: false, message: 'An EIN has 9 digits, written 12-3456789' };
  if (!EIN_PREFIXES.has(m[1])) return { ok: false, message: `EIN prefix ${m[1]} is not one the IRS assigns` };
  return { ok: true, ein: m[1] + m[2] };
}

export const US_STATES = new Set(
  (
    'AL AK AZ AR CA CO CT DE DC FL GA HI ID IL IN IA KS KY LA ME MD MA MI MN MS MO MT NE NV NH NJ NM NY NC ND OH OK OR PA RI SC SD TN TX UT VT VA WA WV WI WY ' +
    'AS GU MP PR VI AA AE AP'
  ).split(' '),
);

export function stateProblem(value: string): string | null {
  return US_STATES.has(value) ? null : `"${value}" is not a US state or territory code (two capital letters, e.g. TX)`;
}

/** 837 wants ZIP+4 for billing providers; we accept 5 or 9 digits, with or without the dash. */
export function normalizeZip(value: string): { ok: true; zip: string } | { ok: false; message: string } {
  const m = /^(\d{5})(?:-?(\d{4}))?$/.exec(value.trim());
  if (!m) return { ok: false, message: 'A ZIP code is 5 digits or ZIP+4 (12345 or 12345-6789)' };
  return { ok: true, zip: m[2] ? `${m[1]}${m[2]}` : m[1] };
}

/** NUCC taxonomy codes are 10 characters: 9 alphanumerics and an X. */
export function taxonomyProblem(value: string): string | null {
  return /^[0-9]{3}[0-9A-Z]{6}X$/.test(value)
    ? null
    : 'A provider taxonomy code has 10 characters ending in X, e.g. 207Q00000X';
}

export function phoneProblem(value: string): string | null {
  return /^\d{10}$/.test(value.replace(/[\s().-]/g, '')) ? null : 'A phone number has 10 digits';
}
