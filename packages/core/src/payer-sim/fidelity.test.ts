/**
 * The simulator's 835 is the next stage's input, so it answers as a real payer does: preventive services
 * without cost sharing, line denials with their remarks (CO 50 N115, CO 97 M15, CO 151 M86, PR 204 N130),
 * secondary payers adjudicating the COB claim from its 2430 loops and paying the remaining liability, Medicare
 * crossover (CLP02 19, MA18, NM1*TT), one rejection reason per NPI across a file, and no ST03 on the 835.
 */
import { describe, expect, it } from 'vitest';
import { build837, type ClaimFile837 } from '@medbill/x12/837';
import { buildInterchange } from '@medbill/x12';
import { DEFAULT_DELIMITERS } from '@medbill/x12';
import { tokenize } from '@medbill/x12';
import { validateFile } from '@medbill/x12';
import { adjudicate } from './adjudicate.ts';
import { emptyAccumulators, type Accumulators } from './accumulators.ts';
import type { PayerContract } from './contract.ts';
import { claim, claimFile, context, line, plainContract } from './fixtures.test-util.ts';
import { seededRng } from './rng.ts';
import { simulatePayer } from './simulate-payer.ts';
import type { ReceivedClaim } from './types.ts';

const TODAY = '20260115';
const run = (ctx: ReceivedClaim, contract: PayerContract, acc: Accumulators = emptyAccumulators()) =>
  adjudicate(ctx, contract, acc, seededRng(1), { today: TODAY, icn: `ICN-${ctx.claim.id}` });
const why = (ctx: ReceivedClaim, contract: PayerContract, acc?: Accumulators) =>
  run(ctx, contract, acc).result.lines.map((l) =>
    [...l.adjustments.map((a) => `${a.group} ${a.reason}`), ...l.remarks].join(' '),
  );

