import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { expectSame, parseText, transactionText } from '../common/samples.test-util.ts';
import { build270, build271 } from './build-eligibility.ts';
import { eligibility } from './eligibility-arbitrary.test-util.ts';
import { read270, read271 } from './read-eligibility.ts';
import { summarizeBenefits } from './summarize-benefits.ts';

describe('270/271 property: build → read equal, text stable', () => {
  for (const [kind, build, read, gs] of [
    ['270', build270, read270, 'HS'],
    ['271', build271, read271, 'HB'],
  ] as const) {
    it(kind, () => {
      fc.assert(
        fc.property(eligibility(kind), (tx) => {
          const r = read(build(tx));
          expect(r.issues).toEqual([]);
          expectSame(r.value, tx);
          const text = transactionText(build(tx), gs);
          const p = parseText(text);
          expect(
            transactionText(build(read(p.transactions[0]!.segments, { delimiters: p.delimiters }).value), gs),
          ).toBe(text);
          if (kind === '271') expect(() => summarizeBenefits(r.value)).not.toThrow();
        }),
        { numRuns: 100, endOnFailure: true },
      );
    });
  }
});
