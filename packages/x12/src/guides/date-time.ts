/** Calendar-aware X12 date and time checks (CCYYMMDD, YYMMDD, HHMM[SS[d..]], D8/RD8/DT/TM formats). */

const DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function digits(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return s.length > 0;
}

/** CCYYMMDD (8) or YYMMDD (6), a real calendar date. */
export function isValidDate(s: string): boolean {
  if ((s.length !== 8 && s.length !== 6) || !digits(s)) return false;
  const y = s.length === 8 ? Number(s.slice(0, 4)) : 2000 + Number(s.slice(0, 2));
  const m = Number(s.slice(-4, -2));
  const d = Number(s.slice(-2));
  if (m < 1 || m > 12 || d < 1) return false;
  const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
  const max = m === 2 && leap ? 29 : DAYS[m - 1];
  return d <= max;
}

/** HHMM, HHMMSS or HHMMSSD..D (up to 8 characters). */
export function isValidTime(s: string): boolean {
  if (s.length < 4 || s.length > 8 || s.length === 5 || !digits(s)) return false;
  const h = Number(s.slice(0, 2));
  const m = Number(s.slice(2, 4));
  if (h > 23 || m > 59) return false;
  return s.length < 6 || Number(s.slice(4, 6)) <= 59;
}

/**
 * Check a date/time-period value (DE 1251) against its format qualifier (DE 1250).
 * Returns null when fine, or what was expected.
 */
export function checkDateTimePeriod(
  format: string,
  value: string,
): { code: 'INVALID_DATE' | 'INVALID_TIME'; expected: string } | null {
  switch (format) {
    case 'D8':
      return isValidDate(value) && value.length === 8
        ? null
        : { code: 'INVALID_DATE', expected: 'a real date CCYYMMDD (D8)' };
    case 'RD8': {
      const [from, to, extra] = value.split('-');
      const ok =
        extra === undefined &&
        from?.length === 8 &&
        to?.length === 8 &&
        isValidDate(from) &&
        isValidDate(to) &&
        from <= to;
      return ok
        ? null
        : { code: 'INVALID_DATE', expected: 'a date range CCYYMMDD-CCYYMMDD (RD8), start not after end' };
    }
    case 'DT': {
      const ok = value.length === 12 && isValidDate(value.slice(0, 8)) && isValidTime(value.slice(8));
      return ok ? null : { code: 'INVALID_DATE', expected: 'CCYYMMDDHHMM (DT)' };
    }
    case 'TM':
      return isValidTime(value) && value.length === 4 ? null : { code: 'INVALID_TIME', expected: 'HHMM (TM)' };
    case 'DB':
      return value.length === 8 && digits(value) && isValidDate(value.slice(4) + value.slice(0, 4))
        ? null
        : { code: 'INVALID_DATE', expected: 'MMDDCCYY (DB)' };
    default:
      return null;
  }
}