describe('payer simulator fidelity', () => {
  it('a preventive service (flu shot administration) is paid with no deductible, copay or coinsurance', () => {
    const contract = plainContract({
      preventive: [{ id: 'flu', label: 'Flu shot administration', codes: ['G0008'] }],
    });
    const ctx = context(claim('P1', [line('G0008', 3500)]));
    const paid = run(ctx, contract).result;
    expect(paid.lines[0].adjustments.filter((a) => a.group === 'PR')).toEqual([]);
    expect(paid.patientResponsibilityCents).toBe(0);
    const without = run(ctx, plainContract()).result;
    expect(without.patientResponsibilityCents).toBeGreaterThan(0);
  });

  it('a service over its frequency limit is denied CO 151 with M86; PR 204 for a non-covered benefit', () => {
    const contract = plainContract({
      frequencyLimits: [{ codes: ['G0439'], count: 1, days: 365 }],
      nonCovered: [{ codes: ['97810'], patientLiable: true }],
    });
    const first = run(context(claim('F1', [line('G0439', 18000, '20260105')])), contract);
    expect(why(context(claim('F2', [line('G0439', 18000, '20260110')])), contract, first.accumulators)).toEqual([
      'CO 151 M86',
    ]);
    expect(why(context(claim('F3', [line('97810', 8000)])), contract)).toEqual(['PR 204 N130']);
    expect(why(context(claim('F4', [line('99213', 15000), line('36415', 2000)])), plainContract())[1]).toBe(
      'CO 97 M15',
    );
  });

  it('a secondary payer adjudicates the COB claim from 2320/2430 and pays the remaining liability', () => {
    const c = claim('S1', [
      {
        ...line('99213', 15000),
        adjudications: [
          {
            payerId: 'MCR01',
            paid: 8000,
            procedure: { qualifier: 'HC', code: '99213' },
            paidUnits: 1,
            adjustments: [
              { group: 'CO', items: [{ reason: '45', amount: 5000 }] },
              { group: 'PR', items: [{ reason: '2', amount: 2000 }] },
            ],
            dates: [{ qualifier: '573', value: '20260112' }],
            amounts: [{ qualifier: 'EAF', amount: 2000 }],
          },
        ],
      },
    ]);
    c.otherSubscribers = [
      {
        sbr: { responsibility: 'P', relationship: '18', claimFilingCode: 'MB' },
        payerPaid: 8000,
        benefitsAssigned: 'Y',
        subscriber: { name: { entityType: '1', lastName: 'DOE', idQualifier: 'MI', id: '1EG4TE5MK73' } },
        payer: { name: { entityType: '2', lastName: 'MEDICARE', idQualifier: 'PI', id: 'MCR01' } },
      },
    ];
    const ctx: ReceivedClaim = {
      ...context(c),
      sbr: { responsibility: 'S', relationship: '18', claimFilingCode: 'CI' },
    };
    const r = run(ctx, plainContract({ copays: [], deductibleCents: 0, coinsurancePercent: 0 })).result;
    expect(r.claimStatusCode).toBe('2');
    expect(r.paidCents).toBe(2000);
    expect(r.lines[0].adjustments).toEqual([
      { group: 'OA', reason: '23', amountCents: 8000 },
      { group: 'CO', reason: '45', amountCents: 5000 },
    ]);
    const l = r.lines[0];
    expect(l.paidCents + l.adjustments.reduce((t, a) => t + a.amountCents, 0)).toBe(l.chargeCents);
    // with its own 20 % coinsurance the secondary leaves part of the liability to the patient
    const partial = run(ctx, plainContract({ copays: [], deductibleCents: 0, coinsurancePercent: 20 })).result;
    expect(partial.lines[0].paidCents + partial.lines[0].adjustments.reduce((t, a) => t + a.amountCents, 0)).toBe(
      15000,
    );
    expect(partial.patientResponsibilityCents).toBeGreaterThanOrEqual(0);
  });

  it('Medicare crosses a claim over to the Medicaid plan named in 2320: CLP02 19 with MA18 and the carrier', () => {
    const c = claim('X1', [line('99213', 15000)]);
    c.otherSubscribers = [
      {
        sbr: { responsibility: 'S', relationship: '18', claimFilingCode: 'MC' },
        benefitsAssigned: 'Y',
        subscriber: { name: { entityType: '1', lastName: 'DOE', idQualifier: 'MI', id: '512345678' } },
        payer: { name: { entityType: '2', lastName: 'TX MEDICAID', idQualifier: 'PI', id: 'MCD01' } },
      },
    ];
    const contract = plainContract({ crossoverTo: [{ payerId: 'MCD01', payerName: 'TX MEDICAID' }] });
    const r = run(context(c), contract).result;
    expect(r.claimStatusCode).toBe('19');
    expect(r.claimRemarks).toContain('MA18');
    expect(r.crossoverTo).toEqual({ payerId: 'MCD01', payerName: 'TX MEDICAID' });
  });

  it('one NPI unknown to the payer rejects every claim of that NPI in the file, never one in nine', () => {
    const claims = Array.from({ length: 40 }, (_, i) => ({
      claim: claim(`N${i}`, [line('99213', 15000)]),
      memberId: `W${100000000 + i}`,
    }));
    const text = text837(claimFile(claims));
    const counts: number[] = [];
    for (let seed = 1; seed <= 12; seed++) {
      let n = 10;
      const out = simulatePayer(text, {
        contracts: { BPH01: plainContract() },
        rejectRate: 0.3,
        seed,
        now: new Date('2026-01-15T12:00:00Z'),
        payerName: 'BLUE PRAIRIE HEALTH',
        controlNumbers: { next: () => ++n },
      });
      counts.push(out.claims.filter((c) => c.rejection === 'A7:562').length);
      // member rejections stay per member, so the rest of the file is mostly accepted
      expect(out.claims.filter((c) => c.accepted).length).toBeGreaterThan(counts.at(-1) === 40 ? -1 : 20);
    }
    expect(new Set(counts)).toEqual(new Set([0, 40]));
  });

  it("the 835 leaves ST03 out, as payers' 835s do, and still passes the 835 guide", () => {
    let n = 10;
    const out = simulatePayer(text837(claimFile([{ claim: claim('T1', [line('99213', 15000)]) }])), {
      contracts: { BPH01: plainContract() },
      rejectRate: 0,
      seed: 1,
      now: new Date('2026-01-15T12:00:00Z'),
      payerName: 'BLUE PRAIRIE HEALTH',
      controlNumbers: { next: () => ++n },
    });
    const st = tokenize(out.remittances[0].text835).segments.find((s) => s.id === 'ST')!;
    expect(st.elements).toEqual(['835', '0001']);
    expect(validateFile(out.remittances[0].text835).issues.filter((i) => i.severity === 'error')).toEqual([]);
  });
});

function text837(file: ClaimFile837): string {
  return buildInterchange(
    {
      sender: 'MB0001',
      receiver: 'BPH01',
      controlNumber: '101',
      date: '20260112',
      time: '0930',
      usage: 'T',
      groups: [
        {
          functionalId: 'HC',
          appSender: 'MB0001',
          appReceiver: 'BPH01',
          controlNumber: '101',
          version: '005010X222A1',
          transactions: [{ controlNumber: file.controlNumber, body: build837(file).slice(1, -1) }],
        },
      ],
    },
    DEFAULT_DELIMITERS,
    { lineBreak: true },
  );
}
