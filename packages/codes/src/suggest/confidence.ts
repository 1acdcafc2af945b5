/**
 * Confidence of a suggestion: a logistic model over a few features a coder would weigh (how much of the Index
 * path the note spells out, where it is written, how often, whether the code needed defaults). The weights were
 * fitted on the CodiEsp train and dev sets (bench/eval-coding.ts --fit) and are kept here as constants, so the
 * same note always gets the same numbers.
 */
import { SECTION_WEIGHT, type SectionKind } from './sections.ts';

export interface ConfidenceInput {
  /** Essential words matched along the Index path. */
  matched: number;
  /** Levels walked below the main term. */
  depth: number;
  mentions: number;
  section: SectionKind;
  viaSee: boolean;
  linked: boolean;
  /** The code had to be completed by default (no side / encounter / subcode in the note). */
  defaulted: boolean;
  /** A history / family-history code stands in for the condition. */
  historyCode: boolean;
  /** The main term alone, no subterm ("Pain" -> R52). */
  bare: boolean;
  /** log(1 + times the code was seen in a reference corpus), 0 without a prior. */
  prior: number;
  /** The same for the code's 3-character category. */
  categoryPrior: number;
  /** Share of the Index path's essential words the note wrote (0..1). */
  coverage: number;
  /** Traits of the strongest mention (coded anyway under the 'every-mention' rules). */
  negated: boolean;
  uncertain: boolean;
  /** Matched a Tabular title or inclusion term rather than an Index path. */
  tabular: boolean;
  /** Log-odds that coders keep this code when suggested, against the base rate (0 without calibration data). */
  calibration: number;
  /** The condition offered beside its history code (every-mention rules). */
  besideHistory?: boolean;
  /** All its words belong to a richer finding (kept under every-mention rules only). */
  contained?: boolean;
  /** A main term alone whose Index qualifier ("Flap, liver") is not written in the sentence. */
  qualifierUnwritten?: boolean;
  /** The code is for an unspecified site ("Tumor" D49.9). */
  unspecifiedSite?: boolean;
  /** Its subterms were read beyond the usual window, anywhere in the sentence. */
  far?: boolean;
}

export const FEATURES = [
  'bias',
  'matched',
  'depth',
  'log mentions',
  'section',
  'via see',
  'linked',
  'defaulted',
  'history code',
  'bare',
  'prior',
  'category prior',
  'coverage',
  'negated',
  'uncertain',
  'tabular',
  'calibration',
  'beside history',
  'contained',
  'qualifier unwritten',
  'unspecified site',
  'far subterms',
] as const;

export function featureVector(x: ConfidenceInput): number[] {
  return [
    1,
    Math.min(x.matched, 6),
    Math.min(x.depth, 5),
    Math.log(x.mentions),
    SECTION_WEIGHT[x.section],
    x.viaSee ? 1 : 0,
    x.linked ? 1 : 0,
    x.defaulted ? 1 : 0,
    x.historyCode ? 1 : 0,
    x.bare ? 1 : 0,
    x.prior,
    x.categoryPrior,
    x.coverage,
    x.negated ? 1 : 0,
    x.uncertain ? 1 : 0,
    x.tabular ? 1 : 0,
    x.calibration,
    x.besideHistory ? 1 : 0,
    x.contained ? 1 : 0,
    x.qualifierUnwritten ? 1 : 0,
    x.unspecifiedSite ? 1 : 0,
    x.far ? 1 : 0,
  ];
}

/** Weights in FEATURES order (the 'outpatient' rules, and any suggester given a code prior or calibration). */
export const WEIGHTS: readonly number[] = [
  -2, 0.139, -0.076, 0.881, 1.5, -0.324, -0.025, -0.005, -0.534, 0.088, 0.25, 0.009, -0.261, 0.007, 0.253, -0.869,
  0.998,
];

/**
 * Weights for the 'every-mention' rules (a corpus whose coders code every mention, as CodiEsp's do), fitted on CodiEsp
 * train with the suggester as shipped: no code prior and no calibration (their weights are WEIGHTS'), the section
 * weight set as in WEIGHTS (CodiEsp has no sections). `node --import tsx bench/coding-eval/quick-eval.ts dev 1 --fit`.
 */
export const EVERY_MENTION_WEIGHTS: readonly number[] = [
  -1.233, 0.019, -0.066, 0.992, 1.5, -0.508, -0.021, -0.49, -0.808, 0.102, 0.25, 0.009, -0.254, -0.039, 0.132, -1.986,
  0.998, 0.22, -0.863, -1.18, -1.105, -0.769,
];

export function confidence(x: ConfidenceInput, weights: readonly number[] = WEIGHTS): number {
  const f = featureVector(x);
  let z = 0;
  for (let i = 0; i < f.length; i++) z += f[i] * (weights[i] ?? 0);
  return 1 / (1 + Math.exp(-z));
}
