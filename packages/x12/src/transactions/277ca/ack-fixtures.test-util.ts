/** A 277CA fixture: one rejected (A7) and one accepted (A2) claim. */
import type { ClaimStatusTransaction } from '../276-277/status-model.ts';

export function acknowledgment(): ClaimStatusTransaction {
  const claim = (pcn: string, category: string, code: string, action: string) => ({
    trace: { type: '2', reference: pcn },
    statuses: [{ status: { category, code, entity: '85' }, date: '20260113', actionCode: action, chargeAmount: 25000 }],
    refs: [{ qualifier: '1K', value: `ICN-${pcn}` }],
    dates: [{ qualifier: '472', value: '20260110-20260110' }],
  });
  const tx: ClaimStatusTransaction = {
    kind: '277CA',
    controlNumber: '0301',
    header: { purpose: '08', referenceId: 'ACK-1', date: '20260113', time: '0600', transactionType: 'TH' },
    roots: [
      {
        level: '20',
        entityCode: 'PR',
        entity: { name: { entityType: '2', lastName: 'ACME CLEARINGHOUSE', idQualifier: '46', id: 'ACME01' } },
        tracking: {
          traces: [{ type: '1', reference: 'B-7' }],
          dates: [
            { qualifier: '050', value: '20260112' },
            { qualifier: '009', value: '20260113' },
          ],
        },
        children: [
          {
            level: '21',
            entityCode: '41',
            entity: { name: { entityType: '2', lastName: 'MEDBILL DEMO', idQualifier: '46', id: 'MB0001' } },
            tracking: {
              traces: [{ type: '2', reference: 'BATCH-7' }],
              statuses: [
                { status: { category: 'A1', code: '19' }, date: '20260113', actionCode: 'WQ', chargeAmount: 50000 },
              ],
              quantities: [
                { qualifier: '90', quantity: 1 },
                { qualifier: 'AA', quantity: 1 },
              ],
              amounts: [
                { qualifier: 'YU', amount: 25000 },
                { qualifier: 'YY', amount: 25000 },
              ],
            },
            children: [
              {
                level: '19',
                entityCode: '85',
                entity: {
                  name: { entityType: '2', lastName: 'RIVERSIDE FAMILY PRACTICE', idQualifier: 'XX', id: '1234567893' },
                },
                tracking: {
                  traces: [{ type: '1', reference: 'PRV-1' }],
                  statuses: [
                    { status: { category: 'A1', code: '19', entity: '85' }, actionCode: 'WQ', chargeAmount: 50000 },
                  ],
                  quantities: [
                    { qualifier: 'QA', quantity: 1 },
                    { qualifier: 'QC', quantity: 1 },
                  ],
                  amounts: [
                    { qualifier: 'YU', amount: 25000 },
                    { qualifier: 'YY', amount: 25000 },
                  ],
                },
                children: [
                  {
                    level: 'PT',
                    entityCode: 'QC',
                    entity: {
                      name: { entityType: '1', lastName: 'DOE', firstName: 'JOHN', idQualifier: 'MI', id: 'W1' },
                    },
                    children: [],
                    claims: [claim('RFP-1001', 'A7', '562', 'U')],
                  },
                  {
                    level: 'PT',
                    entityCode: 'QC',
                    entity: {
                      name: { entityType: '1', lastName: 'DOE', firstName: 'LILY', idQualifier: 'MI', id: 'W1' },
                    },
                    children: [],
                    claims: [claim('RFP-1003', 'A2', '20', 'WQ')],
                  },
                ],
              },
            ],
          },
        ],
      },
    ],
  };
  return tx;
}
