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
  ncciModifierPlacement: 'ncci-modifier-placement',
  mueUnits: 'mue-units',
  dxExternalCauseFirst: 'dx-external-cause-first',
  dxSideModifier: 'dx-side-modifier',
  addOnWithoutPrimary: 'add-on-without-primary',
  globalPeriod: 'global-period',
  posFacility: 'pos-facility',
  modifierInvalid: 'modifier-invalid',
  modifierNotForCode: 'modifier-not-for-code',
  taxonomyUnknown: 'taxonomy-unknown',
  taxonomyKind: 'taxonomy-kind',
  pcsUnknown: 'pcs-unknown',
} as const;
export type RuleId = (typeof RULE_IDS)[keyof typeof RULE_IDS];

export interface ProcedureLine {
  code: string;
  modifiers?: string[];
  units?: number;
  /** Line date of service; the encounter's dateOfService when absent. */
  date?: IsoDate;
  /** 1-based pointers into `diagnoses` (for the side of a diagnosis against RT/LT) */
  pointers?: number[];
}

/** A line billed on another claim for the same patient by the same rendering provider. */
export interface OtherClaimLine {
  code: string;
  modifiers: string[];
  date: IsoDate;
  claimNumber: string;
}

export type PatientSex = 'F' | 'M' | 'U';

export interface CodingInput {
  /** ICD-10-CM codes in claim order (first-listed first), with or without dots. */
  diagnoses: string[];
  procedures: ProcedureLine[];
  patient: { birthDate: IsoDate; sex: PatientSex };
  dateOfService: IsoDate;
  /** professional claims use the practitioner NCCI table, institutional ones the hospital (OPPS) table */
  claimKind?: 'professional' | 'institutional';
  placeOfService?: string;
  /** other claims' lines of this patient and rendering provider: NCCI across claims, global surgery periods */
  otherLines?: OtherClaimLine[];
  /** provider taxonomies to look up in the NUCC list, with the section they must be in */
  taxonomies?: Array<{ path: string; who: string; code: string; section: 'Individual' | 'Non-Individual' }>;
  /** ICD-10-PCS procedures of an inpatient bill */
  pcsProcedures?: Array<{ code: string; date: IsoDate }>;
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
  location: { field: 'diagnosis' | 'procedure' | 'taxonomy' | 'pcs'; index: number; path?: string };
}

/** Whole years of age on a date ('YYYY-MM-DD' strings, no clock). */
export function ageOn(birthDate: IsoDate, date: IsoDate): number {
  const [by, bm, bd] = birthDate.split('-').map(Number);
  const [y, m, d] = date.split('-').map(Number);
  return y - by - (m < bm || (m === bm && d < bd) ? 1 : 0);
}
