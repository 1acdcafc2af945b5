import { describe, expect, it } from 'vitest';
import { buildClaimStatus } from '../276-277/build-claim-status.ts';
import type { ClaimStatusTransaction } from '../276-277/status-model.ts';
import { sampleSuite } from '../837/common/sample-suite.test-util.ts';
import { hasSamples, parseText, readSample } from '../837/common/samples.test-util.ts';
import { claimAcknowledgments, decide } from './claim-acknowledgments.ts';
import { read277Any, read277ca } from './read-277ca.ts';

function acksOf(file: string) {
  const p = parseText(readSample('277ca', file));
  return p.transactions.flatMap((t) => claimAcknowledgments(read277ca(t.segments, { delimiters: p.delimiters }).value));
}

describe('277CA', () => {
  it('decides accept/reject from the STC categories', () => {
    const stc = (category: string, actionCode?: string) => ({ status: { category, code: '20' }, ...(actionCode ? { actionCode } : {}) });
    expect(decide([stc('A1'), stc('A2')])).toBe('accepted');
    expect(decide([stc('A1'), stc('A7')])).toBe('rejected');
    expect(decide([stc('A3')])).toBe('rejected');
    expect(decide([stc('X9', 'U')])).toBe('rejected');
    expect(decide([stc('P1')])).toBe('pending');
    expect(decide([])).toBe('unknown');
  });

  it('builds and reads a 277CA with a rejected and an accepted claim, and dispatches on ST03', () => {
    const claim = (pcn: string, category: string, code: string, action: string) => ({
      trace: { type: '2', reference: pcn }, statuses: [{ status: { category, code, entity: '85' }, date: '20260113', actionCode: action, chargeAmount: 25000 }],
      refs: [{ qualifier: '1K', value: `ICN-${pcn}` }], dates: [{ qualifier: '472', value: '20260110-20260110' }],
    });
    const tx: ClaimStatusTransaction = {
      kind: '277CA', controlNumber: '0301', header: { purpose: '08', referenceId: 'ACK-1', date: '20260113', time: '0600', transactionType: 'TH' },
      roots: [{ level: '20', entityCode: 'PR', entity: { name: { entityType: '2', lastName: 'ACME CLEARINGHOUSE', idQualifier: '46', id: 'ACME01' } },
        tracking: { traces: [{ type: '1', reference: 'B-7' }], dates: [{ qualifier: '050', value: '20260112' }, { qualifier: '009', value: '20260113' }] }, children: [
          { level: '21', entityCode: '41', entity: { name: { entityType: '2', lastName: 'MEDBILL DEMO', idQualifier: '46', id: 'MB0001' } },
            tracking: { traces: [{ type: '2', reference: 'BATCH-7' }], statuses: [{ status: { category: 'A1', code: '19' }, date: '20260113', actionCode: 'WQ', chargeAmount: 50000 }], quantities: [{ qualifier: '90', quantity: 1 }, { qualifier: 'AA', quantity: 1 }], amounts: [{ qualifier: 'YU', amount: 25000 }, { qualifier: 'YY', amount: 25000 }] },
            children: [{ level: '19', entityCode: '85', entity: { name: { entityType: '2', lastName: 'RIVERSIDE FAMILY PRACTICE', idQualifier: 'XX', id: '1234567893' } }, children: [
              { level: 'PT', entityCode: 'QC', entity: { name: { entityType: '1', lastName: 'DOE', firstName: 'JOHN', idQualifier: 'MI', id: 'W1' } }, children: [], claims: [claim('RFP-1001', 'A7', '562', 'U')] },
              { level: 'PT', entityCode: 'QC', entity: { name: { entityType: '1', lastName: 'DOE', firstName: 'LILY', idQualifier: 'MI', id: 'W1' } }, children: [], claims: [claim('RFP-1003', 'A2', '20', 'WQ')] },
            ] }] },
        ] }],
    };
    const segs = buildClaimStatus(tx);
    expect(segs.map((s) => (s.id === 'HL' ? s.elements.join('*') : '')).filter(Boolean)).toEqual(['1**20*1', '2*1*21*1', '3*2*19*1', '4*3*PT', '5*3*PT']);
    const r = read277Any(segs);
    expect(r.issues).toEqual([]);
    expect(r.value).toEqual(tx);
    const acks = claimAcknowledgments(r.value);
    expect(acks.map((a) => [a.patientControlNumber, a.decision, a.reasons, a.payerClaimNumber])).toEqual([
      ['RFP-1001', 'rejected', ['A7:562:85'], 'ICN-RFP-1001'],
      ['RFP-1003', 'accepted', [], 'ICN-RFP-1003'],
    ]);
    expect(acks[0]!.provider?.name.id).toBe('1234567893');
  });

  it.skipIf(!hasSamples)('reads the accepted and rejected imsweb 277CA samples per claim', () => {
    expect(acksOf('imsweb__x12_277CA_accepted.txt').map((a) => a.decision)).toEqual(['accepted']);
    const [rej] = acksOf('imsweb__x12_277CA_rejected.txt');
    expect(rej).toMatchObject({ decision: 'rejected', patientControlNumber: '3920394930203', payerClaimNumber: '1107000000001120', reasons: ['A7:562:85'] });
  });
});

describe('277CA samples', () => {
  sampleSuite<ClaimStatusTransaction>({
    folder: '277ca', functionalId: 'HN', noGuideErrors: true, read: (s, d) => read277ca(s, { delimiters: d }), build: (v) => buildClaimStatus(v),
    check: (_file, values) => {
      for (const v of values) for (const a of claimAcknowledgments(v)) expect(a.categories.length).toBeGreaterThan(0);
    },
  });
});
