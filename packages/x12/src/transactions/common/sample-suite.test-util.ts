/** One sample-file contract suite for every transaction reader of this folder family (test-only). */
import { pushAll } from '../../syntax/push-all.ts';
import { expect, it } from 'vitest';
import type { Delimiters, Segment, X12Issue } from '../../syntax/types.ts';
import { testData } from '../../../../../test-data.ts';
import { expectSame, parseText, readSample, sampleFiles, transactionText } from './samples.test-util.ts';

export interface SampleSuite<T> {
  folder: string;
  functionalId: string;
  read: (segments: readonly Segment[], d: Delimiters) => { value: T; issues: X12Issue[] };
  /** builds with the separators of the file read, so values holding another separator (ISA11 = ISA16 files) round-trip */
  build?: (value: T, d: Delimiters) => Segment[];
  /** syntax-layer errors the source files really contain: file → codes and why */
  knownSyntaxErrors?: Record<string, { codes: string[]; reason: string }>;
  /** assert that the reader finds no error at all (guide layer included) */
  noGuideErrors?: boolean;
  /** extra assertions on every value read from one file */
  check?: (file: string, values: T[], issues: X12Issue[]) => void;
}

export function sampleSuite<T>(s: SampleSuite<T>): void {
  const data = testData(`x12-samples/${s.folder}`);
  if (!data.present) {
    it.skip(data.title(`${s.folder} samples read and round-trip`), () => {});
    return;
  }
  for (const file of sampleFiles(s.folder)) {
    it(`${s.folder}/${file} reads without syntax errors${s.build ? ' and round-trips' : ''}`, () => {
      const parsed = parseText(readSample(s.folder, file), file); // the file as it is (ISA11 = ISA16 is a warning)
      const errors = [...new Set(parsed.syntaxIssues.filter((i) => i.severity === 'error').map((i) => i.code))].sort();
      expect(errors, `syntax errors in ${file}`).toEqual([...(s.knownSyntaxErrors?.[file]?.codes ?? [])].sort());
      expect(parsed.transactions.length).toBeGreaterThan(0);
      const values: T[] = [];
      const issues: X12Issue[] = [];
      for (const tx of parsed.transactions) {
        const r = s.read(tx.segments, parsed.delimiters);
        expect(r.issues.filter((i) => i.layer === 'syntax')).toEqual([]);
        values.push(r.value);
        pushAll(issues, r.issues);
        if (s.build) roundTrip(s, r.value, parsed.delimiters);
      }
      if (s.noGuideErrors)
        expect(
          issues.filter((i) => i.severity === 'error'),
          `reader errors in ${file}`,
        ).toEqual([]);
      s.check?.(file, values, issues);
    });
  }
}

/** build → read equals; build → text → read → build gives identical text. */
function roundTrip<T>(s: SampleSuite<T>, value: T, d: Delimiters): void {
  const build = s.build!;
  const text1 = transactionText(build(value, d), s.functionalId, d);
  const parsed = parseText(text1);
  expect(parsed.syntaxIssues.filter((i) => i.severity === 'error')).toEqual([]);
  const again = s.read(parsed.transactions[0]!.segments, parsed.delimiters).value;
  expectSame(again, value);
  expect(transactionText(build(again, parsed.delimiters), s.functionalId, parsed.delimiters)).toBe(text1);
}
