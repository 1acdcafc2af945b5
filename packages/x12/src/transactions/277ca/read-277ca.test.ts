import { describe, expect, it } from 'vitest';
import { buildClaimStatus } from '../276-277/build-claim-status.ts';
import type { ClaimStatusTransaction } from '../276-277/status-model.ts';
import { acknowledgment } from './ack-fixtures.test-util.ts';
import { sampleSuite } from '../common/sample-suite.test-util.ts';
import { hasSamples, parseText, readSample, samples } from '../common/samples.test-util.ts';
import { claimAcknowledgments, decide } from './claim-acknowledgments.ts';
import { read277Any, read277ca } from './read-277ca.ts';

function acksOf(file: string) {
  const p = parseText(readSample('277ca', file));
  return p.transactions.flatMap((t) => claimAcknowledgments(read277ca(t.segments, { delimiters: p.delimiters }).value));
}

describe('277CA', () => {
  it('decides accept/reject from the STC categories', () => {
    const stc = (category: string, actionCode?: string) => ({
      status: { category, code: '20' },
      ...(actionCode ? { actionCode } : {}),
    });
    expect(decide([stc('A1'), stc('A2')])).toBe('accepted');
    expect(decide([stc('A1'), stc('A7')])).toBe('rejected');
    expect(decide([stc('A3')])).toBe('rejected');
    expect(decide([stc('X9', 'U')])).toBe('rejected');
    expect(decide([stc('P1')])).toBe('pending');
    expect(decide([])).toBe('unknown');
  });

  it('builds and reads a 277CA with a rejected and an accepted claim, and dispatches on ST03', () => {
    const tx = acknowledgment();
    const segs = buildClaimStatus(tx);
    expect(segs.map((s) => (s.id === 'HL' ? s.elements.join('*') : '')).filter(Boolean)).toEqual([
      '1**20*1',
      '2*1*21*1',
      '3*2*19*1',
      '4*3*PT',
      '5*3*PT',
    ]);
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

  it.skipIf(!hasSamples)(samples.title('reads the accepted and rejected imsweb 277CA samples per claim'), () => {
    expect(acksOf('imsweb__x12_277CA_accepted.txt').map((a) => a.decision)).toEqual(['accepted']);
    const [rej] = acksOf('imsweb__x12_277CA_rejected.txt');
    expect(rej).toMatchObject({
      decision: 'rejected',
      patientControlNumber: '3920394930203',
      payerClaimNumber: '1107000000001120',
      reasons: ['A7:562:85'],
    });
  });
});

describe('277CA samples', () => {
  sampleSuite<ClaimStatusTransaction>({
    folder: '277ca',
    functionalId: 'HN',
    noGuideErrors: true,
    read: (s, d) => read277ca(s, { delimiters: d }),
    build: (v, d) => buildClaimStatus(v, { delimiters: d }),
    check: (_file, values) => {
      for (const v of values) for (const a of claimAcknowledgments(v)) expect(a.categories.length).toBeGreaterThan(0);
    },
  });
});
