/** Posting scenarios (issue 11), each with the exact ledger figures the plan produces. */
import { parseX12File } from '@medbill/x12';
import type { Remittance835 } from '@medbill/x12/835';
import { describe, expect, it } from 'vitest';
import { BalanceBook, chargePosting, checkPosting, totalsOf, type EntryInput } from '../ledger/index.ts';
import { eraText, type EraSpec } from './era-text.test-util.ts';
import { holdReasons } from './remit-integrity.ts';
import { planRemittance } from './plan-remittance.ts';
import { PostedAdjudications } from './posted-adjudications.ts';
import type { NextParty, OurClaim, PlanContext } from './remit-types.ts';

const ACME = 3;
const SECOND = 4;

function claim(id: number, lines: Array<[code: string, charge: number]>, extra: Partial<OurClaim> = {}): OurClaim {
  return {
    claimId: id,
    claimNumber: `C${id}`,
    payerId: ACME,
    payerClaimNumber: null,
    encounterId: id,
    patientId: 7,
    practiceId: 1,
    coverageOrder: 1,
    state: 'accepted',
    patientName: { last: 'DOE', first: 'JANE' },
    lines: lines.map(([code, charge], i) => ({
      id: id * 10 + i + 1,
      lineNumber: i + 1,
      code,
      modifiers: [],
      units: 1,
      chargeCents: charge,
      date: '2026-11-02',
    })),
    ...extra,
  };
}

/** A tenant's books: our claims, their charges posted, and every later posting kept. */
class Books {
  readonly entries: EntryInput[] = [];
  readonly book = new BalanceBook();
  /** what the payers' adjudications posted, kept in step by the planner */
  readonly posted = new PostedAdjudications();
  constructor(
    readonly claims: OurClaim[],
    readonly next = new Map<number, NextParty>(),
  ) {
    for (const c of claims.filter((x) => x.coverageOrder === 1))
      for (const l of c.lines) {
        const p = chargePosting(
          { serviceLineId: l.id, claimId: c.claimId, patientId: 7, practiceId: 1 },
          { kind: 'payer', payerId: c.payerId },
          l.chargeCents,
          l.date,
          'sent',
        );
        this.entries.push(...p.entries);
        this.book.apply(p.entries);
      }
  }
  context(payerId: number | null = ACME): PlanContext {
    const byEncounter = new Map<number, OurClaim[]>();
    for (const c of this.claims) byEncounter.set(c.encounterId, [...(byEncounter.get(c.encounterId) ?? []), c]);
    return {
      payerId,
      effectiveDate: '2026-11-20',
      byClaimNumber: new Map(this.claims.map((c) => [c.claimNumber, c])),
      byPayerClaimNumber: new Map(this.claims.filter((c) => c.payerClaimNumber).map((c) => [c.payerClaimNumber!, c])),
      byEncounter,
      balances: this.book,
      posted: this.posted,
      nextParty: this.next,
      expectedAllowed: (line) => (line.code === '99213' ? 10000 : null),
    };
  }
  post(spec: EraSpec, payerId: number | null = ACME) {
    const parsed = parseX12File(eraText(spec));
    const remits = parsed.transactions.filter((t) => t.st01 === '835').map((t) => t.value as Remittance835);
    expect(holdReasons(parsed.issues, remits)).toEqual([]);
    const plan = planRemittance(remits[0], this.context(payerId));
    for (const p of plan.postings) {
      expect(checkPosting(p)).toEqual([]);
      this.entries.push(...p.entries);
    }
    expect(plan.cashCents).toBe(remits[0].payment!.total);
    return plan;
  }
  totals(claimId: number) {
    return totalsOf(
      this.entries.filter(
        (e) =>
          e.line?.claimId === claimId ||
          (e.account === 'ar' &&
            e.line &&
            this.claims.find((c) => c.claimId === claimId)?.lines.some((l) => l.id === e.line!.serviceLineId)),
      ),
    );
  }
  account(name: string) {
    return this.entries.filter((e) => e.account === name).reduce((t, e) => t + e.amount, 0);
  }
}

