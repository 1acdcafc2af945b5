/**
 * The compact code table (issue 8: idle memory) answers as the plain `Map` of entry objects the catalog kept before:
 * same entries, same fields, same map order, same validity on every date, over every official code release in
 * ../shared/data when it is there.
 */
import { describe, expect, it } from 'vitest';
import { CodeCatalog } from '../src/catalog/code-catalog.ts';
import { CodeTable } from '../src/catalog/code-table.ts';
import { fiscalYearRelease, quarterlyRelease, type ReleaseMeta } from '../src/catalog/release-types.ts';
import { importAdjustmentCodes, importNuccTaxonomy, importPlaceOfService } from '../src/import/code-lists.ts';
import { importHcpcsCsv } from '../src/import/hcpcs.ts';
import { importIcd10cmOrderFile, importIcd10pcsOrderFile } from '../src/import/order-file.ts';
import type { CodeEntry, CodeSet, IsoDate } from '../src/types.ts';
import { dataText, dataTitle, hasData } from './shared-data.ts';

/** An entry as the catalog stores it: the published fields only (an importer's own fields, like `order`, go). */
const stored = (e: CodeEntry): CodeEntry => ({
  code: e.code,
  billable: e.billable,
  shortTitle: e.shortTitle,
  longTitle: e.longTitle,
  ...(e.effectiveFrom !== undefined ? { effectiveFrom: e.effectiveFrom } : {}),
  ...(e.effectiveTo !== undefined ? { effectiveTo: e.effectiveTo } : {}),
  ...(e.attrs !== undefined ? { attrs: e.attrs } : {}),
});

/** What the plain map said of a code on a date (code-catalog.ts `validity`, given the release in force). */
function plainStatus(map: Map<string, CodeEntry>, code: string, date: IsoDate): string {
  const e = map.get(code);
  if (!e) return 'unknown-code';
  if ((e.effectiveFrom && date < e.effectiveFrom) || (e.effectiveTo && date > e.effectiveTo)) return 'not-in-force';
  return e.billable ? 'valid' : 'header';
}

/** Same fields in the same order (what JSON answers show), or a sentence saying how they differ. */
function differs(got: CodeEntry | undefined, want: CodeEntry | undefined): string | undefined {
  const a = JSON.stringify(got);
  const b = JSON.stringify(want);
  return a === b ? undefined : `${a} != ${b}`;
}

/**
 * Every code, the map's order and size, and a round trip through the table's stored parts, against a plain Map
 * (differences are collected and compared once: one assertion per code would take minutes over 280,000 codes).
 */
function expectSameAsPlain(entries: CodeEntry[], table: CodeTable): void {
  const plain = new Map(entries.map((e) => [e.code, stored(e)]));
  const view = table.map;
  const back = CodeTable.fromParts(table.parts());
  const problems: string[] = [];
  const note = (what: string, d: string | undefined) => {
    if (d && problems.length < 20) problems.push(`${what}: ${d}`);
  };
  expect(view.size).toBe(plain.size);
  expect(table.length).toBe(entries.length);
  expect([...view.keys()]).toEqual([...plain.keys()]);
  let i = 0;
  for (const e of table) note(`entry ${i}`, differs(e, stored(entries[i++])));
  for (const [code, e] of plain) {
    note(`get ${code}`, differs(view.get(code), e));
    note(`parts ${code}`, differs(back.get(code), e));
  }
  const values = [...view.values()];
  let k = 0;
  for (const e of plain.values()) {
    note(`value ${k}`, differs(values[k], e));
    k++;
  }
  // codes that are not there: near misses, lower case, a dot
  for (const code of [...plain.keys()].slice(0, 2000))
    for (const miss of [`${code}X`, code.slice(0, -1), code.toLowerCase(), `${code.slice(0, 3)}.${code.slice(3)}`])
      if (view.has(miss) !== plain.has(miss)) note(`has ${miss}`, String(view.has(miss)));
  expect(view.get('')).toBe(plain.get(''));
  expect(problems).toEqual([]);
}

