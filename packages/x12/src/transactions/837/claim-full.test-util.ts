/**
 * Fully populated 837 claim files (test-only): every field of the model set, checked by the compiler. `Full<T>` makes
 * every optional key required all the way down, so a field added to the model breaks these fixtures until it is
 * filled in here — and then the round-trip test covers it. `format` is the one exception: it is derived from the
 * date value and read back only when it differs.
 */
import type {
  BeginningOfTransaction,
  BillingProviderLoop,
  Claim837,
  ClaimFile837,
  ClaimKind,
  ClaimLine,
  ClaimProvider,
  LineAdjudication,
  OtherSubscriber,
  Party,
  PatientLoop,
  PayerResponsibility,
  SubscriberLoop,
} from './claim-model.ts';

/** Keys whose value is derived on write and kept on read only when it differs from the derivation. */
type Derived = 'format';

export type Full<T> = T extends readonly (infer U)[]
  ? Full<U>[]
  : T extends object
    ? { [K in keyof T as K extends Derived ? never : K]-?: Full<NonNullable<T[K]>> } & {
        [K in keyof T as K extends Derived ? K : never]?: T[K];
      }
    : T;

/** Line fields of the other claim kind (SV1 vs SV2) that the builder does not write for this kind. */
type ProfessionalOnly = 'placeOfService' | 'diagnosisPointers' | 'emergency' | 'epsdt' | 'familyPlanning';
type InstitutionalOnly = 'revenueCode' | 'nonCoveredCharge';

/** 2330B carries NM1, N3/N4, REF (and DTP*573 kept in `payerDates`): no DMG, PRV or PER. */
type Payer2330B = Omit<Full<Party>, 'demographics' | 'specialty' | 'contacts'>;
type FullOtherSubscriber = Omit<Full<OtherSubscriber>, 'payer'> & { payer: Payer2330B };

type FullLine<Skip extends keyof ClaimLine> = Omit<Full<ClaimLine>, Skip>;
type FullClaim<Skip extends keyof ClaimLine> = Omit<Full<Claim837>, 'lines' | 'otherSubscribers'> & {
  lines: FullLine<Skip>[];
  otherSubscribers: FullOtherSubscriber[];
};

function party(last: string, id: string, qualifier = 'XX'): Full<Party> {
  return {
    name: {
      entityType: '1',
      lastName: last,
      firstName: 'ANA',
      middleName: 'Q',
      prefix: 'DR',
      suffix: 'JR',
      idQualifier: qualifier,
      id,
    },
    address: {
      line1: '1 MAIN ST',
      line2: 'SUITE 2',
      city: 'SPRINGFIELD',
      state: 'IL',
      postalCode: '627010001',
      countryCode: 'US',
    },
    demographics: { birthDate: '19700101', gender: 'F' },
    specialty: { code: 'PE', taxonomy: '207Q00000X' },
    refs: [{ qualifier: 'G2', value: `${last}-REF`, description: 'PROVIDER COMMERCIAL NUMBER' }],
    contacts: [
      {
        functionCode: 'IC',
        name: `${last} OFFICE`,
        numbers: [
          { qualifier: 'TE', value: '2175550100' },
          { qualifier: 'EX', value: '12' },
          { qualifier: 'EM', value: 'A@EXAMPLE.ORG' },
        ],
      },
    ],
  };
}

function provider(entityCode: string, last: string, npi: string): Full<ClaimProvider> {
  return { entityCode, ...party(last, npi) };
}

function otherSubscriber(): FullOtherSubscriber {
  return {
    sbr: {
      responsibility: 'P',
      relationship: '18',
      groupNumber: 'GRP100',
      groupName: 'ACME EMPLOYEES',
      insuranceType: '12',
      claimFilingCode: 'MB',
    },
    adjustments: [
      { group: 'CO', items: [{ reason: '45', amount: 5000, quantity: 1 }] },
      {
        group: 'PR',
        items: [
          { reason: '1', amount: 1000, quantity: 2 },
          { reason: '2', amount: 500, quantity: 1 },
          { reason: '3', amount: 100, quantity: 1 },
        ],
      },
    ],
    payerPaid: 16000,
    amounts: [{ qualifier: 'EAF', amount: 1600 }],
    benefitsAssigned: 'Y',
    patientSignatureSource: 'P',
    releaseOfInfo: 'Y',
    subscriber: party('DOE', 'W999', 'MI'),
    payer: {
      name: {
        entityType: '2',
        lastName: 'MEDICARE PART B',
        firstName: 'X',
        middleName: 'Y',
        prefix: 'Z',
        suffix: 'W',
        idQualifier: 'PI',
        id: '00435',
      },
      address: {
        line1: 'PO BOX 1',
        line2: 'DEPT 2',
        city: 'CHICAGO',
        state: 'IL',
        postalCode: '60601',
        countryCode: 'US',
      },
      refs: [{ qualifier: 'F8', value: 'ICN-1', description: 'DESC F8' }],
    },
    payerDates: [{ qualifier: '573', value: '20260201' }],
  };
}

