/** Named fixtures for 270/271 tests (the Riverside Family Practice cast). */
import type { EligibilityTransaction } from './eligibility-model.ts';

const payer = { name: { entityType: '2' as const, lastName: 'BLUE PRAIRIE HEALTH', idQualifier: 'PI', id: 'BPH01' } };
const clinic = {
  name: { entityType: '2' as const, lastName: 'RIVERSIDE FAMILY PRACTICE', idQualifier: 'XX', id: '1234567893' },
};

export function inquiry(): EligibilityTransaction {
  return {
    controlNumber: '0101',
    header: { purpose: '13', referenceId: 'ELIG-1', date: '20260112', time: '0815' },
    sources: [
      {
        source: payer,
        sourceCode: 'PR',
        receivers: [
          {
            receiver: clinic,
            receiverCode: '1P',
            subscribers: [
              {
                traces: [{ type: '1', reference: 'T-1', originatorId: '9MEDBILL01' }],
                member: {
                  name: { entityType: '1', lastName: 'DOE', firstName: 'JOHN', idQualifier: 'MI', id: 'W123456789' },
                  demographics: { birthDate: '19800214' },
                },
                dates: [{ qualifier: '291', value: '20260112' }],
                inquiries: [{ serviceTypes: ['30'] }],
                dependents: [
                  {
                    traces: [{ type: '1', reference: 'T-2', originatorId: '9MEDBILL01' }],
                    member: {
                      name: { entityType: '1', lastName: 'DOE', firstName: 'LILY' },
                      demographics: { birthDate: '20150601', gender: 'F' },
                    },
                    relationship: { insured: 'N', relationship: '19' },
                    inquiries: [
                      { serviceTypes: ['98', 'UC'] },
                      { serviceTypes: ['1'], procedure: { qualifier: 'HC', code: '99213' } },
                    ],
                  },
                ],
              },
            ],
          },
        ],
      },
    ],
  };
}

export function response(): EligibilityTransaction {
  const tx = inquiry();
  tx.header = { purpose: '11', referenceId: 'ELIG-1', date: '20260112', time: '0816' };
  const sub = tx.sources[0]!.receivers[0]!.subscribers[0]!;
  delete sub.inquiries;
  delete sub.dependents;
  sub.traces = [{ type: '2', reference: 'T-1', originatorId: '9MEDBILL01' }];
  sub.benefits = [
    {
      code: '1',
      coverageLevel: 'FAM',
      serviceTypes: ['30'],
      insuranceType: 'PR',
      planDescription: 'GOLD PPO',
      dates: [{ qualifier: '346', value: '20260101' }],
    },
    { code: 'B', coverageLevel: 'IND', serviceTypes: ['98', 'UC'], timePeriod: '27', amount: 2500, inNetwork: 'Y' },
    {
      code: 'B',
      coverageLevel: 'IND',
      serviceTypes: ['98', 'UC'],
      timePeriod: '27',
      amount: 6000,
      inNetwork: 'N',
      messages: ['AFTER DEDUCTIBLE'],
    },
    { code: 'A', coverageLevel: 'IND', serviceTypes: ['30'], percent: 0.2, inNetwork: 'Y' },
    { code: 'C', coverageLevel: 'IND', serviceTypes: ['30'], timePeriod: '23', amount: 150000, inNetwork: 'Y' },
    { code: 'C', coverageLevel: 'IND', serviceTypes: ['30'], timePeriod: '29', amount: 42050, inNetwork: 'Y' },
    { code: 'G', coverageLevel: 'IND', serviceTypes: ['30'], timePeriod: '23', amount: 600000, inNetwork: 'Y' },
    { code: 'G', coverageLevel: 'IND', serviceTypes: ['30'], timePeriod: '24', amount: 100000, inNetwork: 'Y' },
    {
      code: 'L',
      relatedEntities: [
        {
          entityCode: 'P3',
          name: { entityType: '1', lastName: 'NGUYEN', firstName: 'ANNA', idQualifier: 'XX', id: '1999996667' },
        },
      ],
    },
  ];
  return tx;
}
