/** Print fixtures built from the 837 cast (Riverside Family Practice): a long claim, a facility, a replacement. */
import type { Claim837, ClaimFile837 } from '@medbill/x12';
import { institutionalFile, professionalFile } from '@medbill/x12/test-util';

type ServiceLine = Claim837['lines'][number];

export { institutionalFile, professionalFile };

const EXTRA: ServiceLine[] = [
  {
    procedure: { qualifier: 'HC', code: '81002' },
    charge: 1200,
    unit: 'UN',
    quantity: 1,
    diagnosisPointers: [1],
    dates: [{ qualifier: '472', value: '20260110' }],
  },
  {
    procedure: { qualifier: 'HC', code: '94640', modifiers: ['76'] },
    charge: 4500,
    unit: 'UN',
    quantity: 2,
    diagnosisPointers: [2],
    dates: [{ qualifier: '472', value: '20260111' }],
  },
  {
    procedure: { qualifier: 'HC', code: '71046' },
    charge: 9800,
    unit: 'UN',
    quantity: 1,
    diagnosisPointers: [2, 1],
    dates: [{ qualifier: '472', value: '20260111' }],
  },
  {
    procedure: { qualifier: 'HC', code: '99000' },
    charge: 500,
    unit: 'UN',
    quantity: 1,
    diagnosisPointers: [1],
    dates: [{ qualifier: '472', value: '20260112' }],
  },
  {
    procedure: { qualifier: 'HC', code: 'J1100', description: 'DEXAMETHASONE 1 MG' },
    charge: 1050,
    unit: 'UN',
    quantity: 4,
    diagnosisPointers: [1],
    emergency: 'Y',
    dates: [{ qualifier: '472', value: '20260112' }],
  },
];

/** The office visit RFP-1001 grown to 8 lines (3 + 5): two CMS-1500 pages, total 420.50. */
export function eightLineFile(): ClaimFile837 {
  const f = professionalFile();
  const claim = f.billingProviders[0]!.subscribers[0]!.claims[0]!;
  claim.lines.push(...EXTRA.map((l) => structuredClone(l)));
  claim.totalCharge = claim.lines.reduce((t, l) => t + l.charge, 0);
  claim.providers!.push({
    entityCode: '77',
    name: { entityType: '2', lastName: 'RIVERSIDE URGENT CARE, INC.', idQualifier: 'XX', id: '1477777770' },
    address: { line1: '200 N. OAK AVE., #5', city: 'SPRINGFIELD', state: 'IL', postalCode: '62702' },
  });
  claim.frequency = '7';
  claim.originalReference = 'ICN2026000123';
  return f;
}

/** HOSP-77 billed to the supplement plan after Medicare paid: 2320 primary payer, 25 revenue lines (two UB-04 pages). */
export function secondaryInstitutionalFile(): ClaimFile837 {
  const f = institutionalFile();
  const sub = f.billingProviders[0]!.subscribers[0]!;
  sub.sbr = {
    responsibility: 'S',
    relationship: '18',
    groupNumber: 'SUP-9',
    groupName: 'SUPPLEMENT PLAN F',
    claimFilingCode: 'CI',
  };
  sub.payer = { name: { entityType: '2', lastName: 'SUPPLEMENT CO', idQualifier: 'PI', id: 'SUP77' } };
  const claim = sub.claims[0]!;
  claim.otherSubscribers = [
    {
      sbr: { responsibility: 'P', relationship: '18', claimFilingCode: 'MA' },
      payerPaid: 80000,
      benefitsAssigned: 'Y',
      releaseOfInfo: 'Y',
      subscriber: {
        name: { entityType: '1', lastName: 'DOE', firstName: 'JOHN', idQualifier: 'MI', id: '1EG4TE5MK73' },
      },
      payer: { name: { entityType: '2', lastName: 'MEDICARE PART A', idQualifier: 'PI', id: '00431' } },
    },
  ];
  for (let i = 0; i < 23; i++) {
    claim.lines.push({
      revenueCode: '0250',
      procedure: { qualifier: 'HC', code: 'J1100', description: 'PHARMACY' },
      charge: 100 + i,
      unit: 'UN',
      quantity: 1,
      dates: [{ qualifier: '472', value: '20260102' }],
    });
  }
  claim.totalCharge = claim.lines.reduce((t, l) => t + l.charge, 0);
  return f;
}
