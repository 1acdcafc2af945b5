import type { IsoDate } from '../types.ts';

/** Every coding rule medbill checks (one list; see STYLE.md "One code list"). */
export const RULE_IDS = {
  dxUnknown: 'dx-unknown',
  dxNotInForce: 'dx-not-in-force',
  dxHeader: 'dx-not-billable',
  dxSeventh: 'dx-7th-character',
  dxPlaceholder: 'dx-placeholder-x',
  dxExcludes1: 'dx-excludes1',
  dxManifestationFirst: 'dx-manifestation-first',
  dxManifestationEtiology: 'dx-manifestation-etiology',
  dxAge: 'dx-age',
  dxSex: 'dx-sex',
  dxLaterality: 'dx-unspecified-laterality',
  dxNoRelease: 'dx-no-release',
  codeSetNotLoaded: 'code-set-not-loaded',
  pxUnknown: 'px-unknown',
  ncciPtp: 'ncci-ptp',
  mueUnits: 'mue-units',
} as const;
export type RuleId = (typeof RULE_IDS)[keyof typeof RULE_IDS];

export interface ProcedureLine {
  code: string;
  modifiers?: string[];
  units?: number;
  /** Line date of service; the encounter's dateOfService when absent. */
  date?: IsoDate;
}

export type PatientSex = 'F' | 'M' | 'U';

export interface CodingInput {
  /** ICD-10-CM codes in claim order (first-listed first), with or without dots. */
  diagnoses: string[];
  procedures: ProcedureLine[];
  patient: { birthDate: IsoDate; sex: PatientSex };
  dateOfService: IsoDate;
}

/** One failed rule. `code` is the claim code the edit is about (display form, e.g. "E11.9"). */
export interface Edit {
  code: string;
  severity: 'error' | 'warning';
  /** Plain words a coder understands, saying what to do. */
  message: string;
  ruleId: RuleId;
  /** Where the rule comes from, e.g. "ICD-10-CM Tabular FY2017 Excludes1 at E11". */
  source: string;
  location: { field: 'diagnosis' | 'procedure'; index: number };
}

/** Whole years of age on a date ('YYYY-MM-DD' strings, no clock). */
export function ageOn(birthDate: IsoDate, date: IsoDate): number {
  const [by, bm, bd] = birthDate.split('-').map(Number);
  const [y, m, d] = date.split('-').map(Number);
  return y - by - (m < bm || (m === bm && d < bd) ? 1 : 0);
}
