import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { build837 } from './build-837.ts';
import { read837 } from './read-837.ts';
import { claimFile } from './claim-arbitrary.test-util.ts';
import { expectSame, parseText, transactionText } from '../common/samples.test-util.ts';

describe('837 property: any claim file the builder accepts re-reads equal', () => {
  for (const kind of ['professional', 'institutional'] as const) {
    it(`${kind}: read(build(x)) = x, with no issues, and the text is stable`, () => {
      fc.assert(
        fc.property(claimFile(kind), (file) => {
          const { value, issues } = read837(build837(file));
          expect(issues).toEqual([]);
          expectSame(value, file);
          const text = transactionText(build837(file), 'HC');
          const parsed = parseText(text);
          const again = read837(parsed.transactions[0]!.segments, { delimiters: parsed.delimiters }).value;
          expect(transactionText(build837(again), 'HC')).toBe(text);
        }),
        { numRuns: 100, endOnFailure: true },
      );
    });
  }
});
