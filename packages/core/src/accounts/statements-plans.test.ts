import { describe, expect, it } from 'vitest';
import { ageItems, type OpenItem } from './aging.ts';
import { allocatePayment, smallBalanceWriteOffs } from './allocate-payment.ts';
import { explainAdjustment } from './explain-adjustment.ts';
import { describeProcedure } from './describe-code.ts';
import { planSchedule, planStatus, type PlanTerms } from './payment-plan.ts';
import {
  collectionsReason,
  decideStatement,
  DEFAULT_STATEMENT_RULES,
  type AccountSnapshot,
} from './statement-rules.ts';

const item = (lineId: number, since: string, balanceCents: number, insurancePendingCents = 0): OpenItem => ({
  lineId,
  claimId: 1,
  patientId: 1,
  practiceId: 1,
  serviceDate: since,
  since,
  balanceCents,
  insurancePendingCents,
});

describe('aging and payment allocation', () => {
  it('buckets by days since the item became the patient’s, credits off the oldest', () => {
    const items = [
      item(1, '2026-11-10', 1000),
      item(2, '2026-09-20', 2000),
      item(3, '2026-06-01', 3000),
      item(4, '2026-11-01', -500),
    ];
    expect(ageItems(items, '2026-11-23')).toEqual({
      current: 1000,
      days31to60: 0,
      days61to90: 2000,
      days91to120: 0,
      over120: 2500,
    });
  });

  it('a payment goes to the oldest first, or to the chosen lines, the rest on account', () => {
    const items = [item(1, '2026-11-10', 1000), item(2, '2026-09-20', 2000)];
    const oldest = allocatePayment(items, 2500);
    expect(oldest.allocations.map((a) => [a.item.lineId, a.amountCents])).toEqual([
      [2, 2000],
      [1, 500],
    ]);
    expect(oldest.onAccountCents).toBe(0);
    const chosen = allocatePayment(items, 4000, [1]);
    expect(chosen.allocations.map((a) => [a.item.lineId, a.amountCents])).toEqual([[1, 1000]]);
    expect(chosen.onAccountCents).toBe(3000);
    expect(() => allocatePayment(items, 0)).toThrow(/positive/);
  });

  it('small balances are written off whole, never with insurance pending or above the limit', () => {
    expect(
      smallBalanceWriteOffs([item(1, '2026-01-01', 300), item(2, '2026-01-01', 150)], 500).map((a) => a.amountCents),
    ).toEqual([300, 150]);
    expect(smallBalanceWriteOffs([item(1, '2026-01-01', 600)], 500)).toEqual([]);
    expect(smallBalanceWriteOffs([item(1, '2026-01-01', 300, 100)], 500)).toEqual([]);
  });
});

describe('payment plans', () => {
  const terms: PlanTerms = {
    totalCents: 100_000,
    downPaymentCents: 10_000,
    installments: 3,
    firstDueDate: '2026-01-31',
    startDate: '2026-01-15',
    frequency: 'monthly',
    graceDays: 5,
    maxMisses: 2,
  };

  it('schedules the down payment and equal installments, the last taking the cents left, month ends clamped', () => {
    expect(planSchedule(terms)).toEqual([
      { number: 0, dueDate: '2026-01-15', amountCents: 10_000 },
      { number: 1, dueDate: '2026-01-31', amountCents: 30_000 },
      { number: 2, dueDate: '2026-02-28', amountCents: 30_000 },
      { number: 3, dueDate: '2026-03-31', amountCents: 30_000 },
    ]);
    expect(planSchedule({ ...terms, totalCents: 10_001, downPaymentCents: 0 }).map((i) => i.amountCents)).toEqual([
      3333, 3333, 3335,
    ]);
  });

  it('detects a missed installment after the grace days and breaks the plan at the limit', () => {
    const onTime = [
      { date: '2026-01-15', cents: 10_000 },
      { date: '2026-02-02', cents: 30_000 },
    ];
    const kept = planStatus(terms, onTime, '2026-02-20');
    expect(kept.state).toBe('kept');
    expect(kept.installments.map((i) => i.status)).toEqual(['paid', 'paid', 'upcoming', 'upcoming']);
    expect(kept.nextDue).toEqual({ dueDate: '2026-02-28', amountCents: 30_000 });
    const oneMiss = planStatus(terms, onTime, '2026-03-06');
    expect(oneMiss.installments[2]?.status).toBe('missed');
    expect(oneMiss).toMatchObject({ misses: 1, state: 'kept', pastDueCents: 30_000 });
    expect(oneMiss.nextDue).toEqual({ dueDate: '2026-03-31', amountCents: 60_000 });
    const broken = planStatus(terms, onTime, '2026-04-06');
    expect(broken).toMatchObject({ misses: 2, state: 'broken' });
    const late = planStatus(terms, [...onTime, { date: '2026-03-20', cents: 30_000 }], '2026-03-25');
    expect(late.installments[2]?.status).toBe('missed');
    const done = planStatus(terms, [{ date: '2026-01-15', cents: 100_000 }], '2026-01-16');
    expect(done.state).toBe('completed');
  });
});

