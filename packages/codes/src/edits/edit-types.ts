import type { Issue } from '@medbill/x12';
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

/**
 * What a rule finds, inside this package: `code` is the claim code it is about (display form, e.g. "E11.9"),
 * located by list and index. `checkCoding` answers each as an `Edit`, the one issue shape.
 */
export interface Finding {
  code: string;
  severity: 'error' | 'warning';
  /** Plain words a coder understands, saying what to do. */
  message: string;
  ruleId: RuleId;
  /** Where the rule comes from, e.g. "ICD-10-CM Tabular FY2017 Excludes1 at E11". */
  source: string;
  location: { field: 'diagnosis' | 'procedure' | 'taxonomy' | 'pcs'; index: number; path?: string };
}

/**
 * One failed coding rule in the one issue shape (STYLE.md 4): `code` and `ruleId` are the rule;
 * `location.field` is the input's path (`diagnoses[0]`, `procedures[1]`, `pcsProcedures[0]`, a taxonomy's
 * path such as `rendering.taxonomy`) and `location.code` the code the edit is about (e.g. "E11.9").
 */
export interface Edit extends Issue<RuleId, RuleId> {
  ruleId: RuleId;
  /** Where the rule comes from, e.g. "ICD-10-CM Tabular FY2017 Excludes1 at E11". */
  source: string;
  location: { field: string; code?: string };
}

const INPUT_LISTS = { diagnosis: 'diagnoses', procedure: 'procedures', pcs: 'pcsProcedures', taxonomy: 'taxonomies' };

/** A finding as the edit `checkCoding` answers. */
export function toEdit(f: Finding): Edit {
  const l = f.location;
  const field = l.path ?? `${INPUT_LISTS[l.field]}[${l.index}]`;
  return {
    code: f.ruleId,
    severity: f.severity,
    message: f.message,
    ruleId: f.ruleId,
    source: f.source,
    location: f.code ? { field, code: f.code } : { field },
  };
}

/** The position an edit's `location.field` names in an input list ('diagnoses[2]' → 2), if it names one. */
export function editIndex(
  e: Pick<Edit, 'location'>,
  list: 'diagnoses' | 'procedures' | 'pcsProcedures',
): number | undefined {
  const m = /^(\w+)\[(\d+)\]$/.exec(e.location.field);
  return m && m[1] === list ? Number(m[2]) : undefined;
}

/** Whole years of age on a date ('YYYY-MM-DD' strings, no clock). */
export function ageOn(birthDate: IsoDate, date: IsoDate): number {
  const [by, bm, bd] = birthDate.split('-').map(Number);
  const [y, m, d] = date.split('-').map(Number);
  return y - by - (m < bm || (m === bm && d < bd) ? 1 : 0);
}
