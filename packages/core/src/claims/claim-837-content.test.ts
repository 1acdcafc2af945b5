/**
 * Issue 9 "837 content": each claim is built, rendered as an 837, passed through our guide validator and
 * read back with our reader; the segment and element the item names is checked.
 */
import { describe, expect, it } from 'vitest';
import type { ClaimToBill } from './claim-context.ts';
import { cleanClaim } from './claim-fixtures.test-util.ts';
import { roundTrip } from './round-trip.test-util.ts';

const medicaid = {
  id: 4,
  name: 'Texas Medicaid',
  payerCode: 'DEMOMCD',
  claimFilingIndicator: 'MC',
  timelyFilingDays: 95,
};
const medicare = { id: 5, name: 'Medicare', payerCode: 'DEMOMCR', claimFilingIndicator: 'MB', timelyFilingDays: 365 };

function institutional(overrides: Partial<ClaimToBill> = {}): ClaimToBill {
  const base = cleanClaim();
  return cleanClaim({
    kind: 'institutional',
    practice: { ...base.practice, facilityTaxonomy: '282N00000X' },
    placeOfService: '21',
    institutional: { typeOfBill: '131', patientStatus: '01', reasonForVisit: ['R079'] },
    lines: base.lines.map((l) => ({ ...l, revenueCode: '0510' })),
    ...overrides,
  });
}

