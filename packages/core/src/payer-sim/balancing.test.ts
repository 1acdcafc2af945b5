import { testData } from '../../../../test-data.ts';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ClaimLine } from '@medbill/x12/837';
import { adjudicate } from './adjudicate.ts';
import { emptyAccumulators } from './accumulators.ts';
import { REJECTIONS } from './claim-edits.ts';
import { read835 } from '@medbill/x12/835';
import { build835 } from '@medbill/x12';
import { claim, claimFile, context, line, plainContract } from './fixtures.test-util.ts';
import { remittanceFrom, type AdjudicatedClaim } from './remittance-from-results.ts';
import { seededRng } from './rng.ts';

const CODES = [
  '99213',
  '99214',
  '87880',
  '36415',
  '93000',
  '93010',
  '97110',
  '97810',
  '72148',
  '20610',
  '12345',
  'J1100',
];
const DX = ['J069', 'M545', 'E119', 'S8290XA', 'J06.9', 'XYZ'];

const lineArb: fc.Arbitrary<ClaimLine> = fc
  .record({
    code: fc.constantFrom(...CODES),
    modifier: fc.constantFrom(undefined, '25', '50', '59'),
    charge: fc.integer({ min: 0, max: 500_000 }),
    quantity: fc.constantFrom(1, 1, 2, 3, 0.5, 1.5),
    day: fc.integer({ min: 1, max: 14 }),
    pointer: fc.integer({ min: 1, max: 3 }),
  })
  .map((l) => ({
    procedure: { qualifier: 'HC', code: l.code, ...(l.modifier ? { modifiers: [l.modifier] } : {}) },
    charge: l.charge,
    unit: 'UN',
    quantity: l.quantity,
    diagnosisPointers: [l.pointer],
    dates: [{ qualifier: '472', value: `202601${String(l.day).padStart(2, '0')}` }],
  }));

const caseArb = fc.record({
  lines: fc.array(lineArb, { minLength: 1, maxLength: 6 }),
  dx: fc.array(fc.constantFrom(...DX), { minLength: 1, maxLength: 3 }),
  member: fc.constantFrom('W1', 'W2', 'W3'),
  auth: fc.boolean(),
  deductibleCents: fc.integer({ min: 0, max: 300_000 }),
  coinsurancePercent: fc.constantFrom(0, 10, 12.5, 20, 33, 50),
  copayCents: fc.integer({ min: 0, max: 10_000 }),
  denialRate: fc.constantFrom(0, 0.1, 0.5),
  partialPaymentRate: fc.constantFrom(0, 0.2, 1),
  id: fc.integer({ min: 1, max: 400 }),
});

const carcCsv = testData('codes/carc.csv');
const rarcCsv = testData('codes/rarc.csv');

function csvCodes(text: string): Set<string> {
  return new Set(
    text
      .split('\n')
      .slice(1)
      .map((row) => row.split(',')[0])
      .filter(Boolean),
  );
}

describe('adjudicate: balancing', () => {
  const carcs = new Set<string>();
  const rarcs = new Set<string>();

  const adjudicated: AdjudicatedClaim[] = [];

  it('balances every line (charge − ΣCAS = paid) and every claim over 1,000 random claims', () => {
    let acc = emptyAccumulators();
    const rng = seededRng('balancing');
    fc.assert(
      fc.property(caseArb, (k) => {
        const contract = plainContract({
          deductibleCents: k.deductibleCents,
          coinsurancePercent: k.coinsurancePercent,
          copays: [{ label: 'E/M', codes: ['99202-99215'], copayCents: k.copayCents }],
          realism: { denialRate: k.denialRate, partialPaymentRate: k.partialPaymentRate },
        });
        const c = claim(`P${k.id}`, k.lines, {
          healthInfo: k.dx.map((code, i) => ({ qualifier: i === 0 ? 'ABK' : 'ABF', code })),
          ...(k.auth ? { priorAuthorization: 'PA1' } : {}),
        });
        const out = adjudicate(context(c, k.member), contract, acc, rng, { today: '20260120' });
        acc = out.accumulators;
        const r = out.result;
        adjudicated.push({ ctx: context(c, k.member), result: r, icn: `ICN${adjudicated.length}` });
        let adjTotal = 0;
        for (const l of r.lines) {
          const adj = l.adjustments.reduce((t, a) => t + a.amountCents, 0);
          expect(l.chargeCents - adj).toBe(l.paidCents);
          expect(l.paidCents).toBeGreaterThanOrEqual(0);
          expect(l.allowedCents).toBeLessThanOrEqual(l.chargeCents);
          for (const a of l.adjustments) {
            expect(Number.isInteger(a.amountCents) && a.amountCents > 0).toBe(true);
            carcs.add(a.reason);
          }
          l.remarks.forEach((x) => {
            rarcs.add(x);
          });
          adjTotal += adj;
        }
        r.claimRemarks.forEach((x) => {
          rarcs.add(x);
        });
        expect(r.chargeCents - adjTotal).toBe(r.paidCents);
        expect(r.chargeCents).toBe(c.totalCharge);
        expect(r.patientResponsibilityCents).toBe(
          r.lines
            .flatMap((l) => l.adjustments)
            .filter((a) => a.group === 'PR')
            .reduce((t, a) => t + a.amountCents, 0),
        );
        for (const v of Object.values(acc.deductibleCents)) expect(v).toBeLessThanOrEqual(300_000);
      }),
      { numRuns: 1000, seed: 4242 },
    );
    expect(carcs.size).toBeGreaterThan(8);
  });

  it('writes the 1,000 claims into one 835 that the reader finds balanced (line, claim and payment)', () => {
    const file = claimFile([{ claim: claim('X', [line('99213', 100)]) }]);
    const remit = remittanceFrom({
      contract: plainContract(),
      payee: file.billingProviders[0],
      claims: adjudicated,
      controlNumber: '0001',
      trace: '1',
      date: '20260120',
    });
    const { issues } = read835(build835(remit));
    expect(adjudicated.length).toBe(1000);
    expect(issues).toEqual([]);
  });

  it.skipIf(!carcCsv.present || !rarcCsv.present)(
    carcCsv.title('uses only real CARC and RARC codes (checked against the code lists)'),
    () => {
      const carcList = csvCodes(carcCsv.text());
      const rarcList = csvCodes(rarcCsv.text());
      const used = {
        carc: [...carcs, '1', '2', '3', '11', '16', '18', '26', '27', '29', '31', '45', '50', '59', '96', '97', '197'],
        rarc: [...rarcs, 'N130', 'M62', 'M15', 'M76', 'MA63', 'MA130', 'N30', 'N382'],
      };
      expect(used.carc.filter((c) => !carcList.has(c))).toEqual([]);
      expect(used.rarc.filter((c) => !rarcList.has(c))).toEqual([]);
      expect(Object.values(REJECTIONS).every((r) => /^A[378]$/.test(r.category))).toBe(true);
    },
  );
});
