import type { CodeCatalog } from '../catalog/code-catalog.ts';
import {
  fiscalYearRelease,
  quarterlyRelease,
  type AddReleaseOutcome,
  type ReleaseMeta,
} from '../catalog/release-types.ts';
import type { CodeSet, ImportIssue, ImportOptions, TextSource } from '../types.ts';
import { importAdjustmentCodes, importNuccTaxonomy, importPlaceOfService } from './code-lists.ts';
import { importCptCsv } from './cpt.ts';
import { importHcpcsCsv } from './hcpcs.ts';
import { importIndexCsv } from './index-csv.ts';
import { importIndexXml, type IndexSource } from './index-xml.ts';
import { importMue, importNcciPtp } from './ncci.ts';
import { importPfsRvu } from './pfs.ts';
import { importIcd10cmOrderFile, importIcd10pcsOrderFile } from './order-file.ts';
import { importTabularXml } from './tabular-xml.ts';

export type CodeFileKind =
  | 'icd10cm-order'
  | 'icd10pcs-order'
  | 'icd10cm-tabular'
  | 'icd10cm-index'
  | 'icd10cm-index-csv'
  | 'hcpcs'
  | 'cpt'
  | 'ncci-ptp'
  | 'ncci-ptp-hospital'
  | 'mue'
  | 'pfs-rvu'
  | 'carc'
  | 'rarc'
  | 'pos'
  | 'taxonomy';

export interface DetectedFile {
  kind: CodeFileKind;
  /** Release the file name implies (edit before import if the name does not say it). */
  meta?: ReleaseMeta;
  indexSource?: IndexSource;
}

const QUARTERS: Record<string, 1 | 2 | 3 | 4> = { JAN: 1, APR: 2, JUL: 3, OCT: 4 };

/** Guesses what a CMS/CDC/X12/NUCC file is from its name (the names CMS ships). */
export function detectCodeFile(fileName: string): DetectedFile | undefined {
  const n = fileName.toLowerCase().replace(/\.gz$/, '');
  const fy = /(20\d\d)/.exec(n)?.[1];
  if (/icd10cm_order_\d{4}\.txt$/.test(n) && fy)
    return { kind: 'icd10cm-order', meta: fiscalYearRelease('icd10cm', Number(fy), /april|apr/.test(n)) };
  if (/icd10pcs_order_\d{4}\.txt$/.test(n) && fy)
    return { kind: 'icd10pcs-order', meta: fiscalYearRelease('icd10pcs', Number(fy)) };
  if (/tabular.*\.xml$/.test(n)) return { kind: 'icd10cm-tabular' };
  if (/index_flattened\.csv$/.test(n)) return { kind: 'icd10cm-index-csv' };
  if (/(drug|neoplasm|eindex|index).*\.xml$/.test(n)) {
    const indexSource: IndexSource = n.includes('drug')
      ? 'drug'
      : n.includes('neoplasm')
        ? 'neoplasm'
        : n.includes('eindex')
          ? 'eindex'
          : 'index';
    return { kind: 'icd10cm-index', indexSource };
  }
  const hc = /hcpc(20\d\d)_(jan|apr|jul|oct)/.exec(n);
  if (hc) return { kind: 'hcpcs', meta: quarterlyRelease('hcpcs', Number(hc[1]), QUARTERS[hc[2].toUpperCase()]) };
  const rvu = /pprrvu(\d{2,4})_(jan|apr|jul|oct)/.exec(n);
  if (rvu) {
    const year = rvu[1].length === 2 ? 2000 + Number(rvu[1]) : Number(rvu[1]);
    return { kind: 'pfs-rvu', meta: quarterlyRelease('pfs', year, QUARTERS[rvu[2].toUpperCase()]) };
  }
  if (/(ptp|ncci|cci).*(hosp|outpat|oph)|(hosp|outpat|oph).*(ptp|ncci|cci)/.test(n))
    return { kind: 'ncci-ptp-hospital' };
  if (/ptp|ccipra|ncci/.test(n)) return { kind: 'ncci-ptp' };
  if (/mue/.test(n)) return { kind: 'mue' };
  if (/cpt/.test(n)) return { kind: 'cpt' };
  if (/carc/.test(n)) return { kind: 'carc' };
  if (/rarc/.test(n)) return { kind: 'rarc' };
  if (/place_of_service|pos\.csv/.test(n)) return { kind: 'pos' };
  if (/taxonomy/.test(n)) return { kind: 'taxonomy' };
  return undefined;
}

