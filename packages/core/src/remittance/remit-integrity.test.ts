/** Issue 8 item 5 / SECURITY.md D2: files that must be held, each with its reason and failing equation. */
import { parseX12File } from '@medbill/x12';
import type { Remittance835 } from '@medbill/x12/835';
import { describe, expect, it } from 'vitest';
import { eraText, type EraSpec } from './era-text.test-util.ts';
import { holdReasons } from './remit-integrity.ts';

const ok: EraSpec = {
  trace: 'H1',
  claims: [
    {
      pcn: 'C1',
      status: '1',
      charge: 10000,
      paid: 8000,
      services: [{ code: '99213', charge: 10000, paid: 8000, cas: [{ group: 'CO', reason: '45', amount: 2000 }] }],
    },
  ],
};

function reasons(text: string) {
  const parsed = parseX12File(text, { file: 'era.835' });
  const remits = parsed.transactions.filter((t) => t.st01 === '835').map((t) => t.value as Remittance835);
  return holdReasons(parsed.issues, remits);
}

describe('835 integrity', () => {
  it('a balanced file has no reason to be held', () => {
    expect(reasons(eraText(ok))).toEqual([]);
  });

  it('an unbalanced BPR is held with the equation and the difference', () => {
    expect(reasons(eraText({ ...ok, total: 9000 }))).toEqual([
      {
        code: 'remittance_unbalanced',
        message: 'the payment (BPR02) is not the claims paid less the provider-level adjustments',
        equation: 'BPR02 90.00 ≠ ΣCLP04 80.00 − ΣPLB 0.00 = 80.00 (difference 10.00)',
      },
    ]);
  });

  it('a claim or a line that does not balance is held, naming the segment', () => {
    const text = eraText({
      ...ok,
      claims: [{ ...ok.claims[0], paid: 7000, services: [{ ...ok.claims[0].services![0], paid: 7500 }] }],
    });
    const r = reasons(text);
    expect(r.map((x) => x.code)).toEqual(['line_unbalanced', 'claim_unbalanced']);
    expect(r[0]).toMatchObject({
      equation: 'SVC02 100.00 − ΣCAS 20.00 = 80.00 ≠ SVC03 75.00 (difference 5.00)',
      where: expect.stringMatching(/^segment \d+ \(SVC\), line \d+, element 3$/),
    });
    expect(r[1].equation).toBe('CLP03 100.00 − ΣCAS 20.00 (claim and lines) = 80.00 ≠ CLP04 70.00 (difference 10.00)');
  });

  it('an amount that overflows is held (never read as 0.00)', () => {
    const text = eraText(ok).replace('CLP*C1*1*100*80', 'CLP*C1*1*100*99999999999999999999');
    const r = reasons(text);
    expect(r[0]).toMatchObject({ code: 'amount_invalid', message: expect.stringContaining('CLP04') });
    expect(
      reasons(eraText({ ...ok, total: 1e15, claims: [{ ...ok.claims[0], paid: 1e15 }] })).map((x) => x.code),
    ).toContain('amount_too_large');
  });

  it('negative payments outside a reversal are held; a reversal with positive figures too', () => {
    const neg = reasons(
      eraText({
        ...ok,
        claims: [
          { pcn: 'C1', status: '1', charge: 10000, paid: -500, cas: [{ group: 'CO', reason: '45', amount: 10500 }] },
        ],
      }),
    );
    expect(neg.map((x) => x.code)).toContain('negative_amount');
    expect(neg.map((x) => x.message)).toContain(
      'claim C1: CLP04 -5.00 is negative but the claim is not a reversal (CLP02 1)',
    );
    const rev = reasons(
      eraText({
        ...ok,
        claims: [
          { pcn: 'C1', status: '22', charge: 10000, paid: 8000, cas: [{ group: 'CO', reason: '45', amount: 2000 }] },
        ],
      }),
    );
    expect(rev.filter((x) => x.code === 'negative_amount')).toHaveLength(2);
  });

  it('wrong SE, GE or IEA counts are held', () => {
    expect(reasons(eraText({ ...ok, wrongSeCount: true }))).toMatchObject([
      { code: 'envelope', message: expect.stringMatching(/^SE01 says/) },
    ]);
    const badGe = eraText(ok).replace(/GE\*1\*/, 'GE*2*');
    expect(reasons(badGe)).toMatchObject([{ code: 'envelope', message: expect.stringMatching(/^GE01 says "2"/) }]);
    const badIea = eraText(ok).replace(/IEA\*1\*/, 'IEA*3*');
    expect(reasons(badIea)[0].code).toBe('envelope');
  });

  it('a file without a trace number, or a debit, is held', () => {
    expect(reasons(eraText(ok).replace(/TRN\*1\*H1\*1000000000~\n/, '')).map((x) => x.message)).toContain(
      'transaction 0001 has no TRN trace number: it cannot be recognised if it is sent again',
    );
    expect(reasons(eraText({ ...ok, creditDebit: 'D' })).map((x) => x.code)).toContain('unsupported');
  });
});
