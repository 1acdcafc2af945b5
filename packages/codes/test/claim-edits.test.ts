/**
 * The scrubber edits commercial scrubbers run, each with a failing and a passing case: NCCI bypass rules as
 * CMS states them (column-2 placement, no 59 on an E/M, 25 only on an E/M, anatomic modifiers only when the
 * sites differ), NCCI across the patient's other claims of the day, the hospital (OPPS) table for
 * institutional claims; and, from the Physician Fee Schedule in CMS's layout (fixture PPRRVU26_JAN.csv):
 * add-on codes without their primary, global surgery periods, facility/non-facility pricing, modifiers the
 * code takes; modifier validity; the side of a diagnosis against RT/LT; external causes and manifestations
 * never first; NUCC taxonomies.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import type { CodeCatalog } from '../src/catalog/code-catalog.ts';
import { quarterlyRelease } from '../src/catalog/release-types.ts';
import { createDemoCatalog } from '../src/demo/demo-codes.ts';
import { checkCoding } from '../src/edits/check-coding.ts';
import { type CodingInput, editIndex } from '../src/edits/edit-types.ts';
import { detectCodeFile, importIntoCatalog } from '../src/import/import-file.ts';
import { importNcciPtp } from '../src/import/ncci.ts';

const fixture = (f: string) =>
  readFileSync(path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures', f), 'utf8');

let catalog: CodeCatalog;
beforeAll(async () => {
  catalog = createDemoCatalog();
  const pfs = detectCodeFile('PPRRVU26_JAN.csv');
  expect(pfs).toMatchObject({ kind: 'pfs-rvu', meta: { codeSet: 'pfs', releaseId: '2026-Q1' } });
  const r = await importIntoCatalog(catalog, pfs!, fixture('PPRRVU26_JAN.csv'));
  expect(r.issues).toEqual([]);
  expect(r.records).toBe(18);
  catalog.addRelease(quarterlyRelease('ncci_ptp', 2025, 1), {
    kind: 'ncci_ptp',
    edits: (await importNcciPtp(fixture('ncci-ptp-practitioner.txt'))).records,
  });
  expect(detectCodeFile('ncci-hospital-ptp-edits-2025q1.txt')?.kind).toBe('ncci-ptp-hospital');
  catalog.addRelease(quarterlyRelease('ncci_ptp_hospital', 2025, 1), {
    kind: 'ncci_ptp',
    edits: (await importNcciPtp(fixture('ncci-ptp-hospital.txt'))).records,
  });
  catalog.addCodes({ codeSet: 'taxonomy', releaseId: '25.1', effectiveFrom: '2025-07-01' }, [
    {
      code: '207Q00000X',
      billable: true,
      shortTitle: 'Family Medicine Physician',
      longTitle: 'Family Medicine',
      attrs: { section: 'Individual' },
    },
    {
      code: '261QR1300X',
      billable: true,
      shortTitle: 'Rural Health Clinic',
      longTitle: 'Clinic/Center / Rural Health',
      attrs: { section: 'Non-Individual' },
    },
  ]);
});

const DOS = '2026-03-10';
const input = (procedures: CodingInput['procedures'], more: Partial<CodingInput> = {}): CodingInput => ({
  diagnoses: ['I10'],
  procedures: procedures.map((p) => ({ pointers: [1], ...p })),
  patient: { birthDate: '1960-01-01', sex: 'F' },
  dateOfService: DOS,
  claimKind: 'professional',
  placeOfService: '11',
  ...more,
});
const rules = (i: CodingInput) =>
  checkCoding(i, catalog)
    .filter((e) => !['px-unknown', 'dx-unknown', 'dx-not-in-force'].includes(e.ruleId))
    .map((e) => `${e.ruleId}@${editIndex(e, 'procedures')}`);

describe('NCCI bypass rules as CMS states them', () => {
  it('59 bypasses on the column-2 code only; on column 1 it is a placement error', () => {
    expect(rules(input([{ code: '97140' }, { code: '97530', modifiers: ['59'] }]))).toEqual([]);
    expect(rules(input([{ code: '97140', modifiers: ['59'] }, { code: '97530' }]))).toEqual([
      'ncci-modifier-placement@1',
    ]);
  });
  it('59 never bypasses an E/M pair; 25 does, and 25 only on an E/M', () => {
    expect(rules(input([{ code: '20610' }, { code: '99213', modifiers: ['59'] }]))).toEqual([
      'ncci-ptp@1',
      'global-period@1',
    ]);
    expect(rules(input([{ code: '20610' }, { code: '99213', modifiers: ['25'] }]))).toEqual([]);
    expect(rules(input([{ code: '11042' }, { code: '97597', modifiers: ['25'] }]))).toEqual(['ncci-ptp@1']);
    expect(rules(input([{ code: '11042' }, { code: '97597', modifiers: ['XS'] }]))).toEqual([]);
  });
  it('anatomic modifiers bypass only when the two lines name different sites', () => {
    expect(
      rules(
        input([
          { code: '11042', modifiers: ['RT'] },
          { code: '97597', modifiers: ['RT'] },
        ]),
      ),
    ).toEqual(['ncci-ptp@1']);
    expect(rules(input([{ code: '11042' }, { code: '97597', modifiers: ['LT'] }]))).toEqual(['ncci-ptp@1']);
    expect(
      rules(
        input([
          { code: '11042', modifiers: ['RT'] },
          { code: '97597', modifiers: ['LT'] },
        ]),
      ),
    ).toEqual([]);
  });
  it("runs across the patient's other claims by the same provider on the same date", () => {
    const other = [{ code: '97140', modifiers: [], date: DOS, claimNumber: 'C0000042' }];
    const edits = checkCoding(input([{ code: '97530' }], { otherLines: other }), catalog).filter(
      (e) => e.ruleId === 'ncci-ptp',
    );
    expect(edits).toHaveLength(1);
    expect(edits[0].message).toContain('billed on claim C0000042 the same day');
    expect(rules(input([{ code: '97530' }], { otherLines: [{ ...other[0], date: '2026-03-11' }] }))).toEqual([]);
  });
  it('institutional claims use the hospital (OPPS) table, not the practitioner one', () => {
    const pair = [{ code: '96372' }, { code: '36415' }];
    expect(rules(input(pair, { claimKind: 'institutional' }))).toEqual(['ncci-ptp@1']);
    expect(rules(input(pair))).toEqual([]);
    expect(rules(input([{ code: '97140' }, { code: '97530' }], { claimKind: 'institutional' }))).toEqual([]);
  });
});

describe('Physician Fee Schedule edits (CMS RVU layout)', () => {
  it('an add-on code (global ZZZ) needs its primary procedure on the same date', () => {
    expect(rules(input([{ code: '11045' }]))).toEqual(['add-on-without-primary@0']);
    expect(rules(input([{ code: '11042' }, { code: '11045' }]))).toEqual([]);
  });
  it('a visit in a global period needs 24, 25 or 57', () => {
    const surgery = [{ code: '27447', modifiers: [], date: '2026-02-20', claimNumber: 'C0000007' }];
    expect(rules(input([{ code: '99213' }], { otherLines: surgery, placeOfService: '11' }))).toEqual([
      'global-period@0',
    ]);
    expect(rules(input([{ code: '99213', modifiers: ['24'] }], { otherLines: surgery }))).toEqual([]);
    expect(rules(input([{ code: '99213' }], { otherLines: [{ ...surgery[0], date: '2025-11-01' }] }))).toEqual([]);
    const minor = [{ code: '10060', modifiers: [], date: DOS, claimNumber: 'C0000008' }];
    expect(rules(input([{ code: '99213' }], { otherLines: minor }))).toEqual(['global-period@0']);
    expect(rules(input([{ code: '99213', modifiers: ['25'] }], { otherLines: minor }))).toEqual([]);
    expect(rules(input([{ code: '11042' }], { otherLines: [{ ...minor[0], date: '2026-03-05' }] }))).toEqual([
      'global-period@0',
    ]);
    expect(
      rules(input([{ code: '11042', modifiers: ['79'] }], { otherLines: [{ ...minor[0], date: '2026-03-05' }] })),
    ).toEqual([]);
  });
  it('a code not priced in the office (non-facility NA) is refused at POS 11 and passes at POS 21', () => {
    expect(rules(input([{ code: '99221' }]))).toEqual(['pos-facility@0']);
    expect(rules(input([{ code: '99221' }], { placeOfService: '21' }))).toEqual([]);
  });
  it('modifiers the code does not take: TC on a code without PC/TC, 50 on a non-bilateral code', () => {
    expect(rules(input([{ code: '99213', modifiers: ['TC'] }]))).toEqual(['modifier-not-for-code@0']);
    expect(rules(input([{ code: '71046', modifiers: ['TC'] }]))).toEqual([]);
    expect(rules(input([{ code: '11042', modifiers: ['50'] }]))).toEqual(['modifier-not-for-code@0']);
    expect(rules(input([{ code: '20610', modifiers: ['50'] }]))).toEqual([]);
  });
});

describe('code-list edits', () => {
  it('a modifier that does not exist', () => {
    expect(rules(input([{ code: '20610', modifiers: ['ZZ'] }]))).toEqual(['modifier-invalid@0']);
  });
  it('RT on a line whose diagnosis is of the left side', () => {
    const left = catalog.codesOn('icd10cm', DOS)!;
    const code = [...left.keys()].find(
      (k) => /left knee/i.test(left.get(k)!.longTitle) && !/bilateral/i.test(left.get(k)!.longTitle),
    );
    expect(code, 'a left-knee code in the demo list').toBeDefined();
    expect(rules(input([{ code: '20610', modifiers: ['RT'] }], { diagnoses: [code!] }))).toEqual([
      'dx-side-modifier@0',
    ]);
    expect(rules(input([{ code: '20610', modifiers: ['LT'] }], { diagnoses: [code!] }))).toEqual([]);
  });
  it('external-cause codes (V00–Y99) are never first', () => {
    const ids = (dx: string[]) => checkCoding(input([], { diagnoses: dx }), catalog).map((e) => e.ruleId);
    expect(ids(['W010XXA', 'S8001XA'])).toContain('dx-external-cause-first');
    expect(ids(['S8001XA', 'W010XXA'])).not.toContain('dx-external-cause-first');
  });
  it('taxonomies are checked against the NUCC list and its individual/organization section', () => {
    const tax = (code: string, section: 'Individual' | 'Non-Individual') =>
      checkCoding(
        input([], { taxonomies: [{ path: 'rendering.taxonomy', who: 'The rendering provider', code, section }] }),
        catalog,
      ).map((e) => e.ruleId);
    expect(tax('207Q00000X', 'Individual')).toEqual([]);
    expect(tax('207Q99999X', 'Individual')).toEqual(['taxonomy-unknown']);
    expect(tax('207Q00000X', 'Non-Individual')).toEqual(['taxonomy-kind']);
    expect(tax('261QR1300X', 'Non-Individual')).toEqual([]);
  });
});
