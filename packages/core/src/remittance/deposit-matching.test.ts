import { describe, expect, it } from 'vitest';
import { matchDeposits, traceKey } from './deposit-matching.ts';

describe('deposit matching', () => {
  it('compares traces without case, spaces, dashes or leading zeros', () => {
    expect(traceKey('0001234-a')).toBe('1234A');
    expect(traceKey(' 12 34A ')).toBe('1234A');
    expect(traceKey('000')).toBe('0');
  });

  it('matches a deposit to the remittances of its trace and reports the difference', () => {
    const m = matchDeposits(
      [
        { id: 1, traceKey: '555', payerId: 7, amountCents: 10_000 },
        { id: 2, traceKey: '999', payerId: null, amountCents: 500 },
      ],
      [
        { id: 10, traceNumber: '000555', payerId: 7, paymentCents: 6_000 },
        { id: 11, traceNumber: '555', payerId: null, paymentCents: 3_000 },
        { id: 12, traceNumber: '555', payerId: 8, paymentCents: 1_000 },
        { id: 13, traceNumber: '777', payerId: 7, paymentCents: 1 },
      ],
    );
    expect(m).toEqual([{ depositId: 1, remittanceIds: [10, 11], remittedCents: 9_000, differenceCents: 1_000 }]);
  });

  it('a deposit naming a payer chooses before one that names none, and no remittance is matched twice', () => {
    const m = matchDeposits(
      [
        { id: 1, traceKey: '42', payerId: null, amountCents: 100 },
        { id: 2, traceKey: '42', payerId: 5, amountCents: 200 },
      ],
      [
        { id: 20, traceNumber: '42', payerId: 5, paymentCents: 200 },
        { id: 21, traceNumber: '42', payerId: 6, paymentCents: 100 },
      ],
    );
    expect(m).toEqual([
      { depositId: 1, remittanceIds: [21], remittedCents: 100, differenceCents: 0 },
      { depositId: 2, remittanceIds: [20], remittedCents: 200, differenceCents: 0 },
    ]);
  });
});
