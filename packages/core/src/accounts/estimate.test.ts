import { describe, expect, it } from 'vitest';
import type { BenefitsView } from './explain-benefits.ts';
import { estimateVisit } from './estimate.ts';

function view(over: Partial<BenefitsView> = {}): BenefitsView {
  return {
    date: '2026-11-23',
    status: 'active',
    copays: [],
    coinsurance: [{ network: 'in', level: 'IND', serviceTypes: ['30'], fraction: 0.2 }],
    deductibles: [{ network: 'in', level: 'IND', total: 50000, remaining: 10000 }],
    outOfPocket: [],
    notCovered: [],
    authorizationRequired: [],
    limitations: [],
    otherPayers: [],
    problems: [],
    sentences: [],
    ...over,
  };
}

describe('estimateVisit', () => {
  it('allowed amount, then deductible left, then coinsurance on the rest', () => {
    const e = estimateVisit(
      [
        { code: '93000', units: 1, chargeCents: 9000, allowedCents: 2200 },
        { code: '20610', units: 1, chargeCents: 25000, allowedCents: 16400 },
      ],
      view(),
    );
    // line 1: allowed 22.00, all to the deductible (100.00 left → 78.00)
    expect(e.lines[0]).toMatchObject({
      allowedCents: 2200,
      contractualCents: 6800,
      deductibleCents: 2200,
      coinsuranceCents: 0,
      insurancePaysCents: 0,
      patientOwesCents: 2200,
    });
    // line 2: allowed 164.00, 78.00 deductible, 20 % of 86.00 = 17.20
    expect(e.lines[1]).toMatchObject({
      deductibleCents: 7800,
      coinsuranceCents: 1720,
      patientOwesCents: 9520,
      insurancePaysCents: 6880,
    });
    expect(e).toMatchObject({
      chargeCents: 34000,
      allowedCents: 18600,
      patientOwesCents: 11720,
      insurancePaysCents: 6880,
    });
  });

  it('an office visit takes the copay once and no deductible', () => {
    const copay = { network: 'in' as const, level: 'IND', serviceTypes: ['98'], cents: 2500 };
    const e = estimateVisit(
      [
        { code: '99213', units: 1, chargeCents: 13000, allowedCents: 9500 },
        { code: '99214', units: 1, chargeCents: 19000, allowedCents: 13500 },
      ],
      view({ copays: [copay], officeVisitCopay: copay, deductibles: [] }),
    );
    expect(e.lines[0]).toMatchObject({ copayCents: 2500, patientOwesCents: 2500, insurancePaysCents: 7000 });
    // the second E/M line pays coinsurance only: 20 % of 135.00
    expect(e.lines[1]).toMatchObject({ copayCents: 0, coinsuranceCents: 2700, patientOwesCents: 2700 });
  });

  it('the out-of-pocket maximum left caps the patient share', () => {
    const e = estimateVisit(
      [{ code: '29881', units: 1, chargeCents: 400000, allowedCents: 300000 }],
      view({ outOfPocket: [{ network: 'in', level: 'IND', total: 600000, remaining: 5000 }] }),
    );
    expect(e.lines[0]).toMatchObject({
      deductibleCents: 5000,
      coinsuranceCents: 0,
      patientOwesCents: 5000,
      insurancePaysCents: 295000,
    });
  });

  it('non-covered services, inactive plans and no answer leave the full charge to the patient', () => {
    const line = { code: '97810', units: 1, chargeCents: 8000, allowedCents: 5000 };
    const notCovered = view({
      notCovered: [{ serviceTypes: ['1'], label: 'medical care', procedure: '97810', messages: [] }],
    });
    expect(estimateVisit([line], notCovered).lines[0]).toMatchObject({
      notCoveredCents: 8000,
      patientOwesCents: 8000,
      insurancePaysCents: 0,
    });
    expect(estimateVisit([line], view({ status: 'inactive' })).patientOwesCents).toBe(8000);
    const none = estimateVisit([line], null);
    expect(none.patientOwesCents).toBe(8000);
    expect(none.notes[0]).toMatch(/No eligibility answer/);
  });

  it('without a contract rate the charge stands in for the allowed amount, and says so', () => {
    const e = estimateVisit([{ code: '99999', units: 1, chargeCents: 1000 }], view({ deductibles: [] }));
    expect(e.lines[0]).toMatchObject({ allowedCents: 1000, coinsuranceCents: 200, insurancePaysCents: 800 });
    expect(e.notes.join(' ')).toMatch(/No contract rate on file/);
  });

  it('rounds coinsurance half up to the cent, never through a float total', () => {
    const e = estimateVisit(
      [{ code: '36415', units: 1, chargeCents: 333, allowedCents: 333 }],
      view({ deductibles: [], coinsurance: [{ network: 'in', level: 'IND', serviceTypes: ['30'], fraction: 0.15 }] }),
    );
    expect(e.lines[0]?.coinsuranceCents).toBe(50); // 49.95 → 50
    expect(Number.isInteger(e.insurancePaysCents)).toBe(true);
  });
});
