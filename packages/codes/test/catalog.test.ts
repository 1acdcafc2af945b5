import { beforeAll, describe, expect, it } from 'vitest';
import { CodeCatalog } from '../src/catalog/code-catalog.ts';
import { releaseDiff } from '../src/catalog/release-diff.ts';
import { fiscalYearRelease, quarterlyRelease } from '../src/catalog/release-types.ts';
import {
  deserializeRelease,
  releaseToRows,
  rowsToEntries,
  serializeRelease,
} from '../src/catalog/serialize-release.ts';
import { importIcd10cmOrderFile } from '../src/import/order-file.ts';
import type { CodeEntry, ImportResult } from '../src/types.ts';
import { DEMO_HCPCS, DEMO_ICD10CM } from '../src/demo/demo-codes.ts';
import { importHcpcsCsv } from '../src/import/hcpcs.ts';
import { dataText, hasData, dataTitle } from './shared-data.ts';

const e = (code: string, billable = true, title = `title ${code}`): CodeEntry => ({
  code,
  billable,
  shortTitle: title,
  longTitle: title,
});

describe('CodeCatalog with small releases', () => {
  it('answers by date across an October and an April release', () => {
    const c = new CodeCatalog();
    c.addCodes(fiscalYearRelease('icd10cm', 2026), [e('A00', false), e('A000'), e('B880')]);
    c.addCodes(fiscalYearRelease('icd10cm', 2026, true), [e('A00', false), e('A000'), e('B8801')]);
    expect(c.releaseOn('icd10cm', '2026-03-31')?.releaseId).toBe('FY2026');
    expect(c.releaseOn('icd10cm', '2026-04-01')?.releaseId).toBe('FY2026-APR');
    expect(c.isValidOn('icd10cm', 'B88.0', '2026-03-31')).toBe(true);
    expect(c.isValidOn('icd10cm', 'B88.0', '2026-04-01')).toBe(false);
    expect(c.validity('icd10cm', 'A00', '2026-01-01').status).toBe('header');
    // past the last release: checked against the nearest one, and the gap is said (coverage.test.ts)
    expect(c.validity('icd10cm', 'A000', '2026-10-01')).toMatchObject({
      status: 'valid',
      release: { releaseId: 'FY2026-APR' },
    });
    expect(c.coveringRelease('icd10cm', '2026-10-01')).toBeUndefined();
  });
  it('is idempotent: the same content twice is a no-op, changed content replaces', () => {
    const c = new CodeCatalog();
    const meta = quarterlyRelease('hcpcs', 2025, 4);
    expect(c.addCodes(meta, [e('G0008')]).status).toBe('added');
    const v = c.version;
    expect(c.addCodes(meta, [e('G0008')]).status).toBe('unchanged');
    expect(c.version).toBe(v);
    expect(c.addCodes({ ...meta, releaseId: '2025-Q4-copy' }, [e('G0008')]).status).toBe('duplicate-content');
    expect(c.addCodes(meta, [e('G0008'), e('G0009')]).status).toBe('replaced');
    expect(c.releases('hcpcs')).toHaveLength(1);
  });
  it('honours per-code HCPCS add and termination dates', () => {
    const c = new CodeCatalog();
    c.addCodes({ ...quarterlyRelease('hcpcs', 2025, 4), effectiveFrom: '2000-01-01' }, [
      { ...e('J1234'), effectiveFrom: '2010-01-01', effectiveTo: '2024-12-31' },
    ]);
    expect(c.isValidOn('hcpcs', 'J1234', '2024-12-31')).toBe(true);
    expect(c.validity('hcpcs', 'J1234', '2025-01-01').status).toBe('not-in-force');
  });
  it('round-trips a release through text and database rows', () => {
    const c = new CodeCatalog();
    const entries = [e('A000'), { ...e('LT'), attrs: { kind: 'modifier' } }, e('B88', false, 'tab\there')];
    const rel = c.addCodes({ ...quarterlyRelease('hcpcs', 2025, 4), source: 'test' }, entries).release;
    const back = deserializeRelease(serializeRelease(rel));
    expect(back.meta).toEqual({ codeSet: 'hcpcs', releaseId: '2025-Q4', effectiveFrom: '2025-10-01', source: 'test' });
    expect(back.data).toEqual({ kind: 'codes', entries });
    expect(back.contentHash).toBe(rel.contentHash);
    expect(rowsToEntries(releaseToRows(rel))).toEqual(entries);
    expect(new CodeCatalog().addRelease(back.meta, back.data).release.contentHash).toBe(rel.contentHash);
  });
  it('rejects text that is not a serialized release with a typed error', () => {
    expect(() => deserializeRelease('not json')).toThrow(/first line is not the JSON header/);
  });
});

