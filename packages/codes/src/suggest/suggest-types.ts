import type { IsoDate } from '../types.ts';
import type { SectionKind } from './sections.ts';

/** A character range of the note as written ([start, end), UTF-16 offsets) and its text. */
export interface NoteSpan {
  start: number;
  end: number;
  text: string;
}

export type Laterality = 'right' | 'left' | 'bilateral';

export interface SuggestionTraits {
  negated: boolean;
  uncertain: boolean;
  hypothetical: boolean;
  family: boolean;
  history: boolean;
  laterality?: Laterality;
}

export interface SuggestionReason {
  /** The Alphabetic Index path walked ("Diabetes, diabetic > type 2 > with > chronic kidney disease"). */
  indexPath: string;
  /** The note's words the path matched, as written ("CHF", "chronic", "systolic"). */
  matched: string[];
  /** Tabular checks applied, in words. */
  checks: string[];
}

export interface CodePairing {
  code: string;
  /** use-additional: this code asks for the other; code-first: the other goes first; manifestation: Index pair. */
  rule: 'use-additional' | 'code-first' | 'manifestation';
  note: string;
}

export interface CodeSuggestion {
  /** ICD-10-CM with its dot. */
  code: string;
  codeSet: 'icd10cm';
  title: string;
  /** 0..1: how likely a coder keeps this code for this note. */
  confidence: number;
  spans: NoteSpan[];
  reason: SuggestionReason;
  traits: SuggestionTraits;
  /** Specificity the note does not state (laterality, 7th character): ask the clinician. */
  needs: string[];
  pairs: CodePairing[];
  /** Excludes1 with another suggestion: report only one of the two unless the conditions are unrelated. */
  excludes: Array<{ code: string; note: string }>;
  /** Age or sex conflicts with the patient (Medicare Code Editor groups), when age or sex were given. */
  warnings: string[];
  /** Section of the strongest mention. */
  section: SectionKind;
}

/** A HCPCS item, service or drug, or a CPT code, the note supports (procedures, supplies, drugs). */
export interface ProcedureSuggestion {
  /** HCPCS Level II or CPT, as written in the code set (no dot). */
  code: string;
  codeSet: 'hcpcs' | 'cpt';
  /** HCPCS: the official description as loaded. CPT: the descriptor of the user's licensed file as loaded. */
  title: string;
  confidence: number;
  spans: NoteSpan[];
  reason: {
    /** 'description': the note's words name the HCPCS item; 'code number': the note writes the code. */
    source: 'description' | 'code number';
    matched: string[];
    checks: string[];
  };
  traits: SuggestionTraits;
  /** Drug codes: units for the dose the note states. */
  units?: number;
  section: SectionKind;
}

/** A finding the engine read but does not code for this encounter, and why. */
export interface NotCoded {
  text: string;
  spans: NoteSpan[];
  /** The code it would have had. */
  code?: string;
  why: 'negated' | 'uncertain' | 'hypothetical' | 'family history without a code' | 'history without a code';
  traits: SuggestionTraits;
}

export interface SuggestOptions {
  /** Date of service: the code set in force that day is used. */
  on: IsoDate;
  age?: number;
  sex?: 'F' | 'M';
  /** Most suggestions to return (default 20). */
  limit?: number;
  /** Suggestions below this confidence are left out (default 0). */
  minConfidence?: number;
  /**
   * 'outpatient' (default): the Official Guidelines for outpatient services (negated, uncertain and hypothetical
   * findings are not coded). 'every-mention': every finding the note names is coded whatever its traits, the
   * convention of annotated corpora such as CodiEsp (used to compare with published results).
   */
  rules?: 'outpatient' | 'every-mention';
  /** HCPCS and CPT suggestions too (default true). */
  procedures?: boolean;
}

export interface SuggestResult {
  suggestions: CodeSuggestion[];
  /** HCPCS and CPT (by code number, where a licensed CPT set is loaded) supported by the note. */
  procedures: ProcedureSuggestion[];
  notCoded: NotCoded[];
  /** Release used (the one in force on the date of service, or the nearest loaded one, said in `notices`). */
  release: string;
  /** "No ICD-10-CM release loaded for dates from ...": the date of service is outside every loaded release. */
  notices: string[];
  /** Confidence features per suggestion, when the suggester was asked for them (weight fitting). */
  features?: number[][];
}
