/** Named fixtures for 837 tests: the Riverside Family Practice cast (valid NPIs, cents). */
import type { Claim837, ClaimFile837 } from './claim-model.ts';

const practice = {
  name: { entityType: '2' as const, lastName: 'RIVERSIDE FAMILY PRACTICE', idQualifier: 'XX', id: '1234567893' },
  address: { line1: '100 MAIN ST', city: 'SPRINGFIELD', state: 'IL', postalCode: '627010000' },
  refs: [{ qualifier: 'EI', value: '371234567' }],
  contacts: [{ functionCode: 'IC', name: 'BILLING OFFICE', numbers: [{ qualifier: 'TE', value: '2175550100' }] }],
};

export function officeVisit(id = 'RFP-1001'): Claim837 {
  return {
    id,
    totalCharge: 25000,
    facilityCode: '11',
    facilityQualifier: 'B',
    frequency: '1',
    providerSignature: 'Y',
    assignment: 'A',
    benefitsAssigned: 'Y',
    releaseOfInfo: 'Y',
    patientSignatureSource: 'P',
    dates: [{ qualifier: '431', value: '20260105' }],
    priorAuthorization: 'PA998877',
    refs: [{ qualifier: 'D9', value: 'CLH-0001' }],
    notes: [{ code: 'ADD', text: 'FOLLOW UP IN TWO WEEKS' }],
    healthInfo: [
      { qualifier: 'ABK', code: 'J069' },
      { qualifier: 'ABF', code: 'R05' },
      { qualifier: 'ABF', code: 'E119' },
    ],
    providers: [
      {
        entityCode: 'DN',
        name: { entityType: '1', lastName: 'OKAFOR', firstName: 'JAMES', idQualifier: 'XX', id: '1581234568' },
      },
      {
        entityCode: '82',
        name: { entityType: '1', lastName: 'NGUYEN', firstName: 'ANNA', idQualifier: 'XX', id: '1999996667' },
        specialty: { code: 'PE', taxonomy: '207Q00000X' },
      },
    ],
    lines: [
      {
        procedure: { qualifier: 'HC', code: '99213', modifiers: ['25'] },
        charge: 15000,
        unit: 'UN',
        quantity: 1,
        diagnosisPointers: [1, 2],
        dates: [{ qualifier: '472', value: '20260110' }],
        controlNumber: 'RFP-1001-1',
      },
      {
        procedure: { qualifier: 'HC', code: '87880', modifiers: ['QW', '59'] },
        charge: 7550,
        unit: 'UN',
        quantity: 1,
        diagnosisPointers: [1],
        dates: [{ qualifier: '472', value: '20260110' }],
        controlNumber: 'RFP-1001-2',
      },
      {
        procedure: { qualifier: 'HC', code: '36415' },
        charge: 2450,
        unit: 'UN',
        quantity: 1.5,
        placeOfService: '11',
        diagnosisPointers: [3],
        dates: [{ qualifier: '472', value: '20260110' }],
        controlNumber: 'RFP-1001-3',
      },
    ],
  };
}

/** A secondary claim after the primary paid: 2320/2330 and 2430 line adjudication. */
export function secondaryClaim(): Claim837 {
  const c = officeVisit('RFP-1002');
  c.otherSubscribers = [
    {
      sbr: { responsibility: 'P', relationship: '18', groupNumber: 'GRP100', claimFilingCode: 'MB' },
      adjustments: [
        { group: 'CO', items: [{ reason: '45', amount: 5000 }] },
        { group: 'PR', items: [{ reason: '2', amount: 4000, quantity: 1 }] },
      ],
      payerPaid: 16000,
      amounts: [{ qualifier: 'EAF', amount: 4000 }],
      benefitsAssigned: 'Y',
      patientSignatureSource: 'P',
      releaseOfInfo: 'Y',
      subscriber: {
        name: { entityType: '1', lastName: 'DOE', firstName: 'JANE', idQualifier: 'MI', id: '1EG4TE5MK72' },
      },
      payer: { name: { entityType: '2', lastName: 'MEDICARE PART B', idQualifier: 'PI', id: '00435' } },
      payerDates: [{ qualifier: '573', value: '20260201' }],
    },
  ];
  c.lines[0]!.adjudications = [
    {
      payerId: '00435',
      paid: 10000,
      procedure: { qualifier: 'HC', code: '99213', modifiers: ['25'] },
      paidUnits: 1,
      adjustments: [{ group: 'CO', items: [{ reason: '45', amount: 5000 }] }],
      dates: [{ qualifier: '573', value: '20260201' }],
      amounts: [{ qualifier: 'EAF', amount: 0 }],
    },
  ];
  return c;
}

