/** Test claims for the payer simulator (Riverside Family Practice, valid NPIs, cents). */
import type { Claim837, ClaimFile837, ClaimLine, Party, SubscriberLoop } from '@medbill/x12/837';
import type { PayerContract } from './contract.ts';
import { demoContract } from './demo-contract.ts';
import type { ReceivedClaim } from './types.ts';

/** The demo contract without randomness and without a roster. */
export function plainContract(over: Partial<PayerContract> = {}): PayerContract {
  return { ...demoContract(), realism: { denialRate: 0, partialPaymentRate: 0 }, ...over };
}

export function line(code: string, charge: number, date = '20260110', extra: Partial<ClaimLine> = {}): ClaimLine {
  return {
    procedure: { qualifier: 'HC', code },
    charge,
    unit: 'UN',
    quantity: 1,
    diagnosisPointers: [1],
    dates: [{ qualifier: '472', value: date }],
    ...extra,
  };
}

export function claim(id: string, lines: ClaimLine[], extra: Partial<Claim837> = {}): Claim837 {
  return {
    id,
    totalCharge: lines.reduce((t, l) => t + l.charge, 0),
    facilityCode: '11',
    facilityQualifier: 'B',
    frequency: '1',
    providerSignature: 'Y',
    assignment: 'A',
    benefitsAssigned: 'Y',
    releaseOfInfo: 'Y',
    patientSignatureSource: 'P',
    healthInfo: [
      { qualifier: 'ABK', code: 'J069' },
      { qualifier: 'ABF', code: 'M545' },
    ],
    providers: [
      {
        entityCode: '82',
        name: { entityType: '1', lastName: 'NGUYEN', firstName: 'ANNA', idQualifier: 'XX', id: '1999996667' },
      },
    ],
    lines: lines.map((l, i) => ({ controlNumber: `${id}-${i + 1}`, ...l })),
    ...extra,
  };
}

export function subscriber(memberId = 'W123456789', last = 'DOE', first = 'JOHN'): Party {
  return {
    name: { entityType: '1', lastName: last, firstName: first, idQualifier: 'MI', id: memberId },
    address: { line1: '12 ELM ST', city: 'SPRINGFIELD', state: 'IL', postalCode: '62704' },
    demographics: { birthDate: '19800214', gender: 'M' },
  };
}

export function context(c: Claim837, memberId = 'W123456789'): ReceivedClaim {
  return {
    claim: c,
    payerId: 'BPH01',
    sbr: { responsibility: 'P', relationship: '18', groupNumber: 'G-55', claimFilingCode: 'CI' },
    subscriber: subscriber(memberId),
  };
}

/** One 837P transaction holding the claims, one subscriber loop per member id. */
export function claimFile(
  claims: Array<{ claim: Claim837; memberId?: string; payerId?: string; patient?: Party }>,
  controlNumber = '0001',
  kind: ClaimFile837['kind'] = 'professional',
): ClaimFile837 {
  const subs: SubscriberLoop[] = claims.map(({ claim: c, memberId, payerId, patient }) => ({
    sbr: {
      responsibility: 'P',
      ...(patient ? {} : { relationship: '18' }),
      groupNumber: 'G-55',
      claimFilingCode: 'CI',
    },
    subscriber: subscriber(memberId ?? 'W123456789'),
    payer: { name: { entityType: '2', lastName: 'BLUE PRAIRIE HEALTH', idQualifier: 'PI', id: payerId ?? 'BPH01' } },
    claims: patient ? [] : [c],
    patients: patient ? [{ relationship: '19', patient, claims: [c] }] : [],
  }));
  return {
    kind,
    controlNumber,
    header: { purpose: '00', referenceId: 'BATCH-7', date: '20260112', time: '0930', claimType: 'CH' },
    submitter: {
      name: { entityType: '2', lastName: 'MEDBILL DEMO', idQualifier: '46', id: 'MB0001' },
      contacts: [{ functionCode: 'IC', name: 'EDI DESK', numbers: [{ qualifier: 'TE', value: '2175550199' }] }],
    },
    receiver: { name: { entityType: '2', lastName: 'BLUE PRAIRIE HEALTH', idQualifier: '46', id: 'BPH01' } },
    billingProviders: [
      {
        specialty: { code: 'BI', taxonomy: '207Q00000X' },
        provider: {
          name: { entityType: '2', lastName: 'RIVERSIDE FAMILY PRACTICE', idQualifier: 'XX', id: '1234567893' },
          address: { line1: '100 MAIN ST', city: 'SPRINGFIELD', state: 'IL', postalCode: '627010000' },
          refs: [{ qualifier: 'EI', value: '371234567' }],
        },
        subscribers: subs,
      },
    ],
  };
}