describe('837 content (issue 9)', () => {
  it('1. a Medicaid child is the subscriber under their own ID: no 2000C PAT, SBR02 18, NM1*IL is the child', () => {
    const base = cleanClaim();
    const rt = roundTrip([
      cleanClaim({
        payer: medicaid,
        patient: { ...base.patient, firstName: 'Ana', birthDate: '2018-03-03' },
        coverage: {
          ...base.coverage,
          memberId: '512345678',
          relationshipCode: '19',
          subscriberFirstName: 'Luis',
          groupNumber: null,
        },
      }),
    ]);
    expect(rt.errors).toEqual([]);
    expect(rt.seg('PAT')).toEqual([]);
    const sbr = rt.seg('SBR')[0];
    expect(sbr[2]).toBe('18');
    expect(sbr[9]).toBe('MC');
    const il = rt.seg('NM1').find((n) => n[1] === 'IL')!;
    expect([il[3], il[4], il[9]]).toEqual(['DELGADO', 'ANA', '512345678']);
    expect(rt.seg('DMG')[0][2]).toBe('20180303');
  });

  it('2. SBR09 per claim kind: Medicare is MB on an 837P and MA on an 837I; BCBS BL; commercial CI', () => {
    expect(
      roundTrip([cleanClaim({ payer: medicare, coverage: { ...cleanClaim().coverage, memberId: '1EG4TE5MK73' } })]).seg(
        'SBR',
      )[0][9],
    ).toBe('MB');
    const inst = roundTrip([institutional({ payer: medicare })]);
    expect(inst.errors).toEqual([]);
    expect(inst.seg('SBR')[0][9]).toBe('MA');
    expect(
      roundTrip([cleanClaim({ payer: { ...cleanClaim().payer, claimFilingIndicator: 'BL' } })]).seg('SBR')[0][9],
    ).toBe('BL');
    expect(roundTrip([cleanClaim()]).seg('SBR')[0][9]).toBe('CI');
  });

  it("2. the billing provider's taxonomy on an 837I is the facility's, not the physician's", () => {
    const rt = roundTrip([institutional()]);
    expect(rt.seg('PRV').find((p) => p[1] === 'BI')?.[3]).toBe('282N00000X');
    expect(rt.seg('PRV').find((p) => p[1] === 'AT')?.[3]).toBe('207Q00000X');
  });

  it('3. type of bill 131 and 0131 both become CLM05 13:A:1; a 7 or 8 claim carries REF*F8', () => {
    for (const typeOfBill of ['131', '0131']) {
      const rt = roundTrip([
        institutional({ institutional: { typeOfBill, patientStatus: '01', reasonForVisit: ['R079'] } }),
      ]);
      expect(rt.errors).toEqual([]);
      expect(rt.seg('CLM')[0][5]).toBe('13:A:1');
    }
    const replacement = roundTrip([
      institutional({ frequencyCode: '7', originalPayerClaimNumber: '26001000000420001' }),
    ]);
    expect(replacement.seg('CLM')[0][5]).toBe('13:A:7');
    expect(replacement.seg('REF').find((r) => r[1] === 'F8')?.[2]).toBe('26001000000420001');
    const voided = roundTrip([cleanClaim({ frequencyCode: '8', originalPayerClaimNumber: 'ICN778' })]);
    expect(voided.errors).toEqual([]);
    expect(voided.seg('CLM')[0][5]).toBe('11:B:8');
    expect(voided.seg('REF').find((r) => r[1] === 'F8')?.[2]).toBe('ICN778');
    expect(voided.claims[0].originalReference).toBe('ICN778');
  });

  it('9. CLM10 (patient signature source P: patient not present) is not sent', () => {
    const clm = roundTrip([cleanClaim()]).seg('CLM')[0];
    expect(clm[10] ?? '').toBe('');
    expect(clm[6]).toBe('Y');
  });

  it('6. an inpatient 837I: POA on every diagnosis, ABJ, BBR/BBQ with dates, BH/BI/BE/BG, CL1, discharge hour, 2310A–C and F', () => {
    const base = institutional();
    const operating = { npi: '1245319599', firstName: 'Ivan', lastName: 'Cole', taxonomy: '208600000X' };
    const other = { npi: '1003000126', firstName: 'Rita', lastName: 'Moss', taxonomy: '207L00000X' };
    const referring = { npi: '1497758544', firstName: 'Omar', lastName: 'Reyes', taxonomy: '207Q00000X' };
    const rt = roundTrip([
      {
        ...base,
        serviceDateFrom: '2026-10-28',
        serviceDateTo: '2026-11-02',
        diagnoses: ['K3580', 'E119', 'I10'],
        diagnosisPoa: ['Y', 'Y', 'N'],
        operating,
        otherOperating: other,
        referring,
        institutional: {
          typeOfBill: '0111',
          admissionDate: '2026-10-28',
          admissionHour: '14',
          admissionType: '1',
          admissionSource: '7',
          patientStatus: '01',
          dischargeHour: '11',
          admittingDiagnosis: 'R1031',
          procedures: [
            { code: '0DTJ4ZZ', date: '2026-10-28' },
            { code: '0DJ08ZZ', date: '2026-10-29' },
          ],
          occurrences: [{ code: '11', date: '2026-10-27' }],
          occurrenceSpans: [{ code: '74', from: '2026-10-30', to: '2026-10-30' }],
          values: [{ code: '80', amountCents: 500 }],
          conditions: ['39'],
        },
        lines: base.lines.map((l, i) => ({ ...l, revenueCode: i === 0 ? '0360' : '0300', serviceDate: '2026-10-28' })),
      },
    ]);
    expect(rt.errors).toEqual([]);
    const hi = rt.seg('HI').flatMap((h) => h.slice(1));
    expect(hi).toContain('ABK:K3580:::::::Y');
    expect(hi).toContain('ABF:E119:::::::Y');
    expect(hi).toContain('ABF:I10:::::::N');
    expect(hi).toContain('ABJ:R1031');
    expect(hi).toContain('BBR:0DTJ4ZZ:D8:20261028');
    expect(hi).toContain('BBQ:0DJ08ZZ:D8:20261029');
    expect(hi).toContain('BH:11:D8:20261027');
    expect(hi).toContain('BI:74:RD8:20261030-20261030');
    expect(hi).toContain('BE:80:::5');
    expect(hi).toContain('BG:39');
    expect(rt.seg('CLM')[0][5]).toBe('11:A:1');
    expect(rt.seg('CL1')[0].slice(1, 4)).toEqual(['1', '7', '01']);
    expect(
      rt
        .seg('DTP')
        .find((d) => d[1] === '096')
        ?.slice(2),
    ).toEqual(['TM', '1100']);
    expect(
      rt
        .seg('DTP')
        .find((d) => d[1] === '435')
        ?.slice(2),
    ).toEqual(['DT', '202610281400']);
    const nm1 = rt.seg('NM1').map((n) => `${n[1]}:${n[9] ?? ''}`);
    expect(nm1).toEqual(
      expect.arrayContaining([`71:${base.rendering.npi}`, '72:1245319599', 'ZZ:1003000126', 'DN:1497758544']),
    );
    const read = rt.claims[0];
    expect(read.healthInfo.find((h) => h.qualifier === 'ABK')?.poa).toBe('Y');
  });

  it('6. an outpatient 837I gives the reason for visit (APR) and no admission type', () => {
    const rt = roundTrip([institutional()]);
    expect(rt.errors).toEqual([]);
    expect(rt.seg('HI').flatMap((h) => h.slice(1))).toContain('APR:R079');
    expect(rt.seg('CL1')[0].slice(1, 4)).toEqual(['', '', '01']);
  });

  it('7. a drug line carries its NDC: LIN**N4*11 digits and CTP quantity and unit', () => {
    const base = cleanClaim({ payer: medicaid });
    const rt = roundTrip([
      {
        ...base,
        coverage: { ...base.coverage, memberId: '512345678' },
        lines: [
          ...base.lines,
          {
            lineNumber: 3,
            procedureCode: 'J3301',
            modifiers: [],
            units: 4,
            chargeCents: 1200,
            diagnosisPointers: [1],
            serviceDate: '2026-11-02',
            drug: { ndc: '00003029320', quantity: 1, unit: 'ML' },
          },
        ],
      },
    ]);
    expect(rt.errors).toEqual([]);
    expect(rt.seg('LIN')[0].slice(1, 4)).toEqual(['', 'N4', '00003029320']);
    expect(rt.seg('CTP')[0].slice(4, 6)).toEqual(['1', 'ML']);
    expect(rt.claims[0].lines[2].drug).toEqual({ qualifier: 'N4', ndc: '00003029320', quantity: 1, unit: 'ML' });
  });
});
