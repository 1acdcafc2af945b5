import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { CodeCatalog } from '../src/catalog/code-catalog.ts';
import { quarterlyRelease } from '../src/catalog/release-types.ts';
import { importAddendaFile } from '../src/import/addenda.ts';
import { detectCodeFile, importIntoCatalog } from '../src/import/import-file.ts';
import { importAdjustmentCodes, importNuccTaxonomy, importPlaceOfService } from '../src/import/code-lists.ts';
import { importCptCsv } from '../src/import/cpt.ts';
import { importHcpcsCsv } from '../src/import/hcpcs.ts';
import { importIndexXml } from '../src/import/index-xml.ts';
import { importMue, importNcciPtp } from '../src/import/ncci.ts';
import { importIcd10cmOrderFile, importIcd10pcsOrderFile } from '../src/import/order-file.ts';
import { importTabularXml } from '../src/import/tabular-xml.ts';
import { dataText, hasData, dataTitle } from './shared-data.ts';

const fixture = (f: string) =>
  readFileSync(path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures', f), 'utf8');
const ORDER_LINE =
  '00002 A000    1 Cholera due to Vibrio cholerae 01, biovar cholerae           Cholera due to Vibrio cholerae 01, biovar cholerae';

async function* chunks(text: string, size: number): AsyncGenerator<Uint8Array> {
  const bytes = new TextEncoder().encode(text);
  for (let i = 0; i < bytes.length; i += size) yield bytes.subarray(i, i + size);
}

describe('order file importer (layout and errors)', () => {
  it('reads a line and reports a truncated line with its position', async () => {
    const text = `${ORDER_LINE.replace('00002', '00001')}\r\n${ORDER_LINE.slice(0, 40)}\r\n`;
    const r = await importIcd10cmOrderFile(text);
    expect(r.records[0]).toMatchObject({
      order: 1,
      code: 'A000',
      billable: true,
      shortTitle: 'Cholera due to Vibrio cholerae 01, biovar cholerae',
    });
    expect(r.ok).toBe(false);
    expect(r.issues[0]).toMatchObject({
      code: 'order.truncated',
      severity: 'error',
      location: { line: 2, column: 41 },
    });
  });
  it('names the column of a wrong flag and of a file that is not fixed width', async () => {
    const bad = `${ORDER_LINE.slice(0, 14)}Y${ORDER_LINE.slice(15)}`;
    const r = await importIcd10cmOrderFile(`${bad}\nA000,1,Cholera,${'x'.repeat(80)}\n`);
    expect(r.issues.map((i) => [i.code, i.location.line, i.location.column])).toEqual([
      ['order.flag', 1, 15],
      ['order.number', 2, 1],
      ['order.empty', 2, undefined],
    ]);
  });
  it('reads a byte stream split mid-line the same as text, with progress', async () => {
    const text = [1, 2, 3].map((n) => ORDER_LINE.replace('00002', `0000${n}`)).join('\r\n');
    const seen: number[] = [];
    const r = await importIcd10cmOrderFile(chunks(text, 7), {
      onProgress: (p) => seen.push(p.lines),
      progressEvery: 2,
    });
    expect(r.ok).toBe(true);
    expect(r.records).toHaveLength(3);
    expect(seen).toEqual([2, 3]);
  });
});

describe('NCCI PTP, MUE and CPT fixtures (CMS layouts)', () => {
  it('reads the PTP layout and skips its header lines', async () => {
    const r = await importNcciPtp(fixture('ncci-ptp-practitioner.txt'));
    expect(r.ok).toBe(true);
    expect(r.records[0]).toEqual({
      column1: '20610',
      column2: '99213',
      priorTo1996: false,
      effectiveFrom: '2020-01-01',
      deletedOn: undefined,
      modifierIndicator: '1',
      rationale: 'Misuse of column two code with column one code',
    });
    expect(r.records.find((e) => e.column1 === '93000')?.priorTo1996).toBe(true);
    expect(r.records.find((e) => e.column1 === '36415')?.deletedOn).toBe('2021-01-01');
  });
  it('reports a PTP row with a bad modifier indicator and a truncated row', async () => {
    const r = await importNcciPtp(
      `${fixture('ncci-ptp-practitioner.txt')}20610\t99214\t\t20200101\t*\t7\tx\n20610\t99215\t\t2020\n`,
    );
    expect(r.issues.map((i) => [i.code, i.location.field])).toEqual([
      ['ptp.modifier', 'Modifier'],
      ['ptp.columns', 'Deletion Date'],
    ]);
  });
  it('reads the MUE table with its adjudication indicators', async () => {
    const r = await importMue(fixture('mue-practitioner.csv'));
    expect(r.ok).toBe(true);
    expect(r.records.find((m) => m.code === '96372')).toEqual({
      code: '96372',
      maxUnits: 4,
      adjudication: '3',
      rationale: 'Clinical: Data',
    });
    const bad = await importMue(`${fixture('mue-practitioner.csv')}"99214","two","2","x"\n`);
    expect(bad.issues[0]).toMatchObject({
      code: 'mue.units',
      location: { line: 9, field: 'Practitioner Services MUE Values' },
    });
  });
  it('reads a user-licensed CPT file and rejects a file without its header', async () => {
    expect((await importCptCsv(fixture('cpt-user-licensed.csv'))).records.map((c) => c.code)).toEqual([
      '99213',
      '99214',
      '20610',
    ]);
    const bad = await importCptCsv('99213,something\n');
    expect(bad.ok).toBe(false);
    expect(bad.issues[0].code).toBe('csv.empty');
  });
});

describe('detectCodeFile and importIntoCatalog (what the CLI calls)', () => {
  it('recognises the CMS file names and the release they imply', () => {
    expect(detectCodeFile('icd10cm_order_2026.txt')).toEqual({
      kind: 'icd10cm-order',
      meta: { codeSet: 'icd10cm', releaseId: 'FY2026', effectiveFrom: '2025-10-01', effectiveTo: '2026-09-30' },
    });
    expect(detectCodeFile('HCPC2025_OCT_ANWEB.csv')?.meta).toEqual({
      codeSet: 'hcpcs',
      releaseId: '2025-Q4',
      effectiveFrom: '2025-10-01',
    });
    expect(detectCodeFile('icd-10-cm-neoplasm-2025.xml.gz')).toEqual({
      kind: 'icd10cm-index',
      indexSource: 'neoplasm',
    });
    expect(detectCodeFile('notes.txt')).toBeUndefined();
  });
  it('adds a release once; the same file again is unchanged; a broken file adds nothing', async () => {
    const catalog = new CodeCatalog();
    const file = { kind: 'ncci-ptp' as const, meta: quarterlyRelease('ncci_ptp', 2025, 4) };
    expect((await importIntoCatalog(catalog, file, fixture('ncci-ptp-practitioner.txt'))).outcome?.status).toBe(
      'added',
    );
    expect((await importIntoCatalog(catalog, file, fixture('ncci-ptp-practitioner.txt'))).outcome?.status).toBe(
      'unchanged',
    );
    const bad = await importIntoCatalog(catalog, { kind: 'mue' }, 'not a MUE file\n');
    expect(bad).toMatchObject({ ok: false, outcome: undefined });
    expect(catalog.releases('mue')).toEqual([]);
  });
});

describe.skipIf(!hasData)(dataTitle('official code files'), () => {
  it('reads the PCS order file and both addenda layouts', async () => {
    const pcs = await importIcd10pcsOrderFile(dataText('icd10pcs/icd10pcs_order_2026.txt.gz'));
    expect(pcs.records.filter((r) => r.billable)).toHaveLength(79_115);
    const ad = await importAddendaFile(dataText('icd10cm/icd10cm_order_addenda_2026.txt'));
    expect(ad.ok).toBe(true);
    expect(ad.records.filter((r) => r.action === 'add' && r.billable)).toHaveLength(487);
    expect(ad.records.filter((r) => r.action === 'delete' && r.billable)).toHaveLength(28);
    const pad = await importAddendaFile(dataText('icd10pcs/icd10pcs_order_addenda_2026.txt'), { layout: 'pcs-order' });
    expect(pad.records[0]).toMatchObject({
      action: 'add',
      code: '00H033J',
      shortTitle: 'Insertion of Infusion Device into Brain, Temp, Perc Approach',
    });
  });
  it('reports truncated Tabular XML with a line number', async () => {
    const text = dataText('icd10cm/xml-fy2017-structural-only/icd10cm_tabular_2017.xml.gz').slice(0, 200_000);
    const t = await importTabularXml(text);
    expect(t.ok).toBe(false);
    expect(t.issues.some((i) => i.code === 'xml.syntax' && i.location.line > 1)).toBe(true);
    const bad = await importTabularXml(
      '<ICD10CM.tabular><chapter><name>1</name><diag><name>E11</name></chapter></ICD10CM.tabular>',
    );
    expect(bad.issues[0]).toMatchObject({ code: 'xml.syntax', location: { line: 1 } });
  });
  it('reads the Alphabetic Index XML (see, seeAlso, nemod, manif)', async () => {
    const idx = await importIndexXml(dataText('icd10cm/xml-fy2017-structural-only/icd10cm_index_2017.xml.gz'));
    expect(idx.ok).toBe(true);
    expect(idx.records.find((t) => t.path.join('|') === 'Amyloid heart')).toMatchObject({
      code: 'E85.4',
      manif: 'I43',
      nemod: '(disease)',
    });
    expect(idx.records.find((t) => t.path[0] === 'Abdominalgia')?.see).toBe('Pain, abdominal');
  });
  it('reads HCPCS codes and modifiers, CARC, RARC, POS and NUCC taxonomy', async () => {
    const h = await importHcpcsCsv(dataText('hcpcs/HCPC2025_OCT_ANWEB.csv'));
    expect(h.ok).toBe(true);
    expect(h.records.filter((r) => r.attrs?.kind === 'modifier')).toHaveLength(383);
    expect(h.records.find((r) => r.code === 'LT')?.shortTitle).toBe('Left side');
    expect((await importAdjustmentCodes(dataText('codes/carc.csv'), 'carc')).records).toHaveLength(407);
    expect((await importAdjustmentCodes(dataText('codes/rarc.csv'), 'rarc')).records).toHaveLength(1216);
    expect((await importPlaceOfService(dataText('codes/place_of_service.csv'))).records).toHaveLength(52);
    expect((await importNuccTaxonomy(dataText('codes/nucc_taxonomy_251.csv'))).records).toHaveLength(883);
  });
  it('reports a HCPCS row cut short', async () => {
    const text = dataText('hcpcs/HCPC2025_OCT_ANWEB.csv').split('\n').slice(0, 3).join('\n');
    const cut = `${text.slice(0, text.lastIndexOf(',,,,'))}\n`;
    const r = await importHcpcsCsv(cut);
    expect(r.issues[0]).toMatchObject({ code: 'csv.columns', location: { line: 3 } });
  });
});
