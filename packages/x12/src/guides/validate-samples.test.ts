import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { testData } from '../../../../test-data.ts';
import { validateFile } from './validate.ts';

const sampleData = testData('x12-samples');
const samples = sampleData.path;
const haveData = sampleData.present;

const read = (rel: string) => readFileSync(path.join(samples, rel), 'utf8');
const files = (dir: string) =>
  haveData
    ? readdirSync(path.join(samples, dir))
        .sort()
        .map((f) => `${dir}/${f}`)
    : [];
const errors = (rel: string) => validateFile(read(rel), { file: rel }).issues.filter((i) => i.severity === 'error');

describe.skipIf(!haveData)(sampleData.title('invalid samples (MANIFEST folder invalid/)'), () => {
  it.each(files('invalid'))('%s is rejected with a positioned error', (rel) => {
    const errs = errors(rel);
    expect(errs.length).toBeGreaterThan(0);
    expect(errs.some((e) => e.location.segmentIndex !== undefined || e.location.offset !== undefined)).toBe(true);
  });

  it('names what the imsweb fixtures break', () => {
    const codes = (rel: string) => new Set(errors(rel).map((e) => e.code));
    expect(codes('invalid/imsweb__x12_bad_valid_code.txt')).toContain('INVALID_CODE_VALUE');
    expect(codes('invalid/imsweb__x12_bad_segment_identifier.txt')).toContain('UNRECOGNIZED_SEGMENT');
    expect(codes('invalid/imsweb__x12_loop_errors1_exceeds_max_1_parent.txt')).toContain('LOOP_OVER_MAX');
    expect(codes('invalid/imsweb__x12_loop_errors2_exceeds_max_repeats_multiple_parents.txt')).toContain(
      'LOOP_OVER_MAX',
    );
    expect(codes('invalid/imsweb__x12_loop_errors3_missing_loops.txt')).toContain('REQUIRED_LOOP_MISSING');
    expect(codes('invalid/imsweb__x12_missing_elements.txt')).toContain('REQUIRED_ELEMENT_MISSING');
    expect(codes('invalid/imsweb__x12_missing_required_loop_in_one_repeat.txt')).toContain('REQUIRED_LOOP_MISSING');
    expect(codes('invalid/imsweb__x12_segment_errors.txt')).toContain('REQUIRED_SEGMENT_MISSING');
    expect(codes('invalid/imsweb__x12_segments_out_of_order.txt')).toContain('SEGMENT_OUT_OF_ORDER');
    expect(codes('invalid/badx12__error_validation.edi')).toContain('IEA_CONTROL_MISMATCH');
    expect(codes('invalid/badx12__unknown_segment_error.edi')).toContain('UNEXPECTED_SEGMENT');
  });
});

/**
 * Error counts [syntax, guide] for the "valid" samples that are not clean. Every one was checked by
 * hand; the reasons (source-file defects, not validator bugs):
 * - SE_COUNT_MISMATCH: imsweb fixtures all say SE01=25 whatever their length; affect835 files too.
 * - IEA_CONTROL_MISMATCH: 999/imsweb__x12_999_accepted.txt (MANIFEST note: IEA02 ≠ ISA13 in source).
 * - GE/IEA count, DUPLICATE_CONTROL_NUMBER: imsweb multiple_gs / multiple_st copy counts and ST02s.
 * - SEGMENT_ID_INVALID: affect835 with_interests has a stray line.
 * - guide findings: wrong component separator in data (lfh 837/835 demo files use '>' while ISA16 is
 *   ':'; OopFactory 837I Spec files use ':' while ISA16 is '^'), imsweb HI*BK*8901 (not BK:8901),
 *   de-identified values ('XX', '9999', '99' codes in OopFactory Nth files), DTM 050 before 232/233
 *   (out of order) in the Nth 835s, missing 1000A PER*BL (required in X221A1) in lfh 835s, 2200C
 *   without STC in 277CA files, 4010-era segments (DMG in 2320) and codes (PWK02 AD, CAS CR), ST03
 *   '005010X231' / '005010X223' where the A1/A2 guides expect their own ids.
 */
