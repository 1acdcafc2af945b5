/**
 * Where a patient payment goes: the lines chosen (in the order given) or the oldest first; what is left over is
 * the patient's credit on account. Never more on a line than the patient owes there.
 */
import type { OpenItem } from './aging.ts';

export interface Allocation {
  item: OpenItem;
  amountCents: number;
}

export function allocatePayment(
  items: readonly OpenItem[],
  amountCents: number,
  chosenLineIds?: readonly number[],
): { allocations: Allocation[]; onAccountCents: number } {
  if (!Number.isSafeInteger(amountCents) || amountCents <= 0)
    throw new RangeError('a payment is a positive number of cents');
  const owed = items.filter((i) => i.balanceCents > 0);
  const order = chosenLineIds?.length
    ? chosenLineIds.map((id) => owed.find((i) => i.lineId === id)).filter((i): i is OpenItem => i !== undefined)
    : [...owed].sort(
        (a, b) => a.since.localeCompare(b.since) || a.serviceDate.localeCompare(b.serviceDate) || a.lineId - b.lineId,
      );
  let left = amountCents;
  const allocations: Allocation[] = [];
  for (const item of order) {
    if (left === 0) break;
    const amount = Math.min(left, item.balanceCents);
    allocations.push({ item, amountCents: amount });
    left -= amount;
  }
  return { allocations, onAccountCents: left };
}

/** Small-balance write-off rule: an account whose whole patient balance is positive and at most the limit. */
export function smallBalanceWriteOffs(items: readonly OpenItem[], limitCents: number): Allocation[] {
  const owed = items.filter((i) => i.balanceCents > 0);
  const total = items.reduce((t, i) => t + i.balanceCents, 0);
  if (total <= 0 || total > limitCents || items.some((i) => i.insurancePendingCents > 0)) return [];
  return owed.map((item) => ({ item, amountCents: item.balanceCents }));
}
