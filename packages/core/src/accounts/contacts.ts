/** The contact log in summary: how often and when an account was last contacted, what is promised, what is due next. */

export const CONTACT_CHANNELS = ['call', 'letter', 'email', 'text', 'portal', 'agency'] as const;
export type ContactChannel = (typeof CONTACT_CHANNELS)[number];
export const CONTACT_OUTCOMES = [
  'reached',
  'left_message',
  'no_answer',
  'wrong_number',
  'promise_to_pay',
  'dispute',
  'payment_taken',
  'sent',
  'returned_mail',
  'other',
] as const;
export type ContactOutcome = (typeof CONTACT_OUTCOMES)[number];

export interface ContactEntry {
  /** ISO timestamp */
  occurredAt: string;
  channel: ContactChannel;
  outcome: ContactOutcome;
  promiseDate?: string | null;
  promiseCents?: number | null;
  followUpDate?: string | null;
}

export interface ContactSummary {
  count: number;
  /** in the last 30 days before `today` */
  last30Days: number;
  lastAt: string | null;
  lastChannel: ContactChannel | null;
  lastOutcome: ContactOutcome | null;
  /** the latest promise to pay still to come (on or after today) */
  promise: { date: string; cents: number } | null;
  /** the earliest follow-up date on or after today, else the latest overdue one */
  nextFollowUp: string | null;
  followUpOverdue: boolean;
}

const day = (iso: string) => iso.slice(0, 10);

function daysBefore(today: string, n: number): string {
  const d = new Date(`${today}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - n);
  return d.toISOString().slice(0, 10);
}

export function summarizeContacts(entries: readonly ContactEntry[], today: string): ContactSummary {
  const sorted = [...entries].sort((a, b) => a.occurredAt.localeCompare(b.occurredAt));
  const last = sorted.at(-1);
  const since = daysBefore(today, 30);
  const promises = sorted.filter((e) => e.promiseDate && e.promiseCents && e.promiseDate >= today);
  const followUps = sorted.flatMap((e) => (e.followUpDate ? [e.followUpDate] : [])).sort();
  const upcoming = followUps.find((d) => d >= today);
  const overdue = followUps.filter((d) => d < today).at(-1);
  const p = promises.at(-1);
  return {
    count: sorted.length,
    last30Days: sorted.filter((e) => day(e.occurredAt) > since && day(e.occurredAt) <= today).length,
    lastAt: last?.occurredAt ?? null,
    lastChannel: last?.channel ?? null,
    lastOutcome: last?.outcome ?? null,
    promise: p ? { date: p.promiseDate!, cents: p.promiseCents! } : null,
    nextFollowUp: upcoming ?? overdue ?? null,
    followUpOverdue: !upcoming && overdue !== undefined,
  };
}
