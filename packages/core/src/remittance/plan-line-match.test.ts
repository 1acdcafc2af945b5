/** Suggested lines for an unmatched 835 service line, and its posting onto the line a person chose. */
import { describe, expect, it } from 'vitest';
import { planServiceOnLine, suggestLines } from './plan-line-match.ts';
import type { OurClaim } from './remit-types.ts';

const claim: OurClaim = {
  claimId: 7,
  claimNumber: 'C7',
  payerId: 3,
  payerClaimNumber: null,
  encounterId: 70,
  patientId: 700,
  practiceId: 1,
  coverageOrder: 1,
  state: 'accepted',
  lines: [
    { id: 71, lineNumber: 1, code: '99214', modifiers: [], units: 1, chargeCents: 15000, date: '2026-10-05' },
    { id: 72, lineNumber: 2, code: '97110', modifiers: ['GP'], units: 1, chargeCents: 6000, date: '2026-10-05' },
    { id: 73, lineNumber: 3, code: '97140', modifiers: ['GP'], units: 1, chargeCents: 4500, date: '2026-10-06' },
  ],
};

describe('suggestLines', () => {
  it('ranks the lines by procedure as billed (SVC06), modifiers, date and charge', () => {
    const s = suggestLines(
      {
        procedure: { code: '97112', modifiers: ['GP'] },
        submittedProcedure: { code: '97140', modifiers: ['GP'] },
        date: '2026-10-05',
        chargeCents: 6000,
      },
      claim.lines,
    );
    expect(s).toEqual([
      { lineId: 73, lineNumber: 3, score: 6, why: ['procedure as billed (SVC06)', 'modifiers'] },
      { lineId: 72, lineNumber: 2, score: 5, why: ['modifiers', 'date of service', 'charge'] },
      { lineId: 71, lineNumber: 1, score: 2, why: ['date of service'] },
    ]);
  });
  it('counts the payer’s own code when it changed ours, and leaves out lines that share nothing', () => {
    const s = suggestLines(
      {
        procedure: { code: '97110', modifiers: [] },
        submittedProcedure: { code: '97999', modifiers: [] },
        date: '2026-12-01',
        chargeCents: 1,
      },
      claim.lines,
    );
    expect(s).toEqual([{ lineId: 72, lineNumber: 2, score: 3, why: ['procedure as the payer coded it'] }]);
  });
});

describe('planServiceOnLine', () => {
  const clp = {
    patientControlNumber: 'C7',
    status: '1',
    charge: 6000,
    paid: 3200,
    payerClaimControlNumber: 'ICN7',
    adjustments: [],
    dates: [],
    amounts: [],
    services: [
      {
        procedure: { qualifier: 'HC', code: '97530', modifiers: ['GP'] },
        charge: 6000,
        paid: 3200,
        dates: [{ qualifier: '472', date: '20261005' }],
        adjustments: [
          { group: 'CO', reason: '45', amount: 2000 },
          { group: 'PR', reason: '2', amount: 800 },
        ],
        references: [],
        amounts: [],
        remarks: [],
      },
    ],
  } as never;
  it('posts payment, contractual and coinsurance to the line, taking the payment out of unapplied; entries balance', () => {
    const p = planServiceOnLine({
      clp,
      svcIndex: 0,
      claim,
      lineId: 72,
      payerId: 3,
      next: { party: { kind: 'patient' }, claimId: 7 },
      owedBefore: 6000,
      effectiveDate: '2026-11-20',
      memo: 'm',
    });
    expect(p.posting?.kind).toBe('apply_unapplied');
    const e = p.posting!.entries;
    expect(e.reduce((t, x) => t + x.amount, 0)).toBe(0);
    expect(e.filter((x) => x.account === 'cash')).toEqual([]);
    expect(e.filter((x) => x.account === 'unapplied').map((x) => x.amount)).toEqual([3200]);
    const ar = e.filter((x) => x.account === 'ar').map((x) => [x.kind, x.party?.kind, x.amount]);
    expect(ar).toEqual([
      ['insurance_payment', 'payer', -3200],
      ['adjustment', 'payer', -2000],
      ['transfer', 'payer', -800],
      ['transfer', 'patient', 800],
    ]);
    expect(e.every((x) => x.account !== 'ar' || x.line?.serviceLineId === 72)).toBe(true);
    expect(p.patientResponsibilityCents).toBe(800);
    expect(p.detail).toMatchObject({ lineId: 72, matchedBy: 'person', procedure: '97530-GP', paidCents: 3200 });
    expect(p.denials).toEqual([]);
  });
  it('refuses a line that is not the claim’s', () => {
    expect(() =>
      planServiceOnLine({
        clp,
        svcIndex: 0,
        claim,
        lineId: 99,
        payerId: 3,
        next: { party: { kind: 'patient' }, claimId: 7 },
        owedBefore: 0,
        effectiveDate: '2026-11-20',
        memo: 'm',
      }),
    ).toThrow(/not a line of claim C7/);
  });
});
