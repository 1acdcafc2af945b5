import { describe, expect, it } from 'vitest';
import { parseX12File } from '../../parse-file.ts';
import { hasSamples, readSample, sampleFiles, samples } from '../common/samples.test-util.ts';
import { transactionReaders } from '../registry.ts';
import { read837 } from '../837/read-837.ts';
import { read270, read271 } from '../270-271/read-eligibility.ts';
import { read276 } from '../276-277/read-claim-status.ts';
import { read277Any, read277ca } from './read-277ca.ts';

describe('registry entries of the claim-side and inquiry readers', () => {
  it('maps ST01 and unambiguous versions to these readers', () => {
    expect(transactionReaders.get('837')).toBe(read837);
    expect(transactionReaders.get('005010X222A1')).toBe(read837);
    expect(transactionReaders.get('005010X223A2')).toBe(read837);
    expect(transactionReaders.get('270')).toBe(read270);
    expect(transactionReaders.get('271')).toBe(read271);
    expect(transactionReaders.get('276')).toBe(read276);
    expect(transactionReaders.get('277')).toBe(read277Any);
    expect(transactionReaders.get('005010X214')).toBe(read277ca);
  });

  const kinds: Array<[string, (v: unknown) => boolean]> = [
    ['837p', (v) => Array.isArray((v as { billingProviders?: unknown }).billingProviders)],
    ['837i', (v) => (v as { kind?: string }).kind === 'institutional'],
    ['270', (v) => Array.isArray((v as { sources?: unknown }).sources)],
    ['271', (v) => Array.isArray((v as { sources?: unknown }).sources)],
    ['276', (v) => (v as { kind?: string }).kind === '276'],
    ['277', (v) => (v as { kind?: string }).kind === '277'],
    ['277ca', (v) => (v as { kind?: string }).kind === '277CA'],
  ];
  for (const [folder, ok] of kinds) {
    it.skipIf(!hasSamples)(
      samples.title(`parseX12File reads every ${folder} sample with the registered reader`),
      () => {
        for (const f of sampleFiles(folder)) {
          const parsed = parseX12File(readSample(folder, f), { file: f });
          expect(
            parsed.issues.filter((i) => i.code === 'TRANSACTION_UNSUPPORTED' || i.code === 'READER_FAILED'),
          ).toEqual([]);
          expect(parsed.transactions.length).toBeGreaterThan(0);
          for (const t of parsed.transactions) expect(ok(t.value), `${folder}/${f}`).toBe(true);
        }
      },
    );
  }
});
