import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { read277ca } from '../277ca/read-277ca.ts';
import { claimAcknowledgments } from '../277ca/claim-acknowledgments.ts';
import { expectSame, parseText, transactionText } from '../common/samples.test-util.ts';
import { buildClaimStatus } from './build-claim-status.ts';
import { read276, read277 } from './read-claim-status.ts';
import { statusTransaction } from './status-arbitrary.test-util.ts';

describe('276/277/277CA property: build → read equal, text stable', () => {
  for (const [kind, read, gs] of [
    ['276', read276, 'HR'],
    ['277', read277, 'HN'],
    ['277CA', read277ca, 'HN'],
  ] as const) {
    it(kind, () => {
      fc.assert(
        fc.property(statusTransaction(kind), (tx) => {
          const r = read(buildClaimStatus(tx));
          expect(r.issues).toEqual([]);
          expectSame(r.value, tx);
          const text = transactionText(buildClaimStatus(tx), gs);
          const p = parseText(text);
          expect(
            transactionText(
              buildClaimStatus(read(p.transactions[0]!.segments, { delimiters: p.delimiters }).value),
              gs,
            ),
          ).toBe(text);
          if (kind === '277CA')
            expect(claimAcknowledgments(r.value).every((a) => typeof a.decision === 'string')).toBe(true);
        }),
        { numRuns: 100, endOnFailure: true },
      );
    });
  }
});
