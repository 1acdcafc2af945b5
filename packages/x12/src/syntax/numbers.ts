/**
 * X12 numeric data types without floating point: money ('R' amounts) becomes integer cents,
 * parsed digit by digit so '0.1' + '0.2' adds up exactly.
 */

/** Integer number of cents. */
export type Cents = number;

/**
 * Parse an X12 amount ('-12.5', '100', '.75') into integer cents. Returns null for anything else,
 * including more than 2 decimal places, exponents, spaces or unsafe magnitudes.
 */
export function parseCents(text: string): Cents | null {
  const len = text.length;
  if (len === 0) return null;
  let i = 0;
  let negative = false;
  const first = text.charCodeAt(0);
  if (first === 45 /* - */) {
    negative = true;
    i = 1;
  } else if (first === 43 /* + */) i = 1;
  let whole = 0;
  let digits = 0;
  for (; i < len; i++) {
    const c = text.charCodeAt(i);
    if (c < 48 || c > 57) break;
    whole = whole * 10 + (c - 48);
    digits++;
  }
  let frac = 0;
  let fracDigits = 0;
  if (i < len) {
    if (text.charCodeAt(i) !== 46 /* . */) return null;
    for (i++; i < len; i++) {
      const c = text.charCodeAt(i);
      if (c < 48 || c > 57) return null;
      if (++fracDigits > 2) return null;
      frac = frac * 10 + (c - 48);
    }
  }
  if (digits + fracDigits === 0) return null;
  if (fracDigits === 1) frac *= 10;
  const cents = whole * 100 + frac;
  if (!Number.isSafeInteger(cents)) return null;
  return negative ? (cents === 0 ? 0 : -cents) : cents;
}

/** Cents as an X12 amount: 12345 → '123.45', 100 → '1', -5 → '-0.05' (no trailing zeros). */
export function formatCents(cents: Cents): string {
  const sign = cents < 0 ? '-' : '';
  const abs = Math.abs(cents);
  const whole = Math.floor(abs / 100);
  const frac = abs % 100;
  if (frac === 0) return `${sign}${whole}`;
  const f = frac % 10 === 0 ? String(frac / 10) : String(frac).padStart(2, '0');
  return `${sign}${whole}.${f}`;
}

/** Cents for people: 12345 → '123.45', -5 → '-0.05'. */
export function centsToString(cents: Cents): string {
  const sign = cents < 0 ? '-' : '';
  const abs = Math.abs(cents);
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

/** Parse an X12 decimal ('R' quantity such as units '1.5'); null when not a plain decimal number. */
export function parseDecimal(text: string): number | null {
  if (!/^[+-]?(\d+\.?\d*|\.\d+)$/.test(text)) return null;
  return Number(text);
}
