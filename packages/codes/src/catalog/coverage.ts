import type { CodeSet, IsoDate } from '../types.ts';
import type { StoredRelease } from './release-types.ts';

/**
 * A date of service no loaded release of a code set covers (e.g. the FY2026 ICD-10-CM files end on 2026-09-30 and
 * the claim is from November). Checks then use the nearest loaded release, and this says so once, in words.
 */
export interface CoverageGap {
  codeSet: CodeSet;
  /** the date asked about */
  date: IsoDate;
  /** first and last uncovered day around `date`; `to` absent when no later release is loaded */
  from?: IsoDate;
  to?: IsoDate;
  /** the release the checks use instead */
  nearest: string;
  /** what to import, e.g. 'FY2027' */
  suggestion: string;
  /** e.g. 'No ICD-10-CM release loaded for dates from 2026-10-01; import FY2027' */
  message: string;
}

export const CODE_SET_LABELS: Record<CodeSet, string> = {
  icd10cm: 'ICD-10-CM',
  icd10pcs: 'ICD-10-PCS',
  hcpcs: 'HCPCS',
  cpt: 'CPT',
  ncci_ptp: 'NCCI PTP',
  ncci_ptp_hospital: 'NCCI PTP (hospital outpatient)',
  pfs: 'Physician Fee Schedule',
  mue: 'MUE',
  carc: 'CARC',
  rarc: 'RARC',
  pos: 'place of service',
  taxonomy: 'taxonomy',
};

/** The day after / before a 'YYYY-MM-DD' date (calendar arithmetic on the string; no clock). */
export function addDays(date: IsoDate, days: number): IsoDate {
  const [y, m, d] = date.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

/** ICD-10 fiscal year of a date: October starts the next year's. */
export function fiscalYearOf(date: IsoDate): number {
  const [y, m] = date.split('-').map(Number);
  return m >= 10 ? y + 1 : y;
}

const covers = (r: StoredRelease, date: IsoDate) =>
  r.effectiveFrom <= date && (!r.effectiveTo || date <= r.effectiveTo);

/**
 * Releases sorted by effectiveFrom; undefined when one covers `date` or none is loaded. The nearest release is the
 * newest one that ended before the date, else the first one after it.
 */
export function coverageGap(codeSet: CodeSet, releases: StoredRelease[], date: IsoDate): CoverageGap | undefined {
  if (!releases.length || releases.some((r) => covers(r, date))) return undefined;
  const before = releases.filter((r) => r.effectiveFrom <= date);
  const after = releases.filter((r) => r.effectiveFrom > date);
  const lastEnd = before.map((r) => r.effectiveTo!).sort()[before.length - 1];
  const from = lastEnd ? addDays(lastEnd, 1) : undefined;
  const to = after.length ? addDays(after[0].effectiveFrom, -1) : undefined;
  const nearest = (before.length ? before[before.length - 1] : after[0]).releaseId;
  const label = CODE_SET_LABELS[codeSet];
  const suggestion =
    codeSet === 'icd10cm' || codeSet === 'icd10pcs'
      ? `FY${fiscalYearOf(date)}`
      : `the ${label} release in force on ${date}`;
  const span = from && to ? `from ${from} to ${to}` : from ? `from ${from}` : `before ${addDays(to!, 1)}`;
  return {
    codeSet,
    date,
    ...(from ? { from } : {}),
    ...(to ? { to } : {}),
    nearest,
    suggestion,
    message: `No ${label} release loaded for dates ${span}; import ${suggestion}`,
  };
}
