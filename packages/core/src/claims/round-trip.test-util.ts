/** Claims → an 837 interchange → our guide validator and our reader, for tests that check a segment and element. */
import { validateFile } from '@medbill/x12';
import { tokenize } from '@medbill/x12';
import type { Segment } from '@medbill/x12';
import { read837, type Claim837, type ClaimFile837 } from '@medbill/x12/837';
import type { ClaimToBill } from './claim-context.ts';
import { claimToSend } from './claim-to-837.ts';
import { render837Interchange } from './render-837.ts';

export const TEST_PARTIES = {
  submitterId: 'LSB001',
  submitterName: 'Lone Star Billing',
  submitterContact: { name: 'EDI desk', phone: '5125550199' },
  receiverId: 'DEMOCH',
  receiverName: 'Demo Clearinghouse',
};

export interface RoundTrip {
  text: string;
  /** guide-validation errors (warnings left out) */
  errors: string[];
  segments: Segment[];
  file: ClaimFile837;
  claims: Claim837[];
  /** the elements of every segment with this id, e.g. seg('SBR')[0][9] is SBR09 */
  seg(id: string): string[][];
}

export function roundTrip(contexts: ClaimToBill[]): RoundTrip {
  const kind = contexts[0]!.kind;
  const text = render837Interchange({
    kind,
    claims: contexts.map(claimToSend),
    parties: TEST_PARTIES,
    interchangeControlNumber: 42,
    groupControlNumber: 7,
    createdAt: new Date('2026-11-23T12:00:00Z'),
    usage: 'T',
    batchReference: 'B1',
  });
  const v = validateFile(text, { file: `test.837${kind === 'institutional' ? 'i' : 'p'}` });
  const errors = v.issues
    .filter((i) => i.severity === 'error')
    .map((i) => `${i.code} ${i.location?.segmentId ?? ''}${i.location?.element ?? ''}: ${i.message}`);
  const tok = tokenize(text);
  const st = tok.segments.findIndex((s) => s.id === 'ST');
  const se = tok.segments.findIndex((s) => s.id === 'SE');
  const segments = tok.segments.slice(st, se + 1);
  const file = read837(segments).value;
  const claims = file.billingProviders.flatMap((bp) =>
    bp.subscribers.flatMap((s) => [...s.claims, ...s.patients.flatMap((p) => p.claims)]),
  );
  const seg = (id: string) => segments.filter((s) => s.id === id).map((s) => [s.id, ...s.elements]);
  return { text, errors, segments, file, claims, seg };
}
