import { describe, expect, it } from 'vitest';
import { adjudicate } from './adjudicate.ts';
import { emptyAccumulators, type Accumulators } from './accumulators.ts';
import type { PayerContract } from './contract.ts';
import { claim, context, line, plainContract } from './fixtures.test-util.ts';
import { seededRng } from './rng.ts';
import type { ReceivedClaim } from './types.ts';

const TODAY = '20260115';

function run(ctx: ReceivedClaim, contract: PayerContract = plainContract(), acc: Accumulators = emptyAccumulators()) {
  return adjudicate(ctx, contract, acc, seededRng(1), { today: TODAY, icn: `ICN-${ctx.claim.id}` });
}

/** [group, reason] of each line's first adjustment and the line's remarks. */
function why(ctx: ReceivedClaim, contract?: PayerContract, acc?: Accumulators) {
  return run(ctx, contract, acc).result.lines.map((l) =>
    [l.adjustments[0]?.group, l.adjustments[0]?.reason, ...l.remarks].join(' '),
  );
}

describe('adjudicate: pricing', () => {
  it('allows the contract fee, writes off the rest (CO 45) and takes the visit copay (PR 3)', () => {
    const { result } = run(context(claim('C1', [line('99213', 15000)])));
    expect(result.lines[0].adjustments).toEqual([
      { group: 'CO', reason: '45', amountCents: 5500 },
      { group: 'PR', reason: '3', amountCents: 2500 },
    ]);
    expect(result).toMatchObject({
      status: 'paid',
      claimStatusCode: '1',
      chargeCents: 15000,
      allowedCents: 9500,
      paidCents: 7000,
      patientResponsibilityCents: 2500,
    });
  });

  it('takes the copay once per claim and prices unlisted codes at a share of the charge', () => {
    const { result } = run(context(claim('C2', [line('99213', 15000), line('99214', 20000), line('12345', 1000)])));
    expect(
      result.lines.map((l) =>
        l.adjustments
          .filter((a) => a.group === 'PR')
          .map((a) => a.reason)
          .join(),
      ),
    ).toEqual(['3', '1', '1']);
    expect(result.lines[2].allowedCents).toBe(600);
  });

  it('accumulates the deductible across two claims of one member, then applies coinsurance', () => {
    const contract = plainContract({ deductibleCents: 2000 });
    const first = run(context(claim('D1', [line('87880', 5000)])), contract);
    expect(first.result.lines[0].adjustments).toEqual([
      { group: 'CO', reason: '45', amountCents: 3350 },
      { group: 'PR', reason: '1', amountCents: 1650 },
    ]);
    expect(first.result.paidCents).toBe(0);
    expect(first.result.claimStatusCode).toBe('1');
    const second = run(context(claim('D2', [line('87880', 5000, '20260111')])), contract, first.accumulators);
    expect(second.result.lines[0].adjustments).toEqual([
      { group: 'CO', reason: '45', amountCents: 3350 },
      { group: 'PR', reason: '1', amountCents: 350 },
      { group: 'PR', reason: '2', amountCents: 260 },
    ]);
    expect(second.result.paidCents).toBe(1040);
    const other = run(
      context(claim('D3', [line('87880', 5000, '20260111')]), 'W999999999'),
      contract,
      second.accumulators,
    );
    expect(other.result.lines[0].adjustments[1]).toEqual({ group: 'PR', reason: '1', amountCents: 1650 });
  });
});

