import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Segment } from '../../syntax/types.ts';
import { inquiry, response } from '../270-271/eligibility-fixtures.test-util.ts';
import { build270, build271 } from '../270-271/build-eligibility.ts';
import { read270, read271 } from '../270-271/read-eligibility.ts';
import { statusRequest } from '../276-277/status-fixtures.test-util.ts';
import { build276 } from '../276-277/build-claim-status.ts';
import { read276, read277 } from '../276-277/read-claim-status.ts';
import { read277ca } from '../277ca/read-277ca.ts';
import { build837 } from './build-837.ts';
import { institutionalFile, professionalFile } from './claim-fixtures.test-util.ts';
import { read837 } from './read-837.ts';

const pool: Segment[] = [
  ...build837(professionalFile()),
  ...build837(institutionalFile()),
  ...build270(inquiry()),
  ...build271(response()),
  ...build276(statusRequest()),
];

/** A segment from the pool, possibly with elements cut or emptied. */
const mutated = fc
  .tuple(fc.integer({ min: 0, max: pool.length - 1 }), fc.integer({ min: 0, max: 20 }), fc.boolean())
  .map(([i, cut, blank]) => {
    const s = pool[i]!;
    const elements = s.elements.slice(0, cut);
    return { id: s.id, elements: blank ? elements.map(() => '') : elements };
  });

describe('readers never throw on scrambled input', () => {
  it('837, 270, 271, 276, 277 and 277CA readers return values and issues for any segment soup', () => {
    const readers = [read837, read270, read271, read276, read277, read277ca];
    fc.assert(
      fc.property(
        fc.array(
          fc.oneof(
            mutated,
            fc.integer({ min: 0, max: pool.length - 1 }).map((i) => pool[i]!),
          ),
          { maxLength: 80 },
        ),
        (segs) => {
          for (const read of readers) {
            const r = read(segs);
            expect(r.value).toBeDefined();
            expect(Array.isArray(r.issues)).toBe(true);
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});