describe.skipIf(!hasData)(dataTitle('FY2025 -> FY2026 with the real order files'), () => {
  const catalog = new CodeCatalog();
  const imported: Record<string, ImportResult<CodeEntry>> = {};
  beforeAll(async () => {
    imported.fy25 = await importIcd10cmOrderFile(dataText('icd10cm/icd10cm_order_2025.txt.gz'));
    imported.fy26 = await importIcd10cmOrderFile(dataText('icd10cm/icd10cm_order_2026.txt'));
    catalog.addCodes(fiscalYearRelease('icd10cm', 2025), imported.fy25.records);
    catalog.addCodes(fiscalYearRelease('icd10cm', 2026), imported.fy26.records);
  });
  it('imports the full FY2026 and FY2025 order files without issues', () => {
    expect(imported.fy26.ok).toBe(true);
    expect(imported.fy26.records).toHaveLength(98_186);
    expect(imported.fy26.records.filter((r) => r.billable)).toHaveLength(74_719);
    expect(imported.fy25.records.filter((r) => r.billable)).toHaveLength(74_260);
  });
  it('every demo ICD-10-CM code is billable in FY2026 and every demo HCPCS code is current in Oct 2025', async () => {
    expect(DEMO_ICD10CM.filter(([c]) => !catalog.isValidOn('icd10cm', c, '2025-10-01')).map(([c]) => c)).toEqual([]);
    const hc = new Map(
      (await importHcpcsCsv(dataText('hcpcs/HCPC2025_OCT_ANWEB.csv'))).records.map((r) => [r.code, r]),
    );
    expect(DEMO_HCPCS.filter(([c]) => !hc.get(c) || hc.get(c)?.effectiveTo).map(([c]) => c)).toEqual([]);
  });
  it('a code deleted in FY2026 is valid on 2025-09-30 and invalid on 2025-10-01', () => {
    const diff = releaseDiff(catalog.getRelease('icd10cm', 'FY2025')!, catalog.getRelease('icd10cm', 'FY2026')!);
    const deleted = [
      ...diff.billableChanged.filter((c) => c.from.billable && !c.to.billable).map((c) => c.code),
      ...diff.deleted.filter((d) => d.billable).map((d) => d.code),
    ];
    expect(deleted).toContain('B880');
    for (const code of deleted) {
      expect(catalog.isValidOn('icd10cm', code, '2025-09-30')).toBe(true);
      expect(catalog.isValidOn('icd10cm', code, '2025-10-01')).toBe(false);
    }
    expect(catalog.isValidOn('icd10cm', 'B88.01', '2025-09-30')).toBe(false);
    expect(catalog.isValidOn('icd10cm', 'B88.01', '2025-10-01')).toBe(true);
  });
  it('releaseDiff matches the CMS addenda counts (487 added, 28 deleted, 38 revised valid codes)', () => {
    const diff = releaseDiff(catalog.getRelease('icd10cm', 'FY2025')!, catalog.getRelease('icd10cm', 'FY2026')!);
    const a = catalog.getRelease('icd10cm', 'FY2025')!;
    const wasValid = (code: string) => catalog.lookup('icd10cm', code, a.releaseId)?.billable === true;
    const nowValid = new Set(
      [...diff.added, ...diff.billableChanged.map((c) => c.to)].filter((x) => x.billable).map((x) => x.code),
    );
    expect([...nowValid].filter((c) => !wasValid(c))).toHaveLength(487);
    expect(
      diff.billableChanged.filter((c) => c.from.billable).length + diff.deleted.filter((d) => d.billable).length,
    ).toBe(28);
    expect(diff.titleChanged.filter((c) => c.to.billable)).toHaveLength(38);
  });
  it('importing the same FY2026 file again is a no-op', async () => {
    const again = await importIcd10cmOrderFile(dataText('icd10cm/icd10cm_order_2026.txt'));
    expect(catalog.addCodes(fiscalYearRelease('icd10cm', 2026), again.records).status).toBe('unchanged');
  });
});
