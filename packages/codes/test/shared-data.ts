/** Test/bench helper (I/O lives here, not in src): loads the official code files from ../shared/data. */
import { CodeCatalog } from '../src/catalog/code-catalog.ts';
import type { ImportResult } from '../src/types.ts';
import { fiscalYearRelease, quarterlyRelease } from '../src/catalog/release-types.ts';
import { importHcpcsCsv } from '../src/import/hcpcs.ts';
import { importIndexCsv } from '../src/import/index-csv.ts';
import { importIndexXml } from '../src/import/index-xml.ts';
import { importIcd10cmOrderFile, importIcd10pcsOrderFile } from '../src/import/order-file.ts';
import { importTabularXml } from '../src/import/tabular-xml.ts';
import { DATA_ROOT, testData } from '../../../test-data.ts';

export const DATA_DIR = DATA_ROOT;
const order2026 = testData('icd10cm/icd10cm_order_2026.txt');
export const hasData = order2026.present;
/** A test or suite title naming the official code files it needs (see test-data.ts). */
export const dataTitle = (name: string) => order2026.title(name);
export const NO_DATA_MESSAGE = `skipped: reference data not found at ${DATA_DIR}`;

/** Reads a data file as text, gunzipping .gz. */
export function dataText(rel: string): string {
  return testData(rel).text();
}

export interface LoadTimes {
  [step: string]: number;
}

/** Loads ICD-10-CM FY2025+FY2026, PCS FY2026, HCPCS Oct 2025, the FY2017 Tabular and the index files. */
export async function loadAll(
  opts: { pcs?: boolean; tabular?: boolean; index?: boolean } = {},
): Promise<{ catalog: CodeCatalog; times: LoadTimes; results: Record<string, ImportResult<unknown>> }> {
  const catalog = new CodeCatalog();
  const times: LoadTimes = {};
  const results: Record<string, ImportResult<unknown>> = {};
  const timed = async <T extends ImportResult<unknown>>(name: string, f: () => Promise<T>): Promise<T> => {
    const t0 = performance.now();
    const c0 = process.cpuUsage();
    const r = await f();
    times[name] = performance.now() - t0;
    const c = process.cpuUsage(c0);
    times[`${name} (CPU)`] = (c.user + c.system) / 1000;
    results[name] = r;
    return r;
  };
  const cm26 = await timed('icd10cm FY2026 order', () =>
    importIcd10cmOrderFile(dataText('icd10cm/icd10cm_order_2026.txt')),
  );
  catalog.addCodes({ ...fiscalYearRelease('icd10cm', 2026), source: 'CMS icd10cm_order_2026.txt' }, cm26.records);
  const cm25 = await timed('icd10cm FY2025 order', () =>
    importIcd10cmOrderFile(dataText('icd10cm/icd10cm_order_2025.txt.gz')),
  );
  catalog.addCodes({ ...fiscalYearRelease('icd10cm', 2025), source: 'CMS icd10cm_order_2025.txt' }, cm25.records);
  const hc = await timed('hcpcs 2025 Q4', () => importHcpcsCsv(dataText('hcpcs/HCPC2025_OCT_ANWEB.csv')));
  catalog.addCodes({ ...quarterlyRelease('hcpcs', 2025, 4), source: 'CMS HCPC2025_OCT_ANWEB' }, hc.records);
  if (opts.pcs) {
    const pcs = await timed('icd10pcs FY2026 order', () =>
      importIcd10pcsOrderFile(dataText('icd10pcs/icd10pcs_order_2026.txt.gz')),
    );
    catalog.addCodes(fiscalYearRelease('icd10pcs', 2026), pcs.records);
  }
  if (opts.tabular !== false) {
    const tab = await timed('tabular FY2017 xml', () =>
      importTabularXml(dataText('icd10cm/xml-fy2017-structural-only/icd10cm_tabular_2017.xml.gz')),
    );
    catalog.setTabular(tab.records, `ICD-10-CM Tabular FY${tab.version}`);
  }
  if (opts.index !== false) {
    const dir = 'icd10cm/fy2025-index-tables/';
    const idx = await timed('index FY2025 csv', () =>
      importIndexCsv(dataText(`${dir}ICD10CM_2025_Index_flattened.csv.gz`)),
    );
    const drug = await timed('drug table xml', () =>
      importIndexXml(dataText(`${dir}icd-10-cm-drug-2025.xml.gz`), { source: 'drug' }),
    );
    const neo = await timed('neoplasm table xml', () =>
      importIndexXml(dataText(`${dir}icd-10-cm-neoplasm-2025.xml.gz`), { source: 'neoplasm' }),
    );
    const ext = await timed('external cause index xml', () =>
      importIndexXml(dataText(`${dir}icd-10-cm-eindex-2025.xml.gz`), { source: 'eindex' }),
    );
    catalog.setIndexTerms([...idx.records, ...drug.records, ...neo.records, ...ext.records]);
  }
  return { catalog, times, results };
}