export interface FileImportResult {
  ok: boolean;
  issues: ImportIssue[];
  records: number;
  /** For versioned sets; index and tabular files replace the catalog's terms/rules instead. */
  outcome?: AddReleaseOutcome;
}

const CODE_KINDS: Partial<
  Record<CodeFileKind, (s: TextSource, o?: ImportOptions) => ReturnType<typeof importHcpcsCsv>>
> = {
  'icd10cm-order': importIcd10cmOrderFile,
  'icd10pcs-order': importIcd10pcsOrderFile,
  hcpcs: importHcpcsCsv,
  cpt: importCptCsv,
  carc: (s, o) => importAdjustmentCodes(s, 'carc', o),
  rarc: (s, o) => importAdjustmentCodes(s, 'rarc', o),
  pos: importPlaceOfService,
  taxonomy: importNuccTaxonomy,
};
const SET_OF: Partial<Record<CodeFileKind, CodeSet>> = {
  'icd10cm-order': 'icd10cm',
  'icd10pcs-order': 'icd10pcs',
  hcpcs: 'hcpcs',
  cpt: 'cpt',
  carc: 'carc',
  rarc: 'rarc',
  pos: 'pos',
  taxonomy: 'taxonomy',
};

/**
 * Imports one file into the catalog (for `medbill codes import`). Versioned sets need `meta`
 * (from detectCodeFile or the user); nothing is added when the file has errors.
 */
export async function importIntoCatalog(
  catalog: CodeCatalog,
  file: DetectedFile,
  source: TextSource,
  options?: ImportOptions & { label?: string },
): Promise<FileImportResult> {
  const codes = CODE_KINDS[file.kind];
  if (codes) {
    const r = await codes(source, options);
    const set = SET_OF[file.kind]!;
    const meta = file.meta ?? { codeSet: set, releaseId: options?.label ?? 'current', effectiveFrom: '1900-01-01' };
    return {
      ok: r.ok,
      issues: r.issues,
      records: r.records.length,
      outcome: r.ok ? catalog.addCodes({ ...meta, codeSet: set }, r.records) : undefined,
    };
  }
  switch (file.kind) {
    case 'pfs-rvu': {
      const r = await importPfsRvu(source, options);
      const meta = {
        ...(file.meta ?? { releaseId: options?.label ?? 'current', effectiveFrom: '1900-01-01' }),
        codeSet: 'pfs' as const,
      };
      return {
        ok: r.ok,
        issues: r.issues,
        records: r.records.length,
        outcome: r.ok ? catalog.addRelease(meta, { kind: 'pfs', indicators: r.records }) : undefined,
      };
    }
    case 'ncci-ptp':
    case 'ncci-ptp-hospital':
    case 'mue': {
      const r = file.kind === 'mue' ? await importMue(source, options) : await importNcciPtp(source, options);
      const meta = {
        ...(file.meta ?? { releaseId: options?.label ?? 'current', effectiveFrom: '1900-01-01' }),
        codeSet:
          file.kind === 'mue'
            ? ('mue' as const)
            : file.kind === 'ncci-ptp-hospital'
              ? ('ncci_ptp_hospital' as const)
              : ('ncci_ptp' as const),
      };
      const data =
        file.kind === 'mue'
          ? { kind: 'mue' as const, limits: r.records as Awaited<ReturnType<typeof importMue>>['records'] }
          : { kind: 'ncci_ptp' as const, edits: r.records as Awaited<ReturnType<typeof importNcciPtp>>['records'] };
      return {
        ok: r.ok,
        issues: r.issues,
        records: r.records.length,
        outcome: r.ok ? catalog.addRelease(meta, data) : undefined,
      };
    }
    case 'icd10cm-tabular': {
      const r = await importTabularXml(source, options);
      if (r.ok) catalog.setTabular(r.records, options?.label ?? `ICD-10-CM Tabular FY${r.version}`);
      return { ok: r.ok, issues: r.issues, records: r.records.length };
    }
    default: {
      const r =
        file.kind === 'icd10cm-index-csv'
          ? await importIndexCsv(source, options)
          : await importIndexXml(source, { ...options, source: file.indexSource });
      if (r.ok) catalog.setIndexTerms(r.records);
      return { ok: r.ok, issues: r.issues, records: r.records.length };
    }
  }
}
