import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { CodeCatalog } from '../src/catalog/code-catalog.ts';
import { fiscalYearRelease, quarterlyRelease } from '../src/catalog/release-types.ts';
import { checkCoding } from '../src/edits/check-coding.ts';
import type { CodingInput, ProcedureLine } from '../src/edits/edit-types.ts';
import { importMue, importNcciPtp } from '../src/import/ncci.ts';
import { importIcd10cmOrderFile } from '../src/import/order-file.ts';
import { importTabularXml } from '../src/import/tabular-xml.ts';
import { dataText, hasData, dataTitle } from './shared-data.ts';

const fixture = (f: string) =>
  readFileSync(path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures', f), 'utf8');
const adult = { birthDate: '1970-06-15', sex: 'M' as const };
const input = (diagnoses: string[], more: Partial<CodingInput> = {}): CodingInput => ({
  diagnoses,
  procedures: [],
  patient: adult,
  dateOfService: '2025-11-03',
  ...more,
});

describe('NCCI PTP and MUE edits (fixture tables)', () => {
  const catalog = new CodeCatalog();
  beforeAll(async () => {
    catalog.addRelease(quarterlyRelease('ncci_ptp', 2025, 4), {
      kind: 'ncci_ptp',
      edits: (await importNcciPtp(fixture('ncci-ptp-practitioner.txt'))).records,
    });
    catalog.addRelease(quarterlyRelease('mue', 2025, 4), {
      kind: 'mue',
      limits: (await importMue(fixture('mue-practitioner.csv'))).records,
    });
  });
  const px = (procedures: ProcedureLine[]) =>
    checkCoding(input([], { procedures }), catalog).filter((e) => e.ruleId !== 'px-unknown');

  it('indicator 0 pair is an error that no modifier bypasses', () => {
    const edits = px([{ code: '93000' }, { code: '93005', modifiers: ['59'] }]);
    expect(edits).toMatchObject([
      { ruleId: 'ncci-ptp', severity: 'error', location: { field: 'procedures[1]', code: '93005' } },
    ]);
    expect(edits[0].source).toContain('modifier indicator 0');
  });
  it('indicator 1 pair fails without a modifier and passes with 25 or XU on the column-2 code', () => {
    expect(px([{ code: '20610' }, { code: '99213' }])).toMatchObject([
      { ruleId: 'ncci-ptp', location: { code: '99213' } },
    ]);
    expect(px([{ code: '20610' }, { code: '99213', modifiers: ['25'] }])).toEqual([]);
    expect(px([{ code: '97140', modifiers: ['XU'] }, { code: '97530' }])).toHaveLength(1);
    expect(px([{ code: '97140' }, { code: '97530', modifiers: ['XU'] }])).toEqual([]);
  });
  it('pairs on different dates, deleted edits and indicator 9 do not fire', () => {
    expect(
      px([
        { code: '20610', date: '2025-11-03' },
        { code: '99213', date: '2025-11-04' },
      ]),
    ).toEqual([]);
    expect(px([{ code: '36415' }, { code: '36416' }])).toEqual([]);
    expect(px([{ code: '80053' }, { code: '80048' }])).toEqual([]);
  });
  it('MUE per line (MAI 1) and per date (MAI 2/3)', () => {
    expect(px([{ code: 'A4253', units: 2 }])).toMatchObject([{ ruleId: 'mue-units', location: { code: 'A4253' } }]);
    expect(
      px([
        { code: 'A4253', units: 1 },
        { code: 'A4253', units: 1 },
      ]),
    ).toEqual([]);
    const perDay = px([
      { code: '96372', units: 3 },
      { code: '96372', units: 2 },
    ]);
    expect(perDay).toMatchObject([{ ruleId: 'mue-units', location: { field: 'procedures[1]' } }]);
    expect(perDay[0].source).toContain('MAI 3');
    expect(
      px([
        { code: '96372', units: 2 },
        { code: '96372', units: 2 },
      ]),
    ).toEqual([]);
  });
});

describe('Tabular rules apply only to codes present in the release in force', () => {
  const tabular = [
    { kind: 'diag' as const, id: 'A01', title: 'Old category', notes: { excludes1: ['other thing (B02.-)'] }, line: 1 },
  ];
  const withCategory = (present: boolean) => {
    const c = new CodeCatalog();
    const e = (code: string, billable = true) => ({ code, billable, shortTitle: code, longTitle: code });
    c.addCodes(fiscalYearRelease('icd10cm', 2026), [...(present ? [e('A01', false)] : []), e('A010'), e('B020')]);
    c.setTabular(tabular, 'ICD-10-CM Tabular FY2017');
    return c;
  };
  const dx = { diagnoses: ['A01.0', 'B02.0'], procedures: [], patient: adult, dateOfService: '2025-11-03' };
  it('fires when the note-carrying code still exists', () => {
    expect(checkCoding(dx, withCategory(true)).map((e) => e.ruleId)).toEqual(['dx-excludes1']);
  });
  it('is ignored when the note-carrying code is gone from the release', () => {
    expect(checkCoding(dx, withCategory(false))).toEqual([]);
  });
});

describe.skipIf(!hasData)(dataTitle('ICD-10-CM edits on FY2026 with FY2017 Tabular rules'), () => {
  const catalog = new CodeCatalog();
  beforeAll(async () => {
    catalog.addCodes(
      { ...fiscalYearRelease('icd10cm', 2025), source: 'icd10cm_order_2025.txt' },
      (await importIcd10cmOrderFile(dataText('icd10cm/icd10cm_order_2025.txt.gz'))).records,
    );
    catalog.addCodes(
      { ...fiscalYearRelease('icd10cm', 2026), source: 'icd10cm_order_2026.txt' },
      (await importIcd10cmOrderFile(dataText('icd10cm/icd10cm_order_2026.txt'))).records,
    );
    const tab = await importTabularXml(dataText('icd10cm/xml-fy2017-structural-only/icd10cm_tabular_2017.xml.gz'));
    tabular = tab;
    catalog.setTabular(tab.records, `ICD-10-CM Tabular FY${tab.version}`);
  });
  let tabular: Awaited<ReturnType<typeof importTabularXml>>;
  it('imports the FY2017 Tabular XML: notes and 7th characters', () => {
    expect(tabular.ok).toBe(true);
    // 43,666 <diag> plus 244 <diag placeholder="true">
    expect(tabular.records.filter((e) => e.kind === 'diag')).toHaveLength(43_910);
    expect(tabular.records.find((e) => e.id === 'S52')?.sevenChr?.A).toBe('initial encounter for closed fracture');
    expect(tabular.records.find((e) => e.id === 'E11')?.notes.excludes1).toContain('type 1 diabetes mellitus (E10.-)');
  });
  const rules = (i: CodingInput) => checkCoding(i, catalog).map((e) => e.ruleId);

  it('header code is not billable; a billable code passes', () => {
    const [edit] = checkCoding(input(['E11']), catalog);
    expect(edit).toMatchObject({
      code: 'dx-not-billable',
      ruleId: 'dx-not-billable',
      severity: 'error',
      location: { field: 'diagnoses[0]', code: 'E11' },
    });
    expect(rules(input(['E11.9']))).toEqual([]);
  });
  it('code not valid on the date of service (deleted in FY2026) and unknown codes', () => {
    expect(rules(input(['B88.0'], { dateOfService: '2025-09-30' }))).toEqual([]);
    expect(rules(input(['B88.0'], { dateOfService: '2025-10-01' }))).toEqual(['dx-not-billable']);
    expect(rules(input(['B88.01'], { dateOfService: '2025-09-30' }))).toEqual(['dx-not-in-force']);
    expect(rules(input(['E11.99']))).toEqual(['dx-unknown']);
  });
  it('missing or invalid 7th character; placeholder X', () => {
    const [seventh] = checkCoding(input(['S52.501']), catalog);
    expect(seventh).toMatchObject({
      ruleId: 'dx-7th-character',
      source: 'ICD-10-CM Tabular FY2017 sevenChrDef at S52 (category present in FY2026)',
    });
    expect(rules(input(['S52.501Z']))).toEqual(['dx-7th-character']);
    expect(checkCoding(input(['W54.0A']), catalog)[0].message).toContain('W54.0XXA');
    expect(checkCoding(input(['H21.11']), catalog)[0]).toMatchObject({
      ruleId: 'dx-placeholder-x',
      source: 'ICD-10-CM Tabular FY2017 placeholder subcategory H21.1X',
    });
    expect(rules(input(['H21.1X1']))).toEqual([]);
    expect(rules(input(['S52.501A', 'W54.0XXA']))).toEqual([]);
  });
  it('Excludes1 pair on the same claim (warning citing the note) and a pair without one', () => {
    const [ex] = checkCoding(input(['E11.9', 'E10.9']), catalog);
    expect(ex).toMatchObject({ ruleId: 'dx-excludes1', severity: 'warning', location: { field: 'diagnoses[1]' } });
    expect(ex.source).toBe('ICD-10-CM Tabular FY2017 Excludes1 at E11');
    expect(rules(input(['E11.9', 'I10']))).toEqual([]);
  });
  it('manifestation code listed first, or without its etiology; etiology first passes', () => {
    expect(rules(input(['G63']))).toEqual(['dx-manifestation-first']);
    expect(rules(input(['I10', 'G63']))).toEqual(['dx-manifestation-etiology']);
    expect(rules(input(['E85.4', 'G63']))).toEqual([]);
  });
  it('age conflicts: newborn, pediatric, maternity, adult', () => {
    expect(rules(input(['P07.30']))).toEqual(['dx-age']);
    expect(rules(input(['P07.30'], { patient: { birthDate: '2025-10-20', sex: 'M' } }))).toEqual([]);
    expect(rules(input(['Z00.129']))).toEqual(['dx-age']);
    expect(rules(input(['Z00.129'], { patient: { birthDate: '2015-01-01', sex: 'F' } }))).toEqual([]);
    expect(rules(input(['Z00.00'], { patient: { birthDate: '2015-01-01', sex: 'F' } }))).toEqual(['dx-age']);
    expect(rules(input(['O80'], { patient: { birthDate: '1960-01-01', sex: 'F' } }))).toEqual(['dx-age']);
    expect(rules(input(['O80'], { patient: { birthDate: '1995-01-01', sex: 'F' } }))).toEqual([]);
  });
  it('sex conflicts with the source named', () => {
    const [sex] = checkCoding(input(['N40.0'], { patient: { birthDate: '1950-01-01', sex: 'F' } }), catalog);
    expect(sex).toMatchObject({
      ruleId: 'dx-sex',
      severity: 'warning',
      source: 'ICD-10-CM section N40-N53 "Diseases of male genital organs"',
    });
    expect(rules(input(['N40.0']))).toEqual([]);
    expect(rules(input(['O80'], { patient: { birthDate: '1990-01-01', sex: 'M' } }))).toEqual(['dx-sex']);
  });
  it('unspecified laterality when right and left codes exist', () => {
    const [lat] = checkCoding(input(['M25.569']), catalog);
    expect(lat).toMatchObject({ ruleId: 'dx-unspecified-laterality', severity: 'warning' });
    expect(lat.message).toContain('M25.561');
    expect(rules(input(['M25.561']))).toEqual([]);
    expect(rules(input(['R51.9']))).toEqual([]);
  });
});