describe('835 posting plans', () => {
  it('paid in full', () => {
    const b = new Books([claim(1, [['99213', 10000]])]);
    const plan = b.post({
      trace: 'T1',
      claims: [
        {
          pcn: 'C1',
          status: '1',
          charge: 10000,
          paid: 10000,
          services: [{ code: '99213', charge: 10000, paid: 10000, lineControl: 'C1-1' }],
        },
      ],
    });
    expect(plan.claims[0]).toMatchObject({
      claimId: 1,
      outcome: 'paid',
      matchedBy: 'claim_number',
      payerBalanceCents: 0,
    });
    expect(plan.claims[0].lines[0].matchedBy).toBe('line_control_number');
    expect(b.totals(1)).toMatchObject({ charges: 10000, insurancePayments: 10000, balance: 0 });
  });

  it('partial with deductible and coinsurance: contractual off, the rest to the patient', () => {
    const b = new Books([claim(1, [['99214', 15000]])]);
    const plan = b.post({
      trace: 'T2',
      claims: [
        {
          pcn: 'C1',
          status: '1',
          charge: 15000,
          paid: 4000,
          pr: 6000,
          services: [
            {
              code: '99214',
              charge: 15000,
              paid: 4000,
              allowed: 10000,
              lineControl: 'C1-1',
              cas: [
                { group: 'CO', reason: '45', amount: 5000 },
                { group: 'PR', reason: '1', amount: 5000 },
                { group: 'PR', reason: '2', amount: 1000 },
              ],
            },
          ],
        },
      ],
    });
    expect(plan.claims[0].outcome).toBe('paid');
    const t = b.totals(1);
    expect(t).toMatchObject({
      charges: 15000,
      insurancePayments: 4000,
      patientResponsibility: 6000,
      balance: 6000,
      insuranceBalance: 0,
      patientBalance: 6000,
    });
    expect(t.adjustments.CO).toBe(5000);
    expect(plan.claims[0].summary).toBe('paid: paid 40.00 of 150.00; adjusted 50.00; patient responsibility 60.00');
  });

  it('copay', () => {
    const b = new Books([claim(1, [['99213', 15000]])]);
    b.post({
      trace: 'T3',
      claims: [
        {
          pcn: 'C1',
          status: '1',
          charge: 15000,
          paid: 6500,
          pr: 2500,
          services: [
            {
              code: '99213',
              charge: 15000,
              paid: 6500,
              lineControl: 'C1-1',
              cas: [
                { group: 'CO', reason: '45', amount: 6000 },
                { group: 'PR', reason: '3', amount: 2500 },
              ],
            },
          ],
        },
      ],
    });
    expect(b.totals(1)).toMatchObject({
      insurancePayments: 6500,
      patientBalance: 2500,
      insuranceBalance: 0,
      balance: 2500,
    });
  });

  it('a denied claim stays owed by the payer and goes to the denial worklist', () => {
    const b = new Books([claim(1, [['99213', 15000]])]);
    const plan = b.post({
      trace: 'T4',
      claims: [
        {
          pcn: 'C1',
          status: '4',
          charge: 15000,
          paid: 0,
          services: [
            {
              code: '99213',
              charge: 15000,
              paid: 0,
              lineControl: 'C1-1',
              cas: [{ group: 'CO', reason: '197', amount: 15000 }],
              remarks: ['M62'],
            },
          ],
        },
      ],
    });
    expect(plan.claims[0]).toMatchObject({ outcome: 'denied', openCents: 15000, payerBalanceCents: 15000 });
    expect(plan.denials).toEqual([
      {
        claimId: 1,
        serviceLineId: 11,
        clpIndex: 0,
        group: 'CO',
        reason: '197',
        cause: 'authorization',
        amountCents: 15000,
        remarks: ['M62'],
        payerId: ACME,
      },
    ]);
    expect(b.totals(1)).toMatchObject({
      charges: 15000,
      insurancePayments: 0,
      balance: 15000,
      insuranceBalance: 15000,
    });
    expect(plan.postings).toEqual([]);
  });

  it('a line denial: paid with line denials, the denied line open', () => {
    const b = new Books([
      claim(1, [
        ['99213', 15000],
        ['93000', 4000],
      ]),
    ]);
    const plan = b.post({
      trace: 'T5',
      claims: [
        {
          pcn: 'C1',
          status: '1',
          charge: 19000,
          paid: 9000,
          services: [
            {
              code: '99213',
              charge: 15000,
              paid: 9000,
              lineControl: 'C1-1',
              cas: [{ group: 'CO', reason: '45', amount: 6000 }],
            },
            {
              code: '93000',
              charge: 4000,
              paid: 0,
              lineControl: 'C1-2',
              cas: [{ group: 'CO', reason: '50', amount: 4000 }],
            },
          ],
        },
      ],
    });
    expect(plan.claims[0]).toMatchObject({ outcome: 'paid_with_line_denials', openCents: 4000 });
    expect(plan.denials.map((d) => [d.serviceLineId, d.cause, d.amountCents])).toEqual([
      [12, 'medical_necessity', 4000],
    ]);
    expect(b.totals(1)).toMatchObject({ insurancePayments: 9000, balance: 4000, insuranceBalance: 4000 });
    expect(plan.underpayments).toEqual([
      {
        claimId: 1,
        serviceLineId: 11,
        clpIndex: 0,
        payerId: ACME,
        expectedAllowedCents: 10000,
        allowedCents: 9000,
        differenceCents: 1000,
      },
    ]);
  });

  const first: EraSpec = {
    trace: 'R1',
    claims: [
      {
        pcn: 'C1',
        status: '1',
        charge: 15000,
        paid: 8000,
        icn: 'ICN9',
        services: [
          {
            code: '99213',
            charge: 15000,
            paid: 8000,
            lineControl: 'C1-1',
            cas: [{ group: 'CO', reason: '45', amount: 7000 }],
          },
        ],
      },
    ],
  };
  const reversal = {
    pcn: 'C1',
    status: '22',
    charge: -15000,
    paid: -8000,
    icn: 'ICN9',
    services: [
      {
        code: '99213',
        charge: -15000,
        paid: -8000,
        lineControl: 'C1-1',
        cas: [{ group: 'CO', reason: '45', amount: -7000 }],
      },
    ],
  };
  const corrected = {
    pcn: 'C1',
    status: '1',
    charge: 15000,
    paid: 10000,
    icn: 'ICN10',
    services: [
      {
        code: '99213',
        charge: 15000,
        paid: 10000,
        lineControl: 'C1-1',
        cas: [{ group: 'CO', reason: '45', amount: 5000 }],
      },
    ],
  };

  it('reversal and correction in one file', () => {
    const b = new Books([claim(1, [['99213', 15000]])]);
    b.post(first);
    const plan = b.post({ trace: 'R2', claims: [reversal, corrected] });
    expect(plan.claims.map((c) => c.outcome)).toEqual(['reversed', 'paid']);
    expect(plan.postings.map((p) => p.kind)).toEqual(['claim_reversal', 'claim_payment']);
    const t = b.totals(1);
    expect(t).toMatchObject({ charges: 15000, insurancePayments: 10000, balance: 0 });
    expect(t.adjustments.CO).toBe(5000);
    expect(b.account('cash')).toBe(8000 + 2000);
  });

  it('a reversal of a payment never posted is not posted: held as unapplied on the unmatched worklist, saying why', () => {
    const b = new Books([claim(1, [['99213', 15000]])]);
    const plan = b.post({ trace: 'R2', claims: [reversal], plb: [{ reason: 'FB', reference: 'ICN9', amount: -8000 }] });
    expect(plan.claims.map((c) => [c.outcome, c.claimId, c.postingIndex])).toEqual([['unmatched', null, 0]]);
    expect(plan.postings.map((p) => p.kind)).toEqual(['claim_payment', 'remittance_settlement']);
    expect(plan.unmatched).toEqual([
      {
        kind: 'claim',
        heldAs: 'claim',
        clpIndex: 0,
        amountCents: -8000,
        description: 'CLP01 C1, CLP07 ICN9: reverses a payment of $80.00 that was never posted for claim C1',
      },
    ]);
    // the claim's line is untouched: the payer still owes the whole charge; the -80.00 waits as unapplied
    expect(b.totals(1)).toMatchObject({
      charges: 15000,
      insurancePayments: 0,
      balance: 15000,
      insuranceBalance: 15000,
    });
    expect(b.totals(1).adjustments.CO).toBe(0);
    expect(b.account('unapplied')).toBe(8000);
  });

  it('a reversal taking back more than was posted is not posted (per CAS group/reason), the posted one nets to zero', () => {
    const b = new Books([claim(1, [['99213', 15000]])]);
    b.post(first);
    const tooMuch = {
      ...reversal,
      paid: -8000,
      services: [
        {
          ...reversal.services[0]!,
          cas: [
            { group: 'CO', reason: '45', amount: -5000 },
            { group: 'CO', reason: '253', amount: -2000 },
          ],
        },
      ],
    };
    const held = b.post({ trace: 'R2', claims: [tooMuch], plb: [{ reason: 'FB', reference: 'ICN9', amount: -8000 }] });
    expect(held.claims[0]!.outcome).toBe('unmatched');
    expect(held.unmatched[0]!.description).toBe(
      'CLP01 C1, CLP07 ICN9: reverses adjustment CO:253 of $20.00 that was never posted for claim C1',
    );
    expect(b.totals(1)).toMatchObject({ insurancePayments: 8000, balance: 0 });
    // the payer's own reversal of what it posted: posted, the claim back to what was billed
    const back = b.post({ trace: 'R3', claims: [reversal], plb: [{ reason: 'FB', reference: 'ICN9', amount: -8000 }] });
    expect(back.claims[0]!.outcome).toBe('reversed');
    expect(b.totals(1)).toMatchObject({
      charges: 15000,
      insurancePayments: 0,
      balance: 15000,
      insuranceBalance: 15000,
    });
    expect(b.totals(1).adjustments.CO).toBe(0);
    // the same reversal again: nothing left to take back
    const twice = b.post({
      trace: 'R4',
      claims: [reversal],
      plb: [{ reason: 'FB', reference: 'ICN9', amount: -8000 }],
    });
    expect(twice.claims[0]!.outcome).toBe('unmatched');
    expect(twice.unmatched[0]!.description).toBe(
      'CLP01 C1, CLP07 ICN9: reverses a payment of $80.00 that was never posted for claim C1',
    );
    expect(b.totals(1)).toMatchObject({ insurancePayments: 0, balance: 15000 });
  });

  it('reversal and correction across files, the negative balance forwarded and recovered (PLB FB pair)', () => {
    const b = new Books([claim(1, [['99213', 15000]])]);
    b.post(first);
    // file 2: the payer takes 80.00 back and has nothing else to pay: BPR 0 with a forwarding balance
    b.post({ trace: 'R3', claims: [reversal], plb: [{ reason: 'FB', reference: 'ICN9', amount: -8000 }] });
    expect(b.totals(1)).toMatchObject({ insurancePayments: 0, balance: 15000, insuranceBalance: 15000 });
    expect(b.account('provider_balance')).toBe(-8000);
    // file 3: the corrected claim paid, the forwarded 80.00 recovered
    b.post({ trace: 'R4', claims: [corrected], plb: [{ reason: 'FB', reference: 'ICN9', amount: 8000 }] });
    expect(b.totals(1)).toMatchObject({ insurancePayments: 10000, balance: 0 });
    expect(b.account('provider_balance')).toBe(0);
    expect(b.account('cash')).toBe(8000 + 0 + 2000);
  });

  it('PLB recoupment and interest on the provider ledger', () => {
    const b = new Books([claim(1, [['99213', 10000]])]);
    const plan = b.post({
      trace: 'P1',
      claims: [
        {
          pcn: 'C1',
          status: '1',
          charge: 10000,
          paid: 10000,
          services: [{ code: '99213', charge: 10000, paid: 10000, lineControl: 'C1-1' }],
        },
      ],
      plb: [
        { reason: 'WO', reference: 'ICN77', amount: 2000 },
        { reason: 'L6', amount: -500 },
      ],
    });
    expect(plan.cashCents).toBe(8500);
    expect(b.account('provider_balance')).toBe(2000);
    expect(b.account('interest')).toBe(-500);
    expect(b.totals(1).balance).toBe(0);
  });

  it('PLB 72 authorised return and its pair in a later file net out on the provider ledger', () => {
    const b = new Books([claim(1, [['99213', 10000]]), claim(2, [['99213', 8000]])]);
    const first = b.post({
      trace: 'R72A',
      claims: [
        {
          pcn: 'C1',
          status: '1',
          charge: 10000,
          paid: 10000,
          services: [{ code: '99213', charge: 10000, paid: 10000, lineControl: 'C1-1' }],
        },
      ],
      // the payer keeps 30.00 the practice agreed to return
      plb: [{ reason: '72', reference: 'RET9', amount: 3000 }],
    });
    expect(first.cashCents).toBe(7000);
    expect(b.account('provider_balance')).toBe(3000);
    const second = b.post({
      trace: 'R72B',
      claims: [
        {
          pcn: 'C2',
          status: '1',
          charge: 8000,
          paid: 8000,
          services: [{ code: '99213', charge: 8000, paid: 8000, lineControl: 'C2-1' }],
        },
      ],
      // the return settled: the payer pays it back with the next remittance
      plb: [{ reason: '72', reference: 'RET9', amount: -3000 }],
    });
    expect(second.cashCents).toBe(11000);
    expect(b.account('provider_balance')).toBe(0);
    expect(b.account('cash')).toBe(18000);
    expect(b.totals(1).balance).toBe(0);
    expect(b.totals(2).balance).toBe(0);
  });

  it('a CR (correction) adjustment from an older file posts as an adjustment in group CR', () => {
    const b = new Books([claim(1, [['99213', 10000]])]);
    const plan = b.post({
      trace: 'CR1',
      claims: [
        {
          pcn: 'C1',
          status: '1',
          charge: 10000,
          paid: 9000,
          services: [
            {
              code: '99213',
              charge: 10000,
              paid: 9000,
              lineControl: 'C1-1',
              cas: [{ group: 'CR', reason: '45', amount: 1000 }],
            },
          ],
        },
      ],
    });
    expect(plan.claims[0].lines[0].adjustments).toEqual([
      { group: 'CR', reason: '45', amountCents: 1000, posted: 'adjustment' },
    ]);
    const t = b.totals(1);
    expect(t).toMatchObject({ charges: 10000, insurancePayments: 9000, balance: 0 });
    expect(t.adjustments.CR).toBe(1000);
  });

  it('claim interest inside CLP04 (AMT*I) posts as interest, the claim still balances', () => {
    const b = new Books([claim(1, [['99213', 10000]])]);
    const plan = b.post({
      trace: 'I1',
      claims: [
        {
          pcn: 'C1',
          status: '1',
          charge: 10000,
          paid: 10300,
          interest: 300,
          services: [{ code: '99213', charge: 10000, paid: 10000, lineControl: 'C1-1' }],
        },
      ],
    });
    expect(plan.claims[0].interestCents).toBe(300);
    expect(b.account('interest')).toBe(-300);
    expect(b.totals(1)).toMatchObject({ insurancePayments: 10000, balance: 0 });
  });

  it('crossover: the primary forwarded the claim; the patient part moves to the next payer, no claim needed', () => {
    const c = claim(1, [['99213', 15000]]);
    const b = new Books([c], new Map([[1, { party: { kind: 'payer', payerId: SECOND }, claimId: 1 }]]));
    const plan = b.post({
      trace: 'X1',
      claims: [
        {
          pcn: 'C1',
          status: '19',
          charge: 15000,
          paid: 9000,
          pr: 3000,
          crossover: 'MEDIGAP PLAN',
          services: [
            {
              code: '99213',
              charge: 15000,
              paid: 9000,
              lineControl: 'C1-1',
              cas: [
                { group: 'CO', reason: '45', amount: 3000 },
                { group: 'PR', reason: '2', amount: 3000 },
              ],
            },
          ],
        },
      ],
    });
    expect(plan.claims[0].outcome).toBe('forwarded');
    expect(b.totals(1)).toMatchObject({ balance: 3000, patientBalance: 0, byPayer: { [ACME]: 0, [SECOND]: 3000 } });
    // then the secondary pays what it owes, quoting the primary's claim number; its OA 23 is not posted again
    const second = b.post(
      {
        trace: 'X2',
        payerName: 'MEDIGAP',
        claims: [
          {
            pcn: 'C1',
            status: '2',
            charge: 15000,
            paid: 3000,
            services: [
              {
                code: '99213',
                charge: 15000,
                paid: 3000,
                lineControl: 'C1-1',
                cas: [{ group: 'OA', reason: '23', amount: 12000 }],
              },
            ],
          },
        ],
      },
      SECOND,
    );
    expect(second.claims[0].lines[0].adjustments).toEqual([
      { group: 'OA', reason: '23', amountCents: 12000, posted: 'not_posted' },
    ]);
    expect(b.totals(1)).toMatchObject({ balance: 0, insurancePayments: 12000 });
  });

  it('a split service line: two SVCs paying one line', () => {
    const b = new Books([claim(1, [['97110', 20000]])]);
    const plan = b.post({
      trace: 'S1',
      claims: [
        {
          pcn: 'C1',
          status: '1',
          charge: 20000,
          paid: 12000,
          services: [
            {
              code: '97110',
              charge: 10000,
              paid: 6000,
              lineControl: 'C1-1',
              cas: [{ group: 'CO', reason: '45', amount: 4000 }],
            },
            {
              code: '97110',
              charge: 10000,
              paid: 6000,
              lineControl: 'C1-1',
              cas: [{ group: 'CO', reason: '45', amount: 4000 }],
            },
          ],
        },
      ],
    });
    expect(plan.claims[0].lines.map((l) => l.lineId)).toEqual([11, 11]);
    expect(b.totals(1)).toMatchObject({ insurancePayments: 12000, balance: 0 });
  });

  it('a payer that changed the code (SVC06) and dropped our line control number still finds the line', () => {
    const b = new Books([
      claim(1, [
        ['99215', 20000],
        ['36415', 1500],
      ]),
    ]);
    const plan = b.post({
      trace: 'S2',
      claims: [
        {
          pcn: 'C1',
          status: '1',
          charge: 21500,
          paid: 9500,
          services: [
            {
              code: '99214',
              submitted: '99215',
              charge: 20000,
              paid: 9000,
              cas: [{ group: 'CO', reason: '45', amount: 11000 }],
            },
            { code: '36415', charge: 1500, paid: 500, cas: [{ group: 'CO', reason: '45', amount: 1000 }] },
          ],
        },
      ],
    });
    expect(plan.claims[0].lines.map((l) => [l.lineId, l.matchedBy])).toEqual([
      [11, 'procedure_date_charge'],
      [12, 'procedure_date_charge'],
    ]);
  });

  it('an 835 for a claim we do not know: money held as unapplied, listed with no guesswork posted', () => {
    const b = new Books([claim(1, [['99213', 10000]])]);
    const plan = b.post({ trace: 'U1', claims: [{ pcn: 'ZZZ9', status: '1', charge: 5000, paid: 5000 }] });
    expect(plan.claims[0]).toMatchObject({ outcome: 'unmatched', claimId: null });
    expect(plan.unmatched).toMatchObject([{ kind: 'claim', amountCents: 5000 }]);
    expect(b.account('unapplied')).toBe(-5000);
    expect(b.account('cash')).toBe(5000);
  });

  it('a claim paid without service lines is spread over our lines by charge, exactly', () => {
    const b = new Books([
      claim(1, [
        ['99213', 10000],
        ['36415', 2000],
        ['81002', 1000],
      ]),
    ]);
    b.post({
      trace: 'N1',
      claims: [
        {
          pcn: 'C1',
          status: '1',
          charge: 13000,
          paid: 10001,
          pr: 999,
          cas: [
            { group: 'CO', reason: '45', amount: 2000 },
            { group: 'PR', reason: '2', amount: 999 },
          ],
        },
      ],
    });
    const t = b.totals(1);
    expect(t).toMatchObject({ insurancePayments: 10001, patientBalance: 999, insuranceBalance: 0, balance: 999 });
    expect(t.adjustments.CO).toBe(2000);
  });

  it("a secondary that reports the primary's contractual as CO 45: only what it owed is adjusted, the rest shown as the prior payer's", () => {
    const primary = claim(1, [['99213', 15000]]);
    const secondary = {
      ...claim(1, [['99213', 15000]]),
      claimId: 2,
      claimNumber: 'C2',
      payerId: SECOND,
      coverageOrder: 2,
    };
    const b = new Books(
      [primary, secondary],
      new Map([[1, { party: { kind: 'payer', payerId: SECOND }, claimId: 2 }]]),
    );
    b.post({
      trace: 'P2A',
      claims: [
        {
          pcn: 'C1',
          status: '1',
          charge: 15000,
          paid: 7200,
          pr: 1800,
          services: [
            {
              code: '99213',
              charge: 15000,
              paid: 7200,
              lineControl: 'C1-1',
              cas: [
                { group: 'CO', reason: '45', amount: 6000 },
                { group: 'PR', reason: '2', amount: 1800 },
              ],
            },
          ],
        },
      ],
    });
    const plan = b.post(
      {
        trace: 'P2B',
        claims: [
          {
            pcn: 'C2',
            status: '2',
            charge: 15000,
            paid: 1000,
            pr: 500,
            services: [
              {
                code: '99213',
                charge: 15000,
                paid: 1000,
                lineControl: 'C2-1',
                cas: [
                  { group: 'OA', reason: '23', amount: 7200 },
                  { group: 'CO', reason: '45', amount: 6300 },
                  { group: 'PR', reason: '2', amount: 500 },
                ],
              },
            ],
          },
        ],
      },
      SECOND,
    );
    expect(plan.claims[0].lines[0].adjustments).toEqual([
      { group: 'PR', reason: '2', amountCents: 500, posted: 'transfer' },
      { group: 'OA', reason: '23', amountCents: 7200, posted: 'not_posted' },
      { group: 'CO', reason: '45', amountCents: 300, posted: 'adjustment' },
      { group: 'CO', reason: '45', amountCents: 6000, posted: 'not_posted' },
    ]);
    const t = totalsOf(b.entries);
    expect(t).toMatchObject({
      charges: 15000,
      insurancePayments: 8200,
      byPayer: { [ACME]: 0, [SECOND]: 0 },
      patientBalance: 500,
      balance: 500,
    });
    expect(t.adjustments.CO).toBe(6300);
  });
});
