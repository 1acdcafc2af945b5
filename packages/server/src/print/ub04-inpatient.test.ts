/**
 * Issue 9 item 6: an inpatient claim built from a loaded claim carries everything on the UB-04 in its form
 * locators — bill type (FL4), admission date/hour/type/source and discharge hour/status (FL12–17), condition,
 * occurrence, span and value codes (FL18, 31, 35, 39), diagnoses with POA (FL67), admitting diagnosis
 * (FL69), ICD-10-PCS procedures with dates (FL74), attending and operating physicians (FL76, 77).
 */
import { claimToSend } from '@medbill/core';
import { cleanClaim } from '@medbill/core/test-util';
import { claimFileFromClaims } from '@medbill/x12/837';
import { describe, expect, it } from 'vitest';
import { ub04Fields } from './ub04-fields.ts';

describe('UB-04 of an inpatient stay', () => {
  it('puts each institutional item in its form locator', () => {
    const base = cleanClaim();
    const ctx = cleanClaim({
      kind: 'institutional',
      placeOfService: '21',
      practice: { ...base.practice, facilityTaxonomy: '282N00000X' },
      serviceDateFrom: '2026-10-28',
      serviceDateTo: '2026-11-02',
      diagnoses: ['J189', 'I509', 'E119'],
      diagnosisPoa: ['Y', 'Y', 'N'],
      operating: { npi: '1245319599', firstName: 'Ingrid', lastName: 'Solberg', taxonomy: '207RP1001X' },
      institutional: {
        typeOfBill: '0111',
        admissionDate: '2026-10-28',
        admissionHour: '14',
        admissionType: '1',
        admissionSource: '7',
        patientStatus: '01',
        dischargeHour: '11',
        admittingDiagnosis: 'R0602',
        procedures: [
          { code: '0BJ08ZZ', date: '2026-10-29' },
          { code: '3E033GC', date: '2026-10-28' },
        ],
        occurrences: [{ code: '11', date: '2026-10-26' }],
        occurrenceSpans: [{ code: '74', from: '2026-10-30', to: '2026-10-30' }],
        values: [{ code: '80', amountCents: 500 }],
        conditions: ['39'],
      },
      lines: [
        {
          ...base.lines[0],
          procedureCode: '',
          revenueCode: '0120',
          units: 5,
          chargeCents: 450000,
          serviceDate: '2026-10-28',
        },
        { ...base.lines[1], procedureCode: '', revenueCode: '0250', chargeCents: 32000, serviceDate: '2026-10-28' },
      ],
    });
    const file = claimFileFromClaims(
      {
        kind: 'institutional',
        controlNumber: '0001',
        header: { purpose: '00', referenceId: 'P1', date: '20261103', time: '0000', claimType: 'CH' },
        submitter: { name: { entityType: '2', lastName: 'US' } },
        receiver: { name: { entityType: '2', lastName: 'THEM' } },
      },
      [claimToSend(ctx)],
    );
    const page = ub04Fields(file, ctx.claimNumber, { creationDate: '2026-11-03' }).pages[0]!;
    expect(page.boxes).toMatchObject({
      '4': '0111',
      '6.from': '102826',
      '6.through': '110226',
      '12': '102826',
      '13': '14',
      '14': '1',
      '15': '7',
      '16': '11',
      '17': '01',
      '18': '39',
      '31a.code': '11',
      '31a.date': '102626',
      '35a.code': '74',
      '39a.code': '80',
      '39a.amount': '5.00',
      '66': '0',
      '69': 'R0602',
      '74.code': '0BJ08ZZ',
      '74.date': '102926',
      '74a.code': '3E033GC',
      '76.npi': base.rendering.npi,
      '77.npi': '1245319599',
      '77.last': 'SOLBERG',
      '45.total': '110326',
      '81a.code': '282N00000X',
    });
    expect(page.diagnoses).toEqual([
      { code: 'J189', poa: 'Y' },
      { code: 'I509', poa: 'Y' },
      { code: 'E119', poa: 'N' },
    ]);
    expect(page.lines.map((l) => [l['42'], l['44'] ?? ''])).toEqual([
      ['0120', ''],
      ['0250', ''],
    ]);
  });
});
