/** Calendar dates as 'YYYY-MM-DD' strings; no clock here — today comes in as a parameter. */

export function isIsoDate(value: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (y < 1850 || mo < 1 || mo > 12 || d < 1) return false;
  return d <= daysInMonth(y, mo);
}

export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

export function dateProblem(value: string, opts: { notAfter?: string; label?: string } = {}): string | null {
  if (!isIsoDate(value)) return `${opts.label ?? 'The date'} must be a real date written YYYY-MM-DD`;
  if (opts.notAfter && value > opts.notAfter) return `${opts.label ?? 'The date'} cannot be after ${opts.notAfter}`;
  return null;
}

/** Whole years between a birth date and a date (age on the date of service). */
export function ageOn(birthDate: string, on: string): number {
  const [by, bm, bd] = birthDate.split('-').map(Number);
  const [y, m, d] = on.split('-').map(Number);
  return y - by - (m < bm || (m === bm && d < bd) ? 1 : 0);
}

export function todayIso(now: Date = new Date()): string {
  return now.toISOString().slice(0, 10);
}