const KNOWN: Record<string, [number, number]> = {
  '835/affect835__sample_835.txt': [2, 25],
  '835/affect835__sample_835_with_interests.txt': [3, 23],
  '835/edi835__united_healthcare_legacy_sample.txt': [0, 1],
  '835/lfh__cob-contractural-adjustment.835': [0, 4],
  '835/lfh__managed-care.835': [0, 2],
  '835/lfh__medicare-part-a.835': [0, 5],
  '835/lfh__secondary-payment.835': [0, 6],
  '835/lfh__tertiary-payment.835': [0, 5],
  '835/oopfactory__835_WithMultipleInterchanges.txt': [0, 196],
  '835/oopfactory__Example1.txt': [0, 14],
  '835/oopfactory__ExampleFromNth.txt': [0, 196],
  '837p/badx12__X222-oxygen.edi': [0, 2],
  '837p/badx12__X222-wheelchair.edi': [0, 1],
  '837p/imsweb__x12_ambiguous_loop.txt': [1, 0],
  '837p/imsweb__x12_complex.txt': [3, 78],
  '837p/imsweb__x12_many_claims.txt': [1, 6558],
  '837p/imsweb__x12_multiple_gs.txt': [4, 42],
  '837p/imsweb__x12_multiple_isa.txt': [2, 28],
  '837p/imsweb__x12_multiple_st.txt': [4, 28],
  '837p/imsweb__x12_multiple_transactions.txt': [312, 4368],
  '837p/imsweb__x12_no_errors.txt': [1, 14],
  '837p/imsweb__x12_valid.txt': [1, 14],
  '837p/imsweb__x12_valid_different_separators.txt': [1, 14],
  '837p/imsweb__x12_writer_test.txt': [1, 0],
  '837p/lfh__demo.ambulance.example5.837': [0, 1],
  '837p/lfh__demo.cob.2ndary.example4.837': [0, 7],
  '837p/lfh__demo.cob.example3.A.837': [0, 1],
  '837p/lfh__demo.cob.example4.837': [0, 2],
  '837p/lfh__demo.example11.837': [0, 12],
  '837p/lfh__demo.example12.837': [0, 7],
  '837p/lfh__demo.example6.837': [0, 7],
  '837p/lfh__demo.example9.837': [0, 8],
  '837p/oopfactory__Example1_2_And_3_Combined.txt': [0, 2],
  '837p/oopfactory__Example3_COB.txt': [0, 2],
  '837p/oopfactory__MedicaidExample.txt': [0, 32],
  '837p/oopfactory__ProfessionalClaim1.txt': [1, 5],
  '837i/imsweb__x223-test.txt': [1, 12],
  '837i/lfh__institutional-claim.837i': [0, 4],
  '837i/lfh__out-of-network-repriced-claim.837i': [0, 9],
  '837i/lfh__ppo-repriced-claim.837i': [0, 17],
  '837i/lfh__two-claims-single-provider.837i': [0, 4],
  '837i/oopfactory__InstitutionalClaim5010.txt': [1, 24],
  '837i/oopfactory__Spec_3.1.1.txt': [0, 30],
  '837i/oopfactory__Spec_3.1.2_TwoClaimsForTheSameProvider.txt': [0, 4],
  '837i/oopfactory__Spec_3.1.3_PPORepricedClaim.txt': [0, 19],
  '837i/oopfactory__Spec_3.1.4_OutOfNetworkRepricedClaim.txt': [0, 10],
  '277ca/imsweb__x12_277CA_accepted.txt': [0, 1],
  '277ca/imsweb__x12_277CA_rejected.txt': [0, 1],
  '277ca/oopfactory__277_Deidentified_from_nth.txt': [0, 32],
  '277ca/oopfactory__FromAlexbrodsky.txt': [0, 1],
  '999/imsweb__x12_999_accepted.txt': [1, 0],
  '999/oopfactory__DHS_Wisconsin_Sample.txt': [0, 12],
  '999/pyx12__834_ls_le_ls_5010.999.txt': [0, 1],
  '999/pyx12__834_lui_id_5010.999.txt': [0, 4],
};

/** MANIFEST.csv rows (quoted fields may hold commas). */
function manifest(): Record<string, string>[] {
  const [head, ...rows] = read('MANIFEST.csv')
    .trim()
    .split('\n')
    .map((line) => line.match(/("([^"]|"")*"|[^,]*)(,|$)/g)!.map((f) => f.replace(/,$/, '').replace(/^"|"$/g, '')));
  return rows.map((r) => Object.fromEntries(head.map((h, i) => [h, r[i] ?? ''])));
}

describe.skipIf(!haveData)(sampleData.title('MANIFEST.csv agrees'), () => {
  const rows = haveData ? manifest().filter((r) => !['invalid', 'ta1'].includes(r.transaction_folder)) : [];
  it('has the sample rows', () => expect(rows.length).toBeGreaterThan(120));
  it.each(rows.map((r) => [r.file, r] as const))(
    '%s: transaction count and IEA check match the manifest',
    (rel, row) => {
      const r = validateFile(read(rel));
      expect(r.transactions.length).toBe(Number(row.n_transactions));
      const mismatch = r.issues.some((i) => i.code === 'IEA_CONTROL_MISMATCH');
      expect(mismatch).toBe(row.iea_matches_isa13 === 'N');
    },
  );
});

describe.skipIf(!haveData)(sampleData.title('valid samples'), () => {
  const all = ['835', '837p', '837i', '277ca', '999'].flatMap(files);

  it.each(all)('%s: no syntax errors beyond the known source defects, guide findings as recorded', (rel) => {
    const errs = errors(rel);
    const syntax = errs.filter((e) => e.layer === 'syntax').length;
    const guide = errs.filter((e) => e.layer === 'guide').length;
    expect([syntax, guide]).toEqual(KNOWN[rel] ?? [0, 0]);
  });

  it('picks the guide from GS08, falling back on ST03 for the mislabelled 837I and 276 files', () => {
    const guides = (rel: string) => validateFile(read(rel)).transactions.map((t) => t.guide);
    expect(guides('837i/oopfactory__Spec_3.1.1.txt')).toEqual(['837I']);
    expect(guides('276/oopfactory__Example1_IG.txt')).toEqual(['276']);
    expect(guides('277ca/imsweb__x12_277CA_accepted.txt')).toEqual(['277CA']);
    expect(guides('277/lfh__claim-level-status.277')).toEqual(['277']);
    expect(guides('835/badx12__X221-era-sample.edi')).toEqual(['835']);
  });

  it('clean TR3 examples have no findings at all', () => {
    for (const rel of [
      '837p/badx12__X222-commercial-health-insurance.edi',
      '835/badx12__X221-multiple-claims-single-check.edi',
      '837p/uhin__837.edi',
      '270/lfh__dependent-health-benefit-check.270',
    ]) {
      expect(validateFile(read(rel)).issues).toEqual([]);
    }
  });
});
