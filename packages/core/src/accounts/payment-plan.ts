/**
 * Payment plans: the schedule (optional down payment, then equal installments, the last one taking the cents
 * left), which installments are paid by the payments received, which were missed (not covered by their due
 * date plus the grace days), and whether the plan is broken (misses reach the limit) or completed.
 */
import { addDays, addMonths } from './dates.ts';

export interface PlanTerms {
  totalCents: number;
  downPaymentCents: number;
  installments: number;
  /** first installment's due date (the down payment is due on the start date) */
  firstDueDate: string;
  startDate: string;
  frequency: 'monthly' | 'biweekly';
  graceDays: number;
  /** misses that break the plan */
  maxMisses: number;
}

export interface Installment {
  number: number;
  dueDate: string;
  amountCents: number;
}

export interface InstallmentState extends Installment {
  paidCents: number;
  status: 'paid' | 'partial' | 'due' | 'missed' | 'upcoming';
}

export interface PlanStatus {
  installments: InstallmentState[];
  paidCents: number;
  remainingCents: number;
  misses: number;
  state: 'kept' | 'broken' | 'completed';
  /** the next amount to ask for on a statement, and when */
  nextDue: { dueDate: string; amountCents: number } | null;
  /** cents past due (missed installments not yet made good) */
  pastDueCents: number;
}

export function planSchedule(t: PlanTerms): Installment[] {
  if (t.installments < 1) throw new RangeError('a plan has at least one installment');
  if (t.downPaymentCents < 0 || t.downPaymentCents > t.totalCents)
    throw new RangeError('the down payment must be between 0 and the total');
  const rest = t.totalCents - t.downPaymentCents;
  const each = Math.floor(rest / t.installments);
  const out: Installment[] = [];
  if (t.downPaymentCents > 0) out.push({ number: 0, dueDate: t.startDate, amountCents: t.downPaymentCents });
  for (let i = 0; i < t.installments; i++) {
    const dueDate = t.frequency === 'monthly' ? addMonths(t.firstDueDate, i) : addDays(t.firstDueDate, 14 * i);
    const amountCents = i === t.installments - 1 ? rest - each * (t.installments - 1) : each;
    out.push({ number: i + 1, dueDate, amountCents });
  }
  return out;
}

/** Payments (date, cents) fill the installments in order; an installment not filled by due + grace is missed. */
export function planStatus(
  t: PlanTerms,
  payments: ReadonlyArray<{ date: string; cents: number }>,
  asOf: string,
): PlanStatus {
  const schedule = planSchedule(t);
  const sorted = [...payments].filter((p) => p.date <= asOf).sort((a, b) => a.date.localeCompare(b.date));
  const paidTotal = sorted.reduce((s, p) => s + p.cents, 0);
  let pool = paidTotal;
  let cumulativeDue = 0;
  const states: InstallmentState[] = schedule.map((inst) => {
    const paid = Math.min(pool, inst.amountCents);
    pool -= paid;
    cumulativeDue += inst.amountCents;
    // paid by the deadline? compare what had come in by then with everything due up to this installment
    const deadline = addDays(inst.dueDate, t.graceDays);
    const byDeadline = sorted.filter((p) => p.date <= deadline).reduce((s, p) => s + p.cents, 0);
    let status: InstallmentState['status'];
    if (paid === inst.amountCents) status = byDeadline >= cumulativeDue || deadline >= asOf ? 'paid' : 'missed';
    else if (deadline < asOf) status = 'missed';
    else if (inst.dueDate <= asOf) status = paid > 0 ? 'partial' : 'due';
    else status = paid > 0 ? 'partial' : 'upcoming';
    return { ...inst, paidCents: paid, status };
  });
  const misses = states.filter((s) => s.status === 'missed').length;
  const paidCents = Math.min(paidTotal, t.totalCents);
  const remainingCents = t.totalCents - paidCents;
  const pastDueCents = states
    .filter((s) => addDays(s.dueDate, t.graceDays) < asOf)
    .reduce((sum, s) => sum + (s.amountCents - s.paidCents), 0);
  return {
    installments: states,
    paidCents,
    remainingCents,
    misses,
    state: remainingCents === 0 ? 'completed' : misses >= t.maxMisses ? 'broken' : 'kept',
    nextDue: nextDue(states, t.graceDays, asOf, pastDueCents),
    pastDueCents,
  };
}

/** The next installment still open and not yet past its grace, plus whatever is past due. */
function nextDue(
  states: InstallmentState[],
  graceDays: number,
  asOf: string,
  pastDueCents: number,
): PlanStatus['nextDue'] {
  const next = states.find((s) => s.paidCents < s.amountCents && addDays(s.dueDate, graceDays) >= asOf);
  if (next) return { dueDate: next.dueDate, amountCents: next.amountCents - next.paidCents + pastDueCents };
  return pastDueCents > 0 ? { dueDate: asOf, amountCents: pastDueCents } : null;
}