const e = (code: string, more: Partial<CodeEntry> = {}): CodeEntry => ({
  code,
  billable: true,
  shortTitle: `short ${code}`,
  longTitle: `long title of ${code}`,
  ...more,
});

describe('the compact code table', () => {
  it('keeps every field as given: dates, attributes, empty and equal titles, text beyond ASCII', () => {
    const entries: CodeEntry[] = [
      e('A000'),
      e('A001', { shortTitle: 'long title of A001' }),
      e('B88', { billable: false, shortTitle: '', longTitle: 'tab\there, new\nline' }),
      e('J1234', { effectiveFrom: '2010-01-01', effectiveTo: '2024-12-31', attrs: { action: 'N', betos: 'O1E' } }),
      e('K1', { effectiveFrom: '' }),
      e('M7981', { longTitle: 'Sjögren syndrome — “dry eye”, café-au-lait spots 🩺' }),
      e('Ü1', { shortTitle: 'ümlaut code' }),
      e('LT', { attrs: {} }),
    ];
    const table = CodeTable.fromEntries(entries);
    expectSameAsPlain(entries, table);
    expect(table.get('Ü1')?.shortTitle).toBe('ümlaut code');
    expect(table.get('A001')?.shortTitle).toBe('long title of A001');
  });

  it('answers a code listed twice as a Map built from the list does: the last entry, at the first place', () => {
    const entries = [e('A1', { longTitle: 'first' }), e('B2'), e('A1', { longTitle: 'second' }), e('C3')];
    const table = CodeTable.fromEntries(entries);
    expectSameAsPlain(entries, table);
    expect([...table.map.entries()].map(([k, v]) => `${k}:${v.longTitle}`)).toEqual([
      'A1:second',
      'B2:long title of B2',
      'C3:long title of C3',
    ]);
    expect([...table].map((x) => x.longTitle)).toEqual(['first', 'long title of B2', 'second', 'long title of C3']);
  });

  it('is empty when the release is', () => {
    const table = CodeTable.fromEntries([]);
    expect(table.map.size).toBe(0);
    expect(table.get('A000')).toBeUndefined();
    expect([...table]).toEqual([]);
  });

  it("reads a later release's unchanged rows from the earlier release's table, and answers each release's own dates", () => {
    const fy25 = [
      e('A000'),
      e('A001', { shortTitle: 'long title of A001' }),
      e('B88', { billable: false }),
      e('E119', { longTitle: 'Type 2 diabetes mellitus without complications' }),
      e('J1234', { effectiveFrom: '2010-01-01', attrs: { action: 'N' } }),
      e('M7981', { longTitle: 'Sjögren syndrome — “dry eye” 🩺' }),
      e('X99'),
      ...Array.from({ length: 40 }, (_, i) => e(`Q${i}`)),
    ];
    const fy26 = [
      e('A000'),
      e('Z00', { longTitle: 'added in FY2026' }),
      e('A001', { shortTitle: 'long title of A001' }),
      e('B88'), // same text, now billable: the flag is the release's own
      e('E119', { longTitle: 'Type 2 diabetes mellitus without complications, retitled' }),
      e('J1234', { effectiveFrom: '2010-01-01', attrs: { action: 'C' } }),
      e('M7981', { longTitle: 'Sjögren syndrome — “dry eye” 🩺' }),
      ...Array.from({ length: 40 }, (_, i) => e(`Q${i}`)),
      e('A000', { longTitle: 'a twin: the last entry answers' }),
    ];
    const catalog = new CodeCatalog();
    catalog.addCodes(fiscalYearRelease('icd10cm', 2025), fy25);
    catalog.addCodes(fiscalYearRelease('icd10cm', 2026), fy26);
    const table = (id: string) => {
      const d = catalog.getRelease('icd10cm', id)!.data;
      if (d.kind !== 'codes') throw new Error('not a code release');
      return d.entries;
    };
    const t25 = table('FY2025');
    const t26 = table('FY2026');
    expect(t25.isShared).toBe(false);
    expect(t26.isShared).toBe(true);
    // A000, A001, B88, M7981 and the 40 Q codes: their text is stored once, in FY2025's table
    expect(t26.sharedEntries).toBe(44);
    expect(t26.byteSize).toBeLessThan(CodeTable.fromEntries(fy26).byteSize - 44 * 20);
    expectSameAsPlain(fy25, t25);
    expectSameAsPlain(fy26, t26);
    expect(CodeTable.fromParts(t26.parts()).isShared).toBe(false);
    // a category's rows, found by their code's first bytes wherever the text is stored
    for (const prefix of ['Q1', 'A00', 'E', 'M79', 'Z'])
      expect(t26.entriesStartingWith(prefix).map((i) => t26.codeAt(i))).toEqual(
        fy26.map((x) => x.code).filter((c) => c.startsWith(prefix)),
      );
    const title = (code: string, date: IsoDate) => {
      const v = catalog.validity('icd10cm', code, date);
      return v.status === 'unknown-code' || v.status === 'no-release' ? v.status : `${v.status} ${v.entry.longTitle}`;
    };
    expect(title('E119', '2025-06-01')).toBe('valid Type 2 diabetes mellitus without complications');
    expect(title('E119', '2025-11-01')).toBe('valid Type 2 diabetes mellitus without complications, retitled');
    expect(title('B88', '2025-06-01')).toBe('header long title of B88');
    expect(title('B88', '2025-11-01')).toBe('valid long title of B88');
    expect(title('X99', '2025-06-01')).toBe('valid long title of X99');
    expect(title('X99', '2025-11-01')).toBe('unknown-code');
    expect(title('Z00', '2025-06-01')).toBe('unknown-code');
    expect(title('A000', '2025-11-01')).toBe('valid a twin: the last entry answers');
    expect(catalog.lookup('icd10cm', 'J1234', 'FY2026')?.attrs).toEqual({ action: 'C' });
    expect(catalog.lookup('icd10cm', 'M7981', 'FY2026')?.longTitle).toBe('Sjögren syndrome — “dry eye” 🩺');
    // a release replaced by a new import of itself reads from the other year, not from the copy it replaces
    catalog.addCodes(fiscalYearRelease('icd10cm', 2026), [...fy26, e('Y01')]);
    expect(table('FY2026').isShared).toBe(true);
    expect(title('Y01', '2025-11-01')).toBe('valid long title of Y01');
  });

  it('refuses parts that do not fit together', () => {
    const p = CodeTable.fromEntries([e('A000'), e('B000')]).parts();
    expect(() => CodeTable.fromParts({ ...p, length: 3 })).toThrow(RangeError);
    expect(() => CodeTable.fromParts({ ...p, slots: new Int32Array(3) })).toThrow(RangeError);
  });
});