export function professionalFile(): ClaimFile837 {
  return {
    kind: 'professional',
    controlNumber: '0001',
    header: { purpose: '00', referenceId: 'BATCH-7', date: '20260112', time: '0930', claimType: 'CH' },
    submitter: {
      name: { entityType: '2', lastName: 'MEDBILL DEMO', idQualifier: '46', id: 'MB0001' },
      contacts: [
        {
          functionCode: 'IC',
          name: 'EDI DESK',
          numbers: [
            { qualifier: 'TE', value: '2175550199' },
            { qualifier: 'EM', value: 'EDI@EXAMPLE.ORG' },
          ],
        },
      ],
    },
    receiver: { name: { entityType: '2', lastName: 'ACME CLEARINGHOUSE', idQualifier: '46', id: 'ACME01' } },
    billingProviders: [
      {
        specialty: { code: 'BI', taxonomy: '207Q00000X' },
        provider: practice,
        payTo: {
          name: { entityType: '2', lastName: '' },
          address: { line1: 'PO BOX 900', city: 'SPRINGFIELD', state: 'IL', postalCode: '62702' },
        },
        subscribers: [
          {
            sbr: { responsibility: 'P', relationship: '18', groupNumber: 'G-55', claimFilingCode: 'CI' },
            subscriber: {
              name: {
                entityType: '1',
                lastName: 'DOE',
                firstName: 'JOHN',
                middleName: 'Q',
                idQualifier: 'MI',
                id: 'W123456789',
              },
              address: { line1: '12 ELM ST', line2: 'APT 3', city: 'SPRINGFIELD', state: 'IL', postalCode: '62704' },
              demographics: { birthDate: '19800214', gender: 'M' },
            },
            payer: { name: { entityType: '2', lastName: 'BLUE PRAIRIE HEALTH', idQualifier: 'PI', id: 'BPH01' } },
            claims: [officeVisit()],
            patients: [
              {
                relationship: '19',
                patient: {
                  name: { entityType: '1', lastName: 'DOE', firstName: 'LILY' },
                  address: { line1: '12 ELM ST', city: 'SPRINGFIELD', state: 'IL', postalCode: '62704' },
                  demographics: { birthDate: '20150601', gender: 'F' },
                },
                claims: [officeVisit('RFP-1003')],
              },
            ],
          },
          {
            sbr: { responsibility: 'S', relationship: '18', claimFilingCode: 'CI' },
            subscriber: {
              name: { entityType: '1', lastName: 'DOE', firstName: 'JANE', idQualifier: 'MI', id: 'X55' },
              demographics: { birthDate: '19500101', gender: 'F' },
            },
            payer: { name: { entityType: '2', lastName: 'SUPPLEMENT CO', idQualifier: 'PI', id: 'SUP77' } },
            claims: [secondaryClaim()],
            patients: [],
          },
        ],
      },
    ],
  };
}

export function institutionalFile(): ClaimFile837 {
  const f = professionalFile();
  const claim: Claim837 = {
    id: 'HOSP-77',
    totalCharge: 123456,
    facilityCode: '11',
    facilityQualifier: 'A',
    frequency: '1',
    assignment: 'A',
    benefitsAssigned: 'Y',
    releaseOfInfo: 'Y',
    dates: [
      { qualifier: '096', value: '1130' },
      { qualifier: '434', value: '20260101-20260104' },
      { qualifier: '435', value: '202601010830' },
    ],
    institutional: { admissionType: '1', admissionSource: '7', patientStatus: '01' },
    originalReference: 'ICN-555',
    healthInfo: [
      { qualifier: 'ABK', code: 'J189', poa: 'Y' },
      { qualifier: 'ABJ', code: 'R509' },
      { qualifier: 'ABF', code: 'E119', poa: 'N' },
      { qualifier: 'BBR', code: '0BH17EZ', dateFormat: 'D8', date: '20260102' },
      { qualifier: 'BE', code: '80', amount: 300 },
      { qualifier: 'BG', code: '07' },
    ],
    providers: [
      {
        entityCode: '71',
        name: { entityType: '1', lastName: 'SMITH', firstName: 'KAREN', idQualifier: 'XX', id: '1112223338' },
        specialty: { code: 'AT', taxonomy: '207R00000X' },
      },
    ],
    lines: [
      {
        revenueCode: '0120',
        charge: 100000,
        unit: 'DA',
        quantity: 3,
        dates: [{ qualifier: '472', value: '20260101-20260103' }],
      },
      {
        revenueCode: '0300',
        procedure: { qualifier: 'HC', code: '85025' },
        charge: 23456,
        unit: 'UN',
        quantity: 2,
        nonCoveredCharge: 1000,
        controlNumber: 'L2',
      },
    ],
  };
  f.kind = 'institutional';
  f.billingProviders[0]!.subscribers = [{ ...f.billingProviders[0]!.subscribers[0]!, claims: [claim], patients: [] }];
  return f;
}