function adjudication(): Full<LineAdjudication> {
  return {
    payerId: '00435',
    paid: 8000,
    procedure: { qualifier: 'HC', code: '99213', modifiers: ['25', '59', 'GT', 'XS'], description: 'OFFICE VISIT' },
    revenueCode: '0510',
    paidUnits: 1,
    bundledLine: 1,
    adjustments: [{ group: 'CO', items: [{ reason: '45', amount: 2000, quantity: 1 }] }],
    dates: [{ qualifier: '573', value: '20260201' }],
    amounts: [{ qualifier: 'EAF', amount: 500 }],
  };
}

/** The claim fields both kinds share, every one set. */
function claimBase(
  id: string,
  totalCharge: number,
): Omit<FullClaim<never>, 'lines' | 'healthInfo' | 'providers' | 'facilityQualifier'> {
  return {
    id,
    totalCharge,
    facilityCode: '11',
    frequency: '7',
    providerSignature: 'Y',
    assignment: 'A',
    benefitsAssigned: 'Y',
    releaseOfInfo: 'Y',
    patientSignatureSource: 'P',
    relatedCauses: ['AA', 'EM'],
    accidentState: 'NY',
    specialProgram: '02',
    delayReason: '1',
    dates: [
      { qualifier: '431', value: '20260105' },
      { qualifier: '439', value: '20260104' },
    ],
    institutional: { admissionType: '1', admissionSource: '7', patientStatus: '01' },
    attachments: [{ reportType: '03', transmission: 'EL', controlNumber: 'ATT-1' }],
    amounts: [{ qualifier: 'F5', amount: 1500 }],
    priorAuthorization: 'PA-1',
    originalReference: 'ICN-0',
    refs: [
      { qualifier: '9F', value: 'REFERRAL-1', description: 'DESC 9F' },
      { qualifier: 'D9', value: 'CLH-1', description: 'DESC D9' },
    ],
    notes: [{ code: 'ADD', text: 'FULLY POPULATED' }],
    otherSubscribers: [otherSubscriber()],
  };
}

function lineBase(n: number): Omit<FullLine<never>, ProfessionalOnly | InstitutionalOnly> {
  return {
    procedure: { qualifier: 'HC', code: '99213', modifiers: ['25', '59', 'GT', 'XS'], description: 'OFFICE VISIT' },
    charge: 10000,
    unit: 'UN',
    quantity: 1.5,
    attachments: [{ reportType: 'OZ', transmission: 'FX', controlNumber: `L-ATT-${n}` }],
    dates: [{ qualifier: '472', value: '20260110-20260111' }],
    controlNumber: `LINE-${n}`,
    refs: [{ qualifier: '9B', value: `R-${n}`, description: 'DESC 9B' }],
    amounts: [{ qualifier: 'T', amount: 123 }],
    notes: [{ code: 'TPO', text: `LINE ${n} NOTE` }],
    drug: {
      qualifier: 'N4',
      ndc: '00002143380',
      quantity: 2.5,
      unit: 'ML',
      refs: [{ qualifier: 'XZ', value: 'RX-1', description: 'DESC XZ' }],
    },
    providers: [provider('82', 'NGUYEN', '1999996667')],
    adjudications: [adjudication()],
  };
}

type FullSubscriber<Skip extends keyof ClaimLine> = Omit<Full<SubscriberLoop>, 'claims' | 'patients'> & {
  claims: FullClaim<Skip>[];
  patients: Array<Omit<Full<PatientLoop>, 'claims'> & { claims: FullClaim<Skip>[] }>;
};
type FullFile<Skip extends keyof ClaimLine> = Omit<Full<ClaimFile837>, 'billingProviders'> & {
  billingProviders: Array<Omit<Full<BillingProviderLoop>, 'subscribers'> & { subscribers: FullSubscriber<Skip>[] }>;
};

