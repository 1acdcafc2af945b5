/**
 * Who gets a statement in a run, and what it says. Rules: nothing under the minimum balance, lines a payer still
 * owes on are held (the patient is not billed before insurance answers), one statement per cycle, none for
 * accounts on hold or placed with an agency. The dunning message changes with the age of the oldest item and
 * how many statements went before; a kept payment plan asks for the installment instead of the balance.
 */
import { ageItems, oldestAgeDays, type Aging, type OpenItem } from './aging.ts';
import { addDays, daysBetween } from './dates.ts';
import { dollars } from './money-text.ts';
import type { PlanStatus } from './payment-plan.ts';

export interface StatementRules {
  minimumBalanceCents: number;
  /** no second statement within this many days */
  cycleDays: number;
  /** due date = statement date + dueDays */
  dueDays: number;
}

export const DEFAULT_STATEMENT_RULES: StatementRules = { minimumBalanceCents: 500, cycleDays: 28, dueDays: 21 };

export const DUNNING_LEVELS = ['first_notice', 'reminder', 'second_reminder', 'final_notice'] as const;
export type DunningLevel = (typeof DUNNING_LEVELS)[number];

export interface AccountSnapshot {
  items: OpenItem[];
  lastStatementDate: string | null;
  statementsSent: number;
  onHold: boolean;
  placed: boolean;
  plan: PlanStatus | null;
}

export type StatementDecision =
  | {
      send: true;
      level: DunningLevel;
      aging: Aging;
      balanceCents: number;
      amountDueCents: number;
      dueDate: string;
      heldCents: number;
      message: string;
    }
  | {
      send: false;
      reason: 'nothing_owed' | 'below_minimum' | 'insurance_pending' | 'already_this_cycle' | 'on_hold' | 'placed';
    };

export function dunningLevel(oldestDays: number, statementsSent: number): DunningLevel {
  if (statementsSent >= 3 || oldestDays > 90) return 'final_notice';
  if (statementsSent === 2 || oldestDays > 60) return 'second_reminder';
  if (statementsSent === 1 || oldestDays > 30) return 'reminder';
  return 'first_notice';
}

const MESSAGES: Record<DunningLevel, string> = {
  first_notice:
    'This is your statement for recent care. Your insurance has processed these visits; the amount due is your share.',
  reminder:
    'Reminder: we have not yet received payment for the balance below. Please pay by the due date or call us to set up a payment plan.',
  second_reminder:
    'Second reminder: your balance is past due. Please pay now or call us today to discuss a payment plan.',
  final_notice:
    'FINAL NOTICE: your balance is seriously past due. If we do not hear from you by the due date, your account may be placed with a collection agency.',
};

export const PLAN_MESSAGE = 'Thank you for keeping your payment plan. The amount due is this month’s installment.';

export function dunningMessage(level: DunningLevel): string {
  return MESSAGES[level];
}

export function decideStatement(a: AccountSnapshot, rules: StatementRules, asOf: string): StatementDecision {
  if (a.placed) return { send: false, reason: 'placed' };
  if (a.onHold) return { send: false, reason: 'on_hold' };
  const balance = a.items.reduce((t, i) => t + i.balanceCents, 0);
  if (balance <= 0) return { send: false, reason: 'nothing_owed' };
  if (a.lastStatementDate && daysBetween(a.lastStatementDate, asOf) < rules.cycleDays)
    return { send: false, reason: 'already_this_cycle' };
  const billable = a.items.filter((i) => i.insurancePendingCents === 0);
  const held = a.items.filter((i) => i.insurancePendingCents > 0).reduce((t, i) => t + Math.max(0, i.balanceCents), 0);
  const billableBalance = billable.reduce((t, i) => t + i.balanceCents, 0);
  if (billableBalance <= 0) return { send: false, reason: 'insurance_pending' };
  if (billableBalance < rules.minimumBalanceCents) return { send: false, reason: 'below_minimum' };
  const aging = ageItems(billable, asOf);
  const kept = a.plan && a.plan.state === 'kept' ? a.plan : null;
  const level = kept ? 'first_notice' : dunningLevel(oldestAgeDays(billable, asOf), a.statementsSent);
  const amountDueCents = kept ? Math.min(billableBalance, kept.nextDue?.amountCents ?? 0) : billableBalance;
  return {
    send: true,
    level,
    aging,
    balanceCents: billableBalance,
    amountDueCents,
    dueDate:
      kept?.nextDue?.dueDate && kept.nextDue.dueDate > asOf ? kept.nextDue.dueDate : addDays(asOf, rules.dueDays),
    heldCents: held,
    message: kept ? PLAN_MESSAGE : dunningMessage(level),
  };
}

export interface CollectionRules {
  minimumAgeDays: number;
  minimumStatements: number;
  minimumBalanceCents: number;
}

export const DEFAULT_COLLECTION_RULES: CollectionRules = {
  minimumAgeDays: 120,
  minimumStatements: 3,
  minimumBalanceCents: 2500,
};

/**
 * An account belongs on the collections worklist when its oldest item is past the age, enough statements went
 * out, nothing was paid since the last one, and no kept plan covers it. The final notice must have gone before
 * placement.
 */
/** Days between the final notice and placement with an agency. */
export const FINAL_NOTICE_WAIT_DAYS = 10;

export function collectionsReason(
  a: AccountSnapshot & { lastPaymentDate: string | null; finalNoticeDate: string | null },
  rules: CollectionRules,
  asOf: string,
): { eligible: boolean; ready: boolean; why: string } {
  const balance = a.items.reduce((t, i) => t + i.balanceCents, 0);
  const age = oldestAgeDays(a.items, asOf);
  const paidSinceStatement = a.lastPaymentDate && a.lastStatementDate && a.lastPaymentDate >= a.lastStatementDate;
  const facts = `${age} days old, ${a.statementsSent} statement${a.statementsSent === 1 ? '' : 's'}, ${dollars(balance)} owed`;
  const holds: string[] = [];
  if (a.placed) holds.push('already with an agency');
  if (balance < rules.minimumBalanceCents) holds.push(`under the ${dollars(rules.minimumBalanceCents)} minimum`);
  if (age < rules.minimumAgeDays) holds.push(`not yet ${rules.minimumAgeDays} days old`);
  if (a.statementsSent < rules.minimumStatements) holds.push(`fewer than ${rules.minimumStatements} statements`);
  if (paidSinceStatement) holds.push(`paid on ${a.lastPaymentDate}, since the last statement`);
  if (a.plan?.state === 'kept') holds.push('a payment plan is being kept');
  const eligible = holds.length === 0;
  const notice = a.finalNoticeDate;
  const ready = eligible && notice !== null && daysBetween(notice, asOf) >= FINAL_NOTICE_WAIT_DAYS;
  const why = !eligible
    ? `${facts}: not for collections (${holds.join('; ')})`
    : notice === null
      ? `${facts}: send the final notice first`
      : ready
        ? `${facts}: final notice sent ${notice}, ready to place`
        : `${facts}: final notice sent ${notice}, can be placed from ${addDays(notice, FINAL_NOTICE_WAIT_DAYS)}`;
  return { eligible, ready, why };
}
