/**
 * Issue 9 item 5: a secondary claim built from the primary's stored adjudication — 2320 SBR/CAS/AMT*D/OI,
 * 2330A/B with REF*F8, 2430 SVD/CAS/DTP*573/AMT*EAF — validated by our guide rules and balanced
 * (line paid + line adjustments = line charge), read back with our reader.
 */
import { describe, expect, it } from 'vitest';
import type { ClaimToBill } from '../claim-context.ts';
import { cleanClaim } from '../claim-fixtures.test-util.ts';
import { roundTrip } from '../round-trip.test-util.ts';
import { adjudicationProblems, isCrossover, type PayerAdjudication } from './payer-adjudication.ts';

const medicare = {
  id: 5,
  name: 'Medicare Part B',
  payerCode: 'DEMOMCR',
  claimFilingIndicator: 'MB',
  timelyFilingDays: 365,
};

/** Medicare allowed 100.00 of the 150.00 visit (paid 80.00, 20.00 coinsurance) and 30.00 of the 45.00 A1c. */
export function medicareEob(): PayerAdjudication {
  return {
    source: 'paper_eob',
    payerClaimNumber: '26310000123401',
    statusCode: '1',
    adjudicationDate: '2026-11-20',
    chargeCents: 19500,
    paidCents: 10400,
    patientResponsibilityCents: 2600,
    adjustments: [],
    remarks: [],
    crossover: false,
    lines: [
      {
        lineNumber: 1,
        procedureCode: '99213',
        modifiers: [],
        chargeCents: 15000,
        paidCents: 8000,
        paidUnits: 1,
        adjustments: [
          { group: 'CO', reason: '45', amountCents: 5000 },
          { group: 'PR', reason: '2', amountCents: 2000 },
        ],
        remarks: [],
      },
      {
        lineNumber: 2,
        procedureCode: '83036',
        modifiers: [],
        chargeCents: 4500,
        paidCents: 2400,
        paidUnits: 1,
        adjustments: [
          { group: 'CO', reason: '45', amountCents: 1500 },
          { group: 'PR', reason: '2', amountCents: 600 },
        ],
        remarks: [],
      },
    ],
  };
}

export function secondaryAfterMedicare(adjudication = medicareEob()): ClaimToBill {
  const base = cleanClaim();
  return cleanClaim({
    claimNumber: 'C000201',
    coverage: { ...base.coverage, id: 9, coverageOrder: 2, memberId: 'W99887766', groupNumber: 'SUPP1' },
    otherPayers: [
      {
        payer: medicare,
        coverage: {
          ...base.coverage,
          id: 8,
          coverageOrder: 1,
          memberId: '1EG4TE5MK73',
          groupNumber: null,
        },
        adjudication,
      },
    ],
  });
}