describe('statement decisions and collections', () => {
  const base: AccountSnapshot = {
    items: [item(1, '2026-11-01', 4000)],
    lastStatementDate: null,
    statementsSent: 0,
    onHold: false,
    placed: false,
    plan: null,
  };

  it('sends a first notice with aging, amount due and a due date', () => {
    const d = decideStatement(base, DEFAULT_STATEMENT_RULES, '2026-11-23');
    expect(d).toMatchObject({
      send: true,
      level: 'first_notice',
      amountDueCents: 4000,
      dueDate: '2026-12-14',
      aging: { current: 4000 },
    });
  });

  it('minimum balance, insurance pending, one per cycle, hold and placement are rules', () => {
    const rules = DEFAULT_STATEMENT_RULES;
    expect(decideStatement({ ...base, items: [item(1, '2026-11-01', 300)] }, rules, '2026-11-23')).toEqual({
      send: false,
      reason: 'below_minimum',
    });
    expect(decideStatement({ ...base, items: [item(1, '2026-11-01', 4000, 9000)] }, rules, '2026-11-23')).toEqual({
      send: false,
      reason: 'insurance_pending',
    });
    expect(
      decideStatement({ ...base, lastStatementDate: '2026-11-10', statementsSent: 1 }, rules, '2026-11-23'),
    ).toEqual({ send: false, reason: 'already_this_cycle' });
    expect(decideStatement({ ...base, onHold: true }, rules, '2026-11-23')).toEqual({ send: false, reason: 'on_hold' });
    expect(decideStatement({ ...base, placed: true }, rules, '2026-11-23')).toEqual({ send: false, reason: 'placed' });
  });

  it('the message changes with age and statements sent; a kept plan asks for the installment', () => {
    const old = { ...base, items: [item(1, '2026-07-01', 4000)], lastStatementDate: '2026-10-01', statementsSent: 3 };
    const d = decideStatement(old, DEFAULT_STATEMENT_RULES, '2026-11-23');
    expect(d).toMatchObject({ send: true, level: 'final_notice' });
    expect(d.send && d.message).toMatch(/^FINAL NOTICE/);
    const plan = planStatus(
      {
        totalCents: 4000,
        downPaymentCents: 0,
        installments: 4,
        firstDueDate: '2026-12-01',
        startDate: '2026-11-20',
        frequency: 'monthly',
        graceDays: 5,
        maxMisses: 2,
      },
      [],
      '2026-11-23',
    );
    const withPlan = decideStatement({ ...old, plan }, DEFAULT_STATEMENT_RULES, '2026-11-23');
    expect(withPlan).toMatchObject({ send: true, amountDueCents: 1000, dueDate: '2026-12-01' });
  });

  it('collections: past the age and statements with no payment or plan, final notice before placement', () => {
    const acct = {
      ...base,
      items: [item(1, '2026-05-01', 9000)],
      lastStatementDate: '2026-10-20',
      statementsSent: 4,
      lastPaymentDate: null,
      finalNoticeDate: null,
    };
    expect(
      collectionsReason(acct, { minimumAgeDays: 120, minimumStatements: 3, minimumBalanceCents: 2500 }, '2026-11-23'),
    ).toEqual({
      eligible: true,
      ready: false,
      why: '206 days old, 4 statements, $90.00 owed: send the final notice first',
    });
    const rules = { minimumAgeDays: 120, minimumStatements: 3, minimumBalanceCents: 2500 };
    expect(collectionsReason({ ...acct, finalNoticeDate: '2026-11-01' }, rules, '2026-11-23')).toEqual({
      eligible: true,
      ready: true,
      why: '206 days old, 4 statements, $90.00 owed: final notice sent 2026-11-01, ready to place',
    });
    expect(collectionsReason({ ...acct, finalNoticeDate: '2026-11-20' }, rules, '2026-11-23')).toMatchObject({
      ready: false,
      why: '206 days old, 4 statements, $90.00 owed: final notice sent 2026-11-20, can be placed from 2026-11-30',
    });
    expect(collectionsReason({ ...acct, lastPaymentDate: '2026-10-25' }, rules, '2026-11-23')).toEqual({
      eligible: false,
      ready: false,
      why: '206 days old, 4 statements, $90.00 owed: not for collections (paid on 2026-10-25, since the last statement)',
    });
    expect(
      collectionsReason({ ...acct, statementsSent: 1, items: [item(1, '2026-10-01', 2000)] }, rules, '2026-11-23').why,
    ).toBe(
      '53 days old, 1 statement, $20.00 owed: not for collections (under the $25.00 minimum; not yet 120 days old; fewer than 3 statements)',
    );
  });
});

describe('plain words for a patient', () => {
  it('CARC and RARC become sentences; CPT falls back to its category', () => {
    expect(explainAdjustment('CO', '45')).toBe(
      'This is the discount your insurer negotiated with our office. You do not owe this amount.',
    );
    expect(explainAdjustment('PR', '1')).toMatch(/deductible/);
    expect(explainAdjustment('CO', '97', ['M15'])).toBe(
      'The insurer pays for this as part of another service on the same day. You do not owe this amount. Separately billed services were combined into one payment.',
    );
    expect(explainAdjustment('OA', 'ZZZ')).toBe('The insurer adjusted this amount for another reason.');
    expect(describeProcedure('99213')).toBe('Office or outpatient visit');
    expect(describeProcedure('99213', { licensedCpt: 'Licensed text' })).toBe('Licensed text');
    expect(describeProcedure('G0008', { hcpcsShort: 'Admin influenza virus vac' })).toBe('Admin influenza virus vac');
  });
});
