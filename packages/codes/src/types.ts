import type { Issue, IssueLocation } from '@medbill/x12';
/** Code sets medbill knows (DOMAIN.md "CodeSet"). */
export const CODE_SETS = [
  'icd10cm',
  'icd10pcs',
  'hcpcs',
  'cpt',
  'ncci_ptp',
  /** NCCI PTP edits for hospital outpatient (OPPS) claims: the institutional table */
  'ncci_ptp_hospital',
  'mue',
  /** Physician Fee Schedule indicators (global days, PC/TC, bilateral, facility NA) */
  'pfs',
  'carc',
  'rarc',
  'pos',
  'taxonomy',
] as const;
export type CodeSet = (typeof CODE_SETS)[number];

/** A 'YYYY-MM-DD' calendar date, always passed in (no clock in this package). */
export type IsoDate = string;

/** One code as published in a release. Codes are stored upper case, without the dot. */
export interface CodeEntry {
  code: string;
  /** true = valid for HIPAA transactions (ICD "1" flag); false = header / category. */
  billable: boolean;
  shortTitle: string;
  longTitle: string;
  /** Per-code dates where the publisher gives them (HCPCS ADD DT / TERM DT, CARC status). */
  effectiveFrom?: IsoDate;
  effectiveTo?: IsoDate;
  /** Extra published fields (HCPCS action code, coverage, BETOS, POS description, ...). */
  attrs?: Record<string, string>;
}

/** Where an importer found a problem: 1-based file line and column or field name. */
export type ImportIssueLocation = IssueLocation & { line: number };

/** A problem found while importing (the one issue shape); errors are values, collected, never thrown. */
export interface ImportIssue extends Issue<string, never> {
  location: ImportIssueLocation;
}

export interface ImportProgress {
  lines: number;
  records: number;
}

export interface ImportOptions {
  /** Called every `progressEvery` lines (default 10,000) and once at the end. */
  onProgress?: (progress: ImportProgress) => void;
  progressEvery?: number;
  /** Stop collecting after this many issues (default 200). */
  maxIssues?: number;
}

export interface ImportResult<T> {
  ok: boolean;
  records: T[];
  issues: ImportIssue[];
  lines: number;
}

/** Text in any of the forms an importer accepts (the caller reads files, gunzips). */
export type TextSource = string | Iterable<string> | AsyncIterable<string | Uint8Array>;
