import { describe, expect, it } from 'vitest';
import { testData } from '../../../../test-data.ts';
import fs from 'node:fs';
import path from 'node:path';
import { tokenize, tokenizeStream } from './tokenizer.ts';
import { readEnvelopes } from './envelope.ts';
import { parseX12File } from '../parse-file.ts';

const sampleData = testData('x12-samples');
const samplesDir = sampleData.path;
const haveData = sampleData.present;

/**
 * Defects that are really in the sample files (checked by hand against the files; see MANIFEST.csv
 * notes). Anything else reported as a syntax error fails the test.
 */
const KNOWN_DEFECTS: Record<string, string[]> = {
  '271/lfh__subscriber-health-benefit-check-error.271': ['SE_CONTROL_MISMATCH'],
  '277/imsweb__x12_277_x212.txt': ['IEA_CONTROL_MISMATCH'],
  '835/affect835__sample_835.txt': ['SE_COUNT_MISMATCH'],
  '835/affect835__sample_835_with_interests.txt': ['SEGMENT_ID_INVALID', 'SE_COUNT_MISMATCH'],
  '837i/imsweb__x223-test.txt': ['SE_COUNT_MISMATCH'],
  '837i/oopfactory__InstitutionalClaim5010.txt': ['SE_COUNT_MISMATCH'],
  '837p/imsweb__x12_complex.txt': ['SE_COUNT_MISMATCH', 'GE_COUNT_MISMATCH'],
  '837p/imsweb__x12_multiple_gs.txt': ['SE_COUNT_MISMATCH', 'IEA_COUNT_MISMATCH'],
  '837p/imsweb__x12_multiple_st.txt': ['SE_COUNT_MISMATCH', 'DUPLICATE_CONTROL_NUMBER', 'GE_COUNT_MISMATCH'],
  '837p/oopfactory__ProfessionalClaim1.txt': ['SE_COUNT_MISMATCH'],
  '999/imsweb__x12_999_accepted.txt': ['IEA_CONTROL_MISMATCH'],
  'ta1/uhin__TA1.edi': ['IEA_COUNT_MISMATCH'],
};
// imsweb's 837P fixtures all carry SE01 = 25 whatever their length; oopfactory's 271 validation fixtures likewise
for (const f of [
  'ambiguous_loop',
  'many_claims',
  'multiple_isa',
  'multiple_transactions',
  'no_errors',
  'valid',
  'valid_different_separators',
  'writer_test',
]) {
  KNOWN_DEFECTS[`837p/imsweb__x12_${f}.txt`] = ['SE_COUNT_MISMATCH'];
}
for (const f of [
  'DependentBenefitInfo',
  'DependentName',
  'ReceiverName',
  'Source',
  'SourceName',
  'SubscriberBenefitInfo',
  'SubscriberName',
  'OnAll',
]) {
  KNOWN_DEFECTS[`271/oopfactory__ValidationFor${f}.txt`.replace('ValidationForOnAll', 'ValidationOnAll')] = [
    'SE_COUNT_MISMATCH',
  ];
}

function sampleFiles(): string[] {
  if (!haveData) return [];
  return fs
    .readdirSync(samplesDir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && d.name !== 'invalid')
    .flatMap((d) => fs.readdirSync(path.join(samplesDir, d.name)).map((f) => `${d.name}/${f}`))
    .sort();
}

describe.skipIf(!haveData)(sampleData.title('every x12 sample (except invalid/) tokenizes and envelope-checks'), () => {
  const files = sampleFiles();
  it('finds the samples', () => expect(files.length).toBeGreaterThan(100));
  for (const f of files) {
    it(f, async () => {
      const text = fs.readFileSync(path.join(samplesDir, f), 'utf8');
      const t = tokenize(text, { file: f });
      const env = readEnvelopes(t.segments, { file: f });
      const errors = [...t.issues, ...env.issues].filter((i) => i.severity === 'error').map((i) => i.code);
      expect([...new Set(errors)].sort()).toEqual([...(KNOWN_DEFECTS[f] ?? [])].sort());
      expect(env.interchanges.length).toBeGreaterThan(0);
      // the streaming tokenizer agrees on odd chunk sizes
      const bytes = fs.readFileSync(path.join(samplesDir, f));
      const chunks = Array.from({ length: Math.ceil(bytes.length / 61) }, (_, i) =>
        bytes.subarray(i * 61, i * 61 + 61),
      );
      const streamed = [];
      for await (const b of tokenizeStream(chunks)) streamed.push(...b);
      expect(streamed).toEqual(t.segments);
    });
  }
});

describe.skipIf(!haveData)(sampleData.title('deliberately broken samples (invalid/)'), () => {
  const dir = path.join(samplesDir, 'invalid');
  const files = haveData ? fs.readdirSync(dir).sort() : [];
  for (const f of files) {
    it(`${f} parses without throwing and every issue is positioned`, () => {
      const r = parseX12File(fs.readFileSync(path.join(dir, f), 'utf8'), { file: f });
      for (const i of r.issues)
        expect(i.location.offset ?? i.location.segmentIndex, `${i.code} ${i.message}`).toBeDefined();
    });
  }
  it('finds the errors the fixtures were made for', () => {
    const codes = (f: string) => parseX12File(fs.readFileSync(path.join(dir, f), 'utf8')).issues.map((i) => i.code);
    expect(codes('imsweb__x12_no_isa_line.txt')).toContain('ISA_MISSING');
    expect(codes('badx12__error_validation.edi')).toContain('IEA_CONTROL_MISMATCH');
    expect(codes('nodex12__271.edi')).toEqual(expect.arrayContaining(['GE_MISSING', 'IEA_MISSING']));
    expect(codes('oopfactory__FromBogeyone.txt')).toEqual(
      expect.arrayContaining(['SE_MISSING', 'GE_MISSING', 'IEA_MISSING']),
    );
    expect(codes('imsweb__x12_bad_segment_identifier.txt')).toContain('SEGMENT_ID_INVALID');
  });
});
