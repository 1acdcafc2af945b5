/** Money and dates as a patient reads them. Cents in, text out; no clock. */

/** 123456 → "$1,234.56"; negative amounts get a leading minus. */
export function dollars(cents: number): string {
  const abs = Math.abs(Math.round(cents));
  const whole = Math.floor(abs / 100)
    .toString()
    .replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${cents < 0 ? '-' : ''}$${whole}.${String(abs % 100).padStart(2, '0')}`;
}

/** "0.2" (271 EB08 fraction) → "20%"; up to two decimals. */
export function percentText(fraction: number): string {
  const p = Math.round(fraction * 10_000) / 100;
  return `${p}%`;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** 'YYYY-MM-DD' or 'CCYYMMDD' → "Nov 23, 2026". */
export function dateText(date: string): string {
  const d = date.replace(/-/g, '');
  if (!/^\d{8}$/.test(d)) return date;
  return `${MONTHS[Number(d.slice(4, 6)) - 1] ?? '?'} ${Number(d.slice(6, 8))}, ${d.slice(0, 4)}`;
}

/** 'CCYYMMDD' → 'YYYY-MM-DD'. */
export function isoFromX12(d: string): string {
  return /^\d{8}$/.test(d) ? `${d.slice(0, 4)}-${d.slice(4, 6)}-${d.slice(6, 8)}` : d;
}
