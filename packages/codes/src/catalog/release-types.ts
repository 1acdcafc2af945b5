import type { MueLimit, PtpEdit } from '../import/ncci.ts';
import type { PfsIndicators } from '../import/pfs.ts';
import type { CodeEntry, CodeSet, IsoDate } from '../types.ts';
import type { CodeTable } from './code-table.ts';

/** One published edition of a code set (DOMAIN.md "CodeRelease"). */
export interface ReleaseMeta {
  codeSet: CodeSet;
  /** e.g. 'FY2026', 'FY2026-APR', '2025-Q4'. */
  releaseId: string;
  effectiveFrom: IsoDate;
  /** Last day in force; open-ended (until superseded by a later release) when absent. */
  effectiveTo?: IsoDate;
  /** Where it came from, shown in edit sources (e.g. 'CMS icd10cm_order_2026.txt'). */
  source?: string;
}

/** A release's content as given to the catalog (a code list, or a table already compact, see code-table.ts). */
export type ReleaseData =
  | { kind: 'codes'; entries: readonly CodeEntry[] | CodeTable }
  | { kind: 'ncci_ptp'; edits: PtpEdit[] }
  | { kind: 'mue'; limits: MueLimit[] }
  | { kind: 'pfs'; indicators: PfsIndicators[] };

/** As the catalog keeps it: a code release's entries are one compact table (iterating it gives each entry). */
export type StoredReleaseData = Exclude<ReleaseData, { kind: 'codes' }> | { kind: 'codes'; entries: CodeTable };

export interface StoredRelease extends ReleaseMeta {
  contentHash: string;
  data: StoredReleaseData;
}

export type AddReleaseOutcome =
  | { status: 'added'; release: StoredRelease }
  | { status: 'replaced'; release: StoredRelease; previousHash: string }
  | { status: 'unchanged'; release: StoredRelease }
  | { status: 'duplicate-content'; release: StoredRelease; sameAs: string };

/** ICD-10-CM/PCS fiscal-year release: Oct 1 of the prior year to Sep 30 (April 1 update when april). */
export function fiscalYearRelease(codeSet: 'icd10cm' | 'icd10pcs', fy: number, april = false): ReleaseMeta {
  return {
    codeSet,
    releaseId: april ? `FY${fy}-APR` : `FY${fy}`,
    effectiveFrom: april ? `${fy}-04-01` : `${fy - 1}-10-01`,
    effectiveTo: `${fy}-09-30`,
  };
}

/** Quarterly release (HCPCS, NCCI PTP, MUE): in force from the quarter's first day until superseded. */
export function quarterlyRelease(codeSet: CodeSet, year: number, quarter: 1 | 2 | 3 | 4): ReleaseMeta {
  const month = String((quarter - 1) * 3 + 1).padStart(2, '0');
  return { codeSet, releaseId: `${year}-Q${quarter}`, effectiveFrom: `${year}-${month}-01` };
}
