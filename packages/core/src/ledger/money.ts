/**
 * Money is integer cents (a safe integer `number`), never a float. These helpers refuse anything else,
 * so a bad amount fails where it enters instead of rounding silently somewhere later.
 */
export type Cents = number;

export class MoneyError extends Error {}

export function isCents(value: unknown): value is Cents {
  return typeof value === 'number' && Number.isSafeInteger(value);
}

export function assertCents(value: unknown, what = 'amount'): Cents {
  if (!isCents(value)) throw new MoneyError(`${what} must be a whole number of cents, got ${String(value)}`);
  return value;
}

/** Sum of cents; throws when the total leaves the safe-integer range instead of losing a cent. */
export function sumCents(values: Iterable<Cents>): Cents {
  let total = 0;
  for (const v of values) {
    total += assertCents(v);
    if (!Number.isSafeInteger(total)) throw new MoneyError('sum of amounts overflows');
  }
  return total;
}

/**
 * Splits `total` over `weights` in proportion, exactly: the parts are whole cents that add up to
 * `total` (largest remainder; ties go to the earlier part). Zero or empty weights split evenly.
 */
export function allocateCents(total: Cents, weights: readonly number[]): Cents[] {
  assertCents(total, 'total');
  const n = weights.length;
  if (n === 0) {
    if (total !== 0) throw new MoneyError('cannot allocate a non-zero amount over nothing');
    return [];
  }
  const w = weights.map((x) => Math.max(0, Math.abs(x)));
  let weightSum = w.reduce((a, b) => a + b, 0);
  if (weightSum === 0) {
    w.fill(1);
    weightSum = n;
  }
  const sign = total < 0 ? -1 : 1;
  const abs = Math.abs(total);
  // BigInt keeps abs × weight exact past 2^53
  const big = BigInt(abs);
  const bigSum = BigInt(weightSum);
  const parts = w.map((x) => (big * BigInt(x)) / bigSum);
  const rems = w.map((x, i) => ({ i, r: (big * BigInt(x)) % bigSum }));
  let left = abs - parts.reduce((a, b) => a + Number(b), 0);
  rems.sort((a, b) => (a.r === b.r ? a.i - b.i : a.r > b.r ? -1 : 1));
  const out = parts.map(Number);
  for (let k = 0; left > 0; k = (k + 1) % n, left--) out[rems[k].i] += 1;
  return out.map((x) => x * sign || 0);
}

/** 12345 → '123.45', -5 → '-0.05'. */
export function formatCents(cents: Cents): string {
  assertCents(cents);
  const sign = cents < 0 ? '-' : '';
  const abs = Math.abs(cents);
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

/** '$1,234.50' for people. */
export function formatDollars(cents: Cents): string {
  const s = formatCents(cents);
  const neg = s.startsWith('-');
  const [whole, frac] = (neg ? s.slice(1) : s).split('.');
  return `${neg ? '-' : ''}$${whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}.${frac}`;
}