describe('secondary claim from the primary adjudication', () => {
  it('the EOB balances: line paid + adjustments = line charge, claim likewise, PR = patient responsibility', () => {
    expect(adjudicationProblems(medicareEob(), cleanClaim().lines)).toEqual([]);
    const off = medicareEob();
    off.lines[0].paidCents = 7900;
    const problems = adjudicationProblems(off, cleanClaim().lines);
    expect(problems.map((p) => [p.code, p.location.field])).toEqual([
      ['line-unbalanced', 'lines[0].adjustments'],
      ['paid-not-lines-sum', 'paidCents'],
    ]);
    expect(problems.find((p) => p.location.field === 'lines[0].adjustments')?.message).toContain(
      '1.00 is unaccounted for',
    );
  });

  it('builds 2320 (SBR P, AMT*D), 2330A/B (REF*F8) and 2430 (SVD, CAS, DTP*573, AMT*EAF) that validate and balance', () => {
    const rt = roundTrip([secondaryAfterMedicare()]);
    expect(rt.errors).toEqual([]);
    const sbr = rt.seg('SBR');
    expect(sbr[0].slice(1, 3)).toEqual(['S', '18']);
    expect([sbr[1][1], sbr[1][2], sbr[1][9]]).toEqual(['P', '18', 'MB']);
    expect(rt.seg('AMT').find((a) => a[1] === 'D')?.[2]).toBe('104');
    // remaining patient liability goes on the lines when the payer reported lines, never on both
    expect(
      rt
        .seg('AMT')
        .filter((a) => a[1] === 'EAF')
        .map((a) => a[2]),
    ).toEqual(['20', '6']);
    expect(rt.seg('OI')[0].slice(3, 7)).toEqual(['Y', 'P', '', 'Y']);
    const nm1 = rt.seg('NM1');
    expect(nm1.find((n) => n[1] === 'IL' && n[9] === '1EG4TE5MK73')).toBeDefined();
    expect(nm1.find((n) => n[1] === 'PR' && n[9] === 'DEMOMCR')).toBeDefined();
    expect(rt.seg('REF').find((r) => r[1] === 'F8')?.[2]).toBe('26310000123401');
    const svd = rt.seg('SVD');
    expect(svd.map((s) => [s[1], s[2], s[3], s[5]])).toEqual([
      ['DEMOMCR', '80', 'HC:99213', '1'],
      ['DEMOMCR', '24', 'HC:83036', '1'],
    ]);
    expect(rt.seg('CAS').map((c) => c.slice(1))).toEqual([
      ['CO', '45', '50'],
      ['PR', '2', '20'],
      ['CO', '45', '15'],
      ['PR', '2', '6'],
    ]);
    expect(
      rt
        .seg('DTP')
        .filter((d) => d[1] === '573')
        .map((d) => d[3]),
    ).toEqual(['20261120', '20261120']);
    // balancing, read back: each line's SVD paid + its CAS = the line charge
    const claim = rt.claims[0];
    for (const line of claim.lines) {
      const a = line.adjudications![0];
      const adjusted = (a.adjustments ?? []).flatMap((g) => g.items).reduce((t, i) => t + i.amount, 0);
      expect(a.paid + adjusted).toBe(line.charge);
    }
    expect(claim.otherSubscribers?.[0].payerPaid).toBe(10400);
  });

  it('a paper EOB with claim-level figures only puts CAS, AMT*EAF and DTP*573 on 2320/2330B', () => {
    const eob = medicareEob();
    eob.lines = [];
    eob.adjustments = [
      { group: 'CO', reason: '45', amountCents: 6500 },
      { group: 'PR', reason: '2', amountCents: 2600 },
    ];
    expect(adjudicationProblems(eob, cleanClaim().lines)).toEqual([]);
    const rt = roundTrip([secondaryAfterMedicare(eob)]);
    expect(rt.errors).toEqual([]);
    expect(rt.seg('CAS').map((c) => c.slice(1))).toEqual([
      ['CO', '45', '65'],
      ['PR', '2', '26'],
    ]);
    expect(rt.seg('AMT').find((a) => a[1] === 'EAF')?.[2]).toBe('26');
    expect(rt.seg('DTP').find((d) => d[1] === '573')?.[3]).toBe('20261120');
    expect(rt.seg('SVD')).toEqual([]);
  });

  it('a primary claim lists the known secondary payer in 2320 without adjudication figures', () => {
    const base = cleanClaim();
    const rt = roundTrip([
      cleanClaim({
        otherPayers: [
          {
            payer: {
              id: 4,
              name: 'Texas Medicaid',
              payerCode: 'DEMOMCD',
              claimFilingIndicator: 'MC',
              timelyFilingDays: 95,
            },
            coverage: { ...base.coverage, id: 10, coverageOrder: 2, memberId: '512345678', groupNumber: null },
            adjudication: null,
          },
        ],
      }),
    ]);
    expect(rt.errors).toEqual([]);
    expect(rt.seg('SBR')[1].slice(1, 3)).toEqual(['S', '18']);
    expect(rt.seg('AMT')).toEqual([]);
    expect(rt.seg('CAS')).toEqual([]);
  });

  it('Medicare crossover is recognised from CLP02 19/20 or a crossover remark', () => {
    expect(isCrossover('19', [])).toBe(true);
    expect(isCrossover('1', ['MA18'])).toBe(true);
    expect(isCrossover('1', ['N89'])).toBe(true);
    expect(isCrossover('1', ['MA19'])).toBe(false);
  });
});