describe('adjudicate: each denial fires on the claim that triggers it and not on the one that does not', () => {
  it('non-covered code: CO 96 + N130', () => {
    expect(why(context(claim('N1', [line('97810', 8000)])))).toEqual(['CO 96 N130']);
    expect(why(context(claim('N2', [line('99214', 20000)])))).toEqual(['CO 45']);
  });

  it('prior authorization missing: CO 197 + M62', () => {
    expect(why(context(claim('A1', [line('72148', 90000)])))).toEqual(['CO 197 M62']);
    expect(why(context(claim('A2', [line('72148', 90000)], { priorAuthorization: 'PA998877' })))).toEqual(['CO 45']);
  });

  it('bundled service on the same date: CO 97 + M15', () => {
    expect(why(context(claim('B1', [line('99213', 15000), line('36415', 2500)])))).toEqual(['CO 45', 'CO 97 M15']);
    expect(why(context(claim('B2', [line('99213', 15000), line('36415', 2500, '20260111')])))).toEqual([
      'CO 45',
      'CO 45',
    ]);
    expect(why(context(claim('B3', [line('36415', 2500)])))).toEqual(['CO 45']);
  });

  it('timely filing limit passed: CO 29 on every line', () => {
    expect(why(context(claim('T1', [line('99213', 15000, '20251001'), line('87880', 5000, '20251001')])))).toEqual([
      'CO 29',
      'CO 29',
    ]);
    expect(why(context(claim('T2', [line('99213', 15000, '20251017')])))).toEqual(['CO 45']);
  });

  it('coverage terminated: CO 27; not yet covered: CO 26; unknown member: CO 31', () => {
    const roster = (coverageStart: string, coverageEnd?: string) =>
      plainContract({ members: [{ memberId: 'W123456789', coverageStart, ...(coverageEnd ? { coverageEnd } : {}) }] });
    expect(why(context(claim('E1', [line('99213', 15000)])), roster('20200101', '20251231'))).toEqual(['CO 27 N30']);
    expect(why(context(claim('E2', [line('99213', 15000)])), roster('20260111'))).toEqual(['CO 26 N30']);
    expect(why(context(claim('E3', [line('99213', 15000)])), roster('20200101'))).toEqual(['CO 45']);
    expect(why(context(claim('E4', [line('99213', 15000)]), 'Z000000001'), roster('20200101'))).toEqual(['CO 31 N382']);
  });

  it('duplicate: same CLM01 or same member, date and code already adjudicated: OA 18', () => {
    const first = run(context(claim('R1', [line('99213', 15000)])));
    expect(why(context(claim('R1', [line('99213', 15000)])), undefined, first.accumulators)).toEqual(['OA 18']);
    expect(
      why(context(claim('R2', [line('99213', 15000), line('87880', 5000)])), undefined, first.accumulators),
    ).toEqual(['OA 18', 'CO 45']);
    expect(
      why(
        context(claim('R1', [line('99213', 15000)], { frequency: '7', originalReference: 'ICN-R1' })),
        undefined,
        first.accumulators,
      ),
    ).toEqual(['CO 45']);
    expect(why(context(claim('R3', [line('99213', 15000, '20260111')])), undefined, first.accumulators)).toEqual([
      'CO 45',
    ]);
  });

  it('invalid diagnosis: CO 16 + MA63 (principal), CO 16 + M76 (pointer), CO 11 + M76 (does not support the procedure)', () => {
    expect(
      why(context(claim('X1', [line('99213', 15000)], { healthInfo: [{ qualifier: 'ABK', code: 'J06.9' }] }))),
    ).toEqual(['CO 16 MA63 MA130']);
    expect(why(context(claim('X2', [line('99213', 15000, '20260110', { diagnosisPointers: [3] })])))).toEqual([
      'CO 16 M76',
    ]);
    expect(why(context(claim('X3', [line('97110', 6000)])))).toEqual(['CO 11 M76']);
    expect(why(context(claim('X4', [line('97110', 6000, '20260110', { diagnosisPointers: [2] })])))).toEqual(['CO 45']);
  });

  it('random realism: a whole-line denial (CO 50) and a multiple-procedure reduction (CO 59) when the rates say so', () => {
    const always = plainContract({ realism: { denialRate: 1, partialPaymentRate: 0 } });
    expect(why(context(claim('Q1', [line('87880', 5000)])), always)).toEqual(['CO 50 N115']);
    const partial = plainContract({ realism: { denialRate: 0, partialPaymentRate: 1 } });
    const r = run(context(claim('Q2', [line('87880', 5000), line('93000', 4000)])), partial).result;
    expect(r.status).toBe('partial');
    expect(r.lines[1].adjustments.slice(0, 2)).toEqual([
      { group: 'CO', reason: '45', amountCents: 1800 },
      { group: 'CO', reason: '59', amountCents: 1100 },
    ]);
    expect(why(context(claim('Q3', [line('87880', 5000)])))).toEqual(['CO 45']);
  });

  it('a claim whose every line is denied has CLP02 status 4 and no patient responsibility', () => {
    const r = run(context(claim('Z1', [line('97810', 8000), line('97811', 3000)]))).result;
    expect(r).toMatchObject({ status: 'denied', claimStatusCode: '4', paidCents: 0, patientResponsibilityCents: 0 });
  });
});
