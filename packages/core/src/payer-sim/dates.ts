/** CCYYMMDD calendar arithmetic (UTC, no clock). */

export function dayNumber(ccyymmdd: string): number {
  return (
    Date.UTC(Number(ccyymmdd.slice(0, 4)), Number(ccyymmdd.slice(4, 6)) - 1, Number(ccyymmdd.slice(6, 8))) / 86_400_000
  );
}

export function daysBetween(from: string, to: string): number {
  return dayNumber(to) - dayNumber(from);
}

export function ccyymmdd(d: Date): string {
  return d.toISOString().slice(0, 10).replace(/-/g, '');
}

export function hhmm(d: Date): string {
  return d.toISOString().slice(11, 16).replace(':', '');
}

/** First and last date of a DTP value: 'CCYYMMDD' or 'CCYYMMDD-CCYYMMDD'. */
export function dateRange(value: string): [string, string] {
  const [a, b] = value.split('-');
  return [a ?? '', b ?? a ?? ''];
}

export function isDate(value: string): boolean {
  if (!/^\d{8}$/.test(value)) return false;
  const n = dayNumber(value);
  return Number.isFinite(n) && ccyymmdd(new Date(n * 86_400_000)) === value;
}
