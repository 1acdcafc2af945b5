import { describe, expect, it } from 'vitest';
import {
  adjustmentEntries,
  allocateCents,
  assertPosting,
  BalanceBook,
  chargePosting,
  checkPosting,
  formatDollars,
  identityGap,
  insurancePaymentEntries,
  patientPaymentPosting,
  providerAdjustmentEntries,
  reversalPosting,
  sumCents,
  totalsOf,
  transferEntries,
  type LineRef,
  type PostingInput,
} from './index.ts';

const line: LineRef = { serviceLineId: 11, claimId: 5, patientId: 7, practiceId: 1 };
const acme = { kind: 'payer', payerId: 3 } as const;

describe('money', () => {
  it('allocates exactly, largest remainder first', () => {
    expect(allocateCents(100, [1, 1, 1])).toEqual([34, 33, 33]);
    expect(allocateCents(-100, [1, 1, 1])).toEqual([-34, -33, -33]);
    expect(allocateCents(1001, [15000, 5000])).toEqual([751, 250]);
    expect(allocateCents(7, [0, 0])).toEqual([4, 3]);
    expect(sumCents(allocateCents(9_007_199_254_740_991, [3, 7, 11]))).toBe(9_007_199_254_740_991);
  });
  it('refuses floats and overflow', () => {
    expect(() => sumCents([0.1, 0.2])).toThrow(/whole number of cents/);
    expect(() => sumCents([Number.MAX_SAFE_INTEGER, 1])).toThrow(/overflows/);
    expect(formatDollars(123456789)).toBe('$1,234,567.89');
    expect(formatDollars(-5)).toBe('-$0.05');
  });
});

describe('postings', () => {
  it('a paid claim: charge 150.00, paid 96.00, CO 45 24.00, PR 2 30.00 → balance 30.00, all with the patient', () => {
    const postings: PostingInput[] = [
      chargePosting(line, acme, 15000, '2026-11-02', 'billed'),
      {
        kind: 'claim_payment',
        effectiveDate: '2026-11-20',
        memo: '835',
        entries: [
          ...insurancePaymentEntries(line, 3, 9600),
          ...adjustmentEntries(line, acme, 'CO', '45', 2400),
          ...transferEntries(line, acme, { kind: 'patient' }, 3000, { group: 'PR', reason: '2' }),
        ],
      },
    ];
    for (const p of postings) expect(checkPosting(p)).toEqual([]);
    const t = totalsOf(postings.flatMap((p) => p.entries));
    expect(t).toMatchObject({
      charges: 15000,
      insurancePayments: 9600,
      patientResponsibility: 3000,
      balance: 3000,
      insuranceBalance: 0,
      patientBalance: 3000,
      byPayer: { 3: 0 },
    });
    expect(t.adjustments.CO).toBe(2400);
    expect(identityGap(t)).toBe(0);
  });

  it('refuses an unbalanced posting, floats, zero entries and ar without a line', () => {
    const bad: PostingInput = {
      kind: 'claim_payment',
      effectiveDate: '2026-11-20',
      memo: 'x',
      entries: [
        { account: 'ar', kind: 'insurance_payment', amount: -100, line, party: acme },
        { account: 'cash', kind: 'insurance_payment', amount: 99 },
        { account: 'cash', kind: 'insurance_payment', amount: 0.5 },
        { account: 'ar', kind: 'charge', amount: 0 },
      ],
    };
    const codes = checkPosting(bad).map((p) => p.code);
    expect(codes).toEqual(
      expect.arrayContaining(['unbalanced', 'not_cents', 'zero_entry', 'ar_without_line', 'bad_party']),
    );
    expect(() => assertPosting(bad)).toThrow(/posting refused/);
  });

  it('a reversal nets every account to zero and names what it reverses', () => {
    const p = chargePosting(line, acme, 15000, '2026-11-02', 'billed');
    const stored = { ...p, id: 9, entries: p.entries.map((e, i) => ({ ...e, id: i + 1, postingId: 9 })) };
    const r = reversalPosting(stored, '2026-11-03', 'entered in error');
    expect(r.reversesPostingId).toBe(9);
    expect(totalsOf([...p.entries, ...r.entries]).balance).toBe(0);
    expect(() => reversalPosting({ ...stored, kind: 'reversal' }, '2026-11-03', 'x')).toThrow();
  });

  it('patient payment beyond the balance stays as a credit on account', () => {
    const p = patientPaymentPosting({
      patientId: 7,
      effectiveDate: '2026-12-01',
      method: 'card',
      reference: '4242',
      allocations: [{ line, amount: 3000 }],
      onAccount: 500,
    });
    expect(checkPosting(p)).toEqual([]);
    expect(p.entries.filter((e) => e.account === 'unapplied').map((e) => e.amount)).toEqual([-500]);
    expect(sumCents(p.entries.filter((e) => e.account === 'cash').map((e) => e.amount))).toBe(3500);
  });

  it('PLB interest goes to interest, a recoupment to the provider balance', () => {
    expect(providerAdjustmentEntries(3, 'L6', -1030).map((e) => [e.account, e.amount])).toEqual([
      ['interest', -1030],
      ['cash', 1030],
    ]);
    expect(providerAdjustmentEntries(3, 'WO', 2000, 'ICN1').map((e) => [e.account, e.amount])).toEqual([
      ['provider_balance', 2000],
      ['cash', -2000],
    ]);
  });

  it('the balance book follows postings per line and party', () => {
    const book = new BalanceBook();
    book.apply(chargePosting(line, acme, 15000, '2026-11-02', 'x').entries);
    book.apply(transferEntries(line, acme, { kind: 'patient' }, 2000));
    expect(book.balance(11, acme)).toBe(13000);
    expect(book.balance(11)).toBe(15000);
    expect(book.owing(11)).toEqual([
      { party: acme, amount: 13000 },
      { party: { kind: 'patient' }, amount: 2000 },
    ]);
  });
});
