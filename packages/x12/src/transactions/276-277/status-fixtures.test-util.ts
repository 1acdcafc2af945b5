/** Named fixtures for 276/277 tests. */
import type { ClaimStatusTransaction } from './status-model.ts';

export function statusRequest(): ClaimStatusTransaction {
  return {
    kind: '276',
    controlNumber: '0201',
    header: { purpose: '13', referenceId: 'CS-1', date: '20260301', time: '1015' },
    roots: [
      {
        level: '20',
        entityCode: 'PR',
        entity: { name: { entityType: '2', lastName: 'BLUE PRAIRIE HEALTH', idQualifier: 'PI', id: 'BPH01' } },
        children: [
          {
            level: '21',
            entityCode: '41',
            entity: { name: { entityType: '2', lastName: 'MEDBILL DEMO', idQualifier: '46', id: 'MB0001' } },
            children: [
              {
                level: '19',
                entityCode: '1P',
                entity: {
                  name: { entityType: '2', lastName: 'RIVERSIDE FAMILY PRACTICE', idQualifier: 'XX', id: '1234567893' },
                },
                children: [
                  {
                    level: '22',
                    entityCode: 'IL',
                    entity: {
                      name: {
                        entityType: '1',
                        lastName: 'DOE',
                        firstName: 'JOHN',
                        idQualifier: 'MI',
                        id: 'W123456789',
                      },
                      demographics: { birthDate: '19800214', gender: 'M' },
                    },
                    children: [],
                    claims: [
                      {
                        trace: { type: '1', reference: 'CS-1-1' },
                        refs: [
                          { qualifier: '1K', value: 'ICN-123' },
                          { qualifier: 'EJ', value: 'RFP-1001' },
                        ],
                        amounts: [{ qualifier: 'T3', amount: 25000 }],
                        dates: [{ qualifier: '472', value: '20260110-20260110' }],
                        lines: [
                          {
                            procedure: { qualifier: 'HC', code: '99213', modifiers: ['25'] },
                            charge: 15000,
                            units: 1,
                            refs: [{ qualifier: 'FJ', value: 'RFP-1001-1' }],
                          },
                        ],
                      },
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