describe.skipIf(!hasData)(dataTitle('the compact catalog over the official code files'), () => {
  it('answers every code of every official release as the plain map did, on every date', async () => {
    const files: Array<{ meta: ReleaseMeta; entries: CodeEntry[] }> = [
      {
        meta: fiscalYearRelease('icd10cm', 2025),
        entries: (await importIcd10cmOrderFile(dataText('icd10cm/icd10cm_order_2025.txt.gz'))).records,
      },
      {
        meta: fiscalYearRelease('icd10cm', 2026),
        entries: (await importIcd10cmOrderFile(dataText('icd10cm/icd10cm_order_2026.txt'))).records,
      },
      {
        meta: fiscalYearRelease('icd10pcs', 2026),
        entries: (await importIcd10pcsOrderFile(dataText('icd10pcs/icd10pcs_order_2026.txt.gz'))).records,
      },
      {
        meta: quarterlyRelease('hcpcs', 2025, 4),
        entries: (await importHcpcsCsv(dataText('hcpcs/HCPC2025_OCT_ANWEB.csv'))).records,
      },
      {
        meta: { codeSet: 'carc', releaseId: 'current', effectiveFrom: '1900-01-01' },
        entries: (await importAdjustmentCodes(dataText('codes/carc.csv'), 'carc')).records,
      },
      {
        meta: { codeSet: 'rarc', releaseId: 'current', effectiveFrom: '1900-01-01' },
        entries: (await importAdjustmentCodes(dataText('codes/rarc.csv'), 'rarc')).records,
      },
      {
        meta: { codeSet: 'taxonomy', releaseId: 'current', effectiveFrom: '1900-01-01' },
        entries: (await importNuccTaxonomy(dataText('codes/nucc_taxonomy_251.csv'))).records,
      },
      {
        meta: { codeSet: 'pos', releaseId: 'current', effectiveFrom: '1900-01-01' },
        entries: (await importPlaceOfService(dataText('codes/place_of_service.csv'))).records,
      },
    ];
    const catalog = new CodeCatalog();
    for (const f of files) {
      expect(f.entries.length).toBeGreaterThan(20);
      expect(catalog.addCodes(f.meta, f.entries).status).toBe('added');
    }
    for (const f of files) {
      const table = catalog.getRelease(f.meta.codeSet, f.meta.releaseId)!.data;
      if (table.kind !== 'codes') throw new Error('not a code release');
      expectSameAsPlain(f.entries, table.entries);
      expect(catalog.codesIn(f.meta.codeSet, f.meta.releaseId)).toBe(table.entries.map);
    }
    // FY2026 reads the rows it has in common with FY2025 from FY2025's table
    const fy2026 = catalog.getRelease('icd10cm', 'FY2026')!.data;
    expect(fy2026.kind === 'codes' && fy2026.entries.sharedEntries).toBeGreaterThan(90_000);
    // validity by date of service: the release in force on each date, then the entry's flag and dates
    const plainOf = (set: CodeSet, releaseId: string) =>
      new Map(
        files.find((f) => f.meta.codeSet === set && f.meta.releaseId === releaseId)!.entries.map((x) => [x.code, x]),
      );
    const dates: Array<[IsoDate, string]> = [
      ['2024-10-01', 'FY2025'],
      ['2025-09-30', 'FY2025'],
      ['2025-10-01', 'FY2026'],
      ['2026-11-02', 'FY2026'], // no release covers it: the nearest stands in
    ];
    for (const set of ['icd10cm', 'icd10pcs'] as const) {
      const codes = new Set(files.filter((f) => f.meta.codeSet === set).flatMap((f) => f.entries.map((x) => x.code)));
      for (const [date, releaseId] of dates) {
        const plain = plainOf(set, set === 'icd10pcs' ? 'FY2026' : releaseId);
        for (const code of codes) {
          const v = catalog.validity(set, code, date);
          expect(v.status).toBe(plainStatus(plain, code, date));
          if (v.status !== 'unknown-code' && v.status !== 'no-release')
            expect(v.entry).toEqual(stored(plain.get(code)!));
        }
      }
    }
    const hcpcs = plainOf('hcpcs', '2025-Q4');
    for (const date of ['2000-01-01', '2024-12-31', '2025-10-01', '2026-06-30'])
      for (const code of hcpcs.keys())
        expect(catalog.validity('hcpcs', code, date).status).toBe(plainStatus(hcpcs, code, date));
    // typed codes are normalized before the lookup, as before
    expect(catalog.lookup('icd10cm', 'i10')?.longTitle).toBe(plainOf('icd10cm', 'FY2026').get('I10')?.longTitle);
    expect(catalog.isValidOn('icd10cm', 'E11.9', '2025-10-01')).toBe(true);
  }, 300_000);
});
