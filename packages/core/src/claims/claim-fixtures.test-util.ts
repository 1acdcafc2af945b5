/** A clean professional claim context: the fixture every claims test starts from and breaks one thing of. */
import { makeNpi } from '../validation/npi.ts';
import type { ClaimToBill } from './claim-context.ts';

export function cleanClaim(overrides: Partial<ClaimToBill> = {}): ClaimToBill {
  return {
    claimNumber: 'C000101',
    kind: 'professional',
    frequencyCode: '1',
    practice: {
      legalName: 'Hill Country Family Medicine PA',
      npi: makeNpi('199900001'),
      tin: '741234567',
      taxonomy: '207Q00000X',
      phone: '5125550100',
      address: { line1: '1200 Congress Ave', city: 'Austin', state: 'TX', zip: '787012345' },
    },
    rendering: {
      npi: makeNpi('188800001'),
      firstName: 'Elena',
      lastName: 'Marsh',
      credential: 'MD',
      taxonomy: '207Q00000X',
    },
    referring: null,
    patient: {
      id: 7,
      accountNumber: 'A000007',
      firstName: 'Maria',
      lastName: 'Delgado',
      birthDate: '1970-05-02',
      sex: 'F',
      address: { line1: '5 Pine St', city: 'Austin', state: 'TX', zip: '78702' },
    },
    coverage: {
      id: 3,
      coverageOrder: 1,
      memberId: 'W123456789',
      groupNumber: 'G1000',
      relationshipCode: '18',
      subscriberFirstName: 'Maria',
      subscriberLastName: 'Delgado',
      subscriberBirthDate: '1970-05-02',
      subscriberSex: 'F',
      effectiveDate: '2025-01-01',
      endDate: null,
    },
    payer: { id: 2, name: 'Acme Health PPO', payerCode: 'DEMOACME', claimFilingIndicator: 'CI', timelyFilingDays: 90 },
    placeOfService: '11',
    serviceDateFrom: '2026-11-02',
    serviceDateTo: '2026-11-02',
    diagnoses: ['E119', 'I10'],
    lines: [
      {
        lineNumber: 1,
        procedureCode: '99213',
        modifiers: [],
        units: 1,
        chargeCents: 15000,
        diagnosisPointers: [1, 2],
        serviceDate: '2026-11-02',
      },
      {
        lineNumber: 2,
        procedureCode: '83036',
        modifiers: [],
        units: 1,
        chargeCents: 4500,
        diagnosisPointers: [1],
        serviceDate: '2026-11-02',
      },
    ],
    priorLines: [],
    ...overrides,
  };
}
