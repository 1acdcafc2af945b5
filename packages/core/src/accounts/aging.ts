/**
 * Aging of what a patient owes: each open item ages from the day it became the patient's to pay (the transfer
 * after insurance, or the charge for self-pay), bucketed 0–30, 31–60, 61–90, 91–120 and over 120 days.
 */
import { daysBetween } from './dates.ts';

export const AGING_BUCKETS = ['current', 'days31to60', 'days61to90', 'days91to120', 'over120'] as const;
export type AgingBucket = (typeof AGING_BUCKETS)[number];
export type Aging = Record<AgingBucket, number>;

export interface OpenItem {
  /** service line */
  lineId: number;
  claimId: number;
  patientId: number;
  practiceId: number;
  serviceDate: string;
  /** when it became the patient's to pay */
  since: string;
  /** what the patient owes on it, cents (credits are negative) */
  balanceCents: number;
  /** a payer still owes something on the same line */
  insurancePendingCents: number;
}

export function bucketOf(days: number): AgingBucket {
  if (days <= 30) return 'current';
  if (days <= 60) return 'days31to60';
  if (days <= 90) return 'days61to90';
  if (days <= 120) return 'days91to120';
  return 'over120';
}

export const emptyAging = (): Aging => ({ current: 0, days31to60: 0, days61to90: 0, days91to120: 0, over120: 0 });

/** Aging of the positive balances; credits (negative) are taken off the oldest buckets first. */
export function ageItems(items: readonly OpenItem[], asOf: string): Aging {
  const a = emptyAging();
  let credit = 0;
  for (const i of items) {
    if (i.balanceCents > 0) a[bucketOf(daysBetween(i.since, asOf))] += i.balanceCents;
    else credit -= i.balanceCents;
  }
  for (const b of [...AGING_BUCKETS].reverse()) {
    const take = Math.min(credit, a[b]);
    a[b] -= take;
    credit -= take;
  }
  return a;
}

/** Days since the oldest item with money still owed. */
export function oldestAgeDays(items: readonly OpenItem[], asOf: string): number {
  const owed = items.filter((i) => i.balanceCents > 0);
  return owed.length ? Math.max(...owed.map((i) => daysBetween(i.since, asOf))) : 0;
}