function file<Skip extends keyof ClaimLine>(kind: ClaimKind, claim: FullClaim<Skip>): FullFile<Skip> {
  const sbr: Full<PayerResponsibility> = {
    responsibility: 'S',
    relationship: '18',
    groupNumber: 'G-55',
    groupName: 'GROUP NAME',
    insuranceType: '47',
    claimFilingCode: 'CI',
  };
  const header: Full<BeginningOfTransaction> = {
    purpose: '00',
    referenceId: 'FULL-1',
    date: '20260112',
    time: '0930',
    claimType: 'CH',
  };
  return {
    kind,
    controlNumber: '0001',
    header,
    submitter: party('SUBMITTER', 'MB0001', '46'),
    receiver: party('RECEIVER', 'ACME01', '46'),
    billingProviders: [
      {
        specialty: { code: 'BI', taxonomy: '207Q00000X' },
        provider: party('RIVERSIDE', '1234567893'),
        payTo: party('PAYTO', '1234567893'),
        subscribers: [
          {
            sbr,
            subscriber: party('DOE', 'W123', 'MI'),
            payer: party('BLUE PRAIRIE', 'BPH01', 'PI'),
            claims: [claim],
            patients: [
              { relationship: '19', patient: party('DOE', 'P-1', 'MI'), claims: [{ ...claim, id: `${claim.id}-P` }] },
            ],
          },
        ],
      },
    ],
  };
}

/** An 837P with every field of the model set (2310 providers, 2320/2330, 2410 LIN/CTP, 2420, 2430). */
export function fullProfessionalFile(): ClaimFile837 {
  const line = (n: number): FullLine<InstitutionalOnly> => ({
    ...lineBase(n),
    placeOfService: '22',
    diagnosisPointers: [1, 2, 3, 4],
    emergency: 'Y',
    epsdt: 'Y',
    familyPlanning: 'Y',
  });
  const claim: FullClaim<InstitutionalOnly> = {
    ...claimBase('FULL-P', 20000),
    facilityQualifier: 'B',
    healthInfo: [
      { qualifier: 'ABK', code: 'J069', dateFormat: 'D8', date: '20260101', amount: 100, quantity: 2, poa: 'Y' },
      { qualifier: 'ABF', code: 'R05', dateFormat: 'D8', date: '20260102', amount: 200, quantity: 1, poa: 'N' },
      { qualifier: 'ABF', code: 'E119', dateFormat: 'D8', date: '20260103', amount: 300, quantity: 3, poa: 'U' },
      { qualifier: 'ABF', code: 'I10', dateFormat: 'D8', date: '20260104', amount: 400, quantity: 4, poa: 'W' },
    ],
    providers: [
      provider('DN', 'OKAFOR', '1581234568'),
      provider('82', 'NGUYEN', '1999996667'),
      provider('77', 'CLINIC SITE', '1234567893'),
      provider('DQ', 'SUPERVISOR', '1112223338'),
    ],
    lines: [line(1), line(2)],
  };
  return file('professional', claim);
}

/** An 837I with every field of the model set, every HI kind of the institutional guide among them. */
export function fullInstitutionalFile(): ClaimFile837 {
  const line = (n: number): FullLine<ProfessionalOnly> => ({
    ...lineBase(n),
    revenueCode: '0450',
    nonCoveredCharge: 1000,
  });
  const hi = (qualifier: string, code: string, extra: { dateFormat?: string; date?: string } = {}) => ({
    qualifier,
    code,
    dateFormat: extra.dateFormat ?? 'D8',
    date: extra.date ?? '20260101',
    amount: 1234,
    quantity: 2,
    poa: 'Y',
  });
  const claim: FullClaim<ProfessionalOnly> = {
    ...claimBase('FULL-I', 20000),
    facilityCode: '13',
    facilityQualifier: 'A',
    healthInfo: [
      hi('ABK', 'J189'),
      hi('ABJ', 'R509'),
      hi('APR', 'R05'),
      hi('ABN', 'V4300XA'),
      hi('DR', '193'),
      hi('ABF', 'E119'),
      hi('ABF', 'I10'),
      hi('BBR', '0BH17EZ'),
      hi('BBQ', '0BJ08ZZ'),
      hi('BI', '70', { dateFormat: 'RD8', date: '20260101-20260103' }),
      hi('BH', '11'),
      hi('BE', '80'),
      hi('BG', '07'),
      hi('TC', '42'),
    ],
    providers: [
      provider('71', 'ATTENDING', '1112223338'),
      provider('72', 'OPERATING', '1581234568'),
      provider('ZZ', 'OTHER OP', '1999996667'),
      provider('82', 'RENDERING', '1234567893'),
      provider('77', 'FACILITY', '1234567893'),
      provider('DN', 'REFERRING', '1581234568'),
    ],
    lines: [line(1), line(2)],
  };
  return file('institutional', claim);
}
