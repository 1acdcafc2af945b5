/**
 * Code suggestions from a clinician's note: the note is segmented, its words normalized, the Alphabetic Index
 * walked from every main term found, each finding's traits read from its phrase, outpatient rules applied
 * (negated, uncertain and hypothetical findings are not coded; history and family history become Z codes), every
 * code verified in the Tabular of the release in force on the date of service, and the result ranked.
 * Pure and deterministic: same note, same catalog, same answer.
 */
import type { CodeCatalog } from '../catalog/code-catalog.ts';
import { checkAgeSex } from '../edits/age-sex.ts';
import type { CodingInput } from '../edits/edit-types.ts';
import { withDot } from '../catalog/tabular-rules.ts';
import {
  confidence,
  type ConfidenceInput,
  EVERY_MENTION_WEIGHTS,
  FEATURES,
  featureVector,
  WEIGHTS,
} from './confidence.ts';
import { tokenTraits, traitsOf } from './context.ts';
import { type CorpusLexicon, type LexiconHit, spotLexicon } from './corpus-lexicon.ts';
import { conceptWords } from './concept-words.ts';
import { HistoryCodes, isEpisodic } from './history-codes.ts';
import type { OfficeModel } from './office-model.ts';
import { buildIndexTree, type IndexTree } from './index-tree.ts';
import { IndexWalker } from './index-walk.ts';
import { matchedText, type Mention, spansOf, toMention } from './mentions.ts';
import { segmentNote, type SegmentedNote } from './note-text.ts';
import { annotatePairs, PairNotes } from './pairs.ts';
import type { CodeSuggestion, NotCoded, SuggestOptions, SuggestResult } from './suggest-types.ts';
import { titleInfo } from '../search/rank-defaults.ts';
import { ProcedureSuggester } from './procedures.ts';
import { rankerScore } from './ranker.ts';
import { ReleaseCodes, verifyCode, type VerifiedCode } from './tabular-check.ts';
import { normWord } from './term-normalize.ts';
import { TitleSpotter } from './title-spotter.ts';

const HISTORY_WORDS = new Set(['family', 'history', 'personal', 'other', 'disease', 'unspecified']);
const ENCOUNTER_REASON = /^Z(0[0-9]|1[0-3]|23|7[56])/;

export interface SuggesterOptions {
  /**
   * What the office's own coded notes taught (`learnOfficeModel`): its lexicon, code prior and calibration. The
   * `prior`, `calibration` and `lexicon` options below, when given, stand in for the model's.
   */
  office?: OfficeModel;
  /** Code -> how often a reference corpus used it (no dot); raises common codes a little. */
  prior?: ReadonlyMap<string, number>;
  /**
   * Code -> how often it was suggested for a reference corpus and how often a coder kept it there: codes that are
   * usually right rank higher, codes usually rejected lower.
   */
  calibration?: ReadonlyMap<string, Calibration>;
  weights?: readonly number[];
  /** Attach each suggestion's confidence features (for fitting the weights). */
  features?: boolean;
  /** A reference corpus's phrases and the codes its coders gave them (`learnCorpusLexicon`). */
  lexicon?: CorpusLexicon;
  /** Weights that merge the lexicon's codes with the Index findings (LEXICON_WEIGHTS order). */
  lexiconWeights?: readonly number[];
  /** Attach each suggestion's merge features instead (for fitting LEXICON_WEIGHTS). */
  lexiconFeatures?: boolean;
  /**
   * Attach each suggestion's ranker row instead: its merge features, then its confidence features (zeros for a code
   * only the office's lexicon or calibration offers). `learnOfficeModel` learns the office's ranker from them.
   */
  rankRows?: boolean;
}

/**
 * Merge of Index findings and lexicon codes, a logistic model over: bias, log-odds of the Index confidence, found by
 * the Index, log-odds of the lexicon's held-out share, found by the lexicon, log(1 + the note's phrases naming it),
 * log(1 + the corpus's count of the code). Fitted on CodiEsp train, each half scored with the other half's lexicon
 * and calibration (bench/eval-coding.ts --fit-lexicon).
 */
export const LEXICON_WEIGHTS: readonly number[] = [-1.673, 0.941, 1.79, 1.462, -0.662, -0.24, -0.046];

/** How a reference corpus's coders treated one suggested code (no dots). */
export interface Calibration {
  /** Notes the code was suggested for (among the leading suggestions). */
  suggested: number;
  /** Of those, notes whose coders kept it. */
  right: number;
  /**
   * Codes of the same category the coders chose in the notes where this one was suggested but not kept (and the
   * chosen one was not suggested): code -> notes. "Lymphadenopathy" reads R59.1 in the Index; a corpus coded R59.9.
   */
  instead?: ReadonlyMap<string, number>;
}

/** A corpus's usual sibling is offered when its coders chose it in at least this share of the notes, and twice. */
const INSTEAD_SHARE = 0.08;
const INSTEAD_MIN = 2;
/** Pseudo-notes at the corpus-wide rate that a code's own calibration is smoothed with. */
const SMOOTH = 1;

interface Coded {
  mention: Mention;
  verified: VerifiedCode;
  historyCode: boolean;
  /** The condition itself, offered beside its history code (every-mention rules). */
  besideHistory?: boolean;
  /** All its words belong to a richer finding (kept under every-mention rules only). */
  contained?: boolean;
}

export class CodeSuggester {
  readonly tree: IndexTree;
  private readonly release: ReleaseCodes;
  private readonly history?: HistoryCodes;
  private readonly features = new WeakMap<CodeSuggestion, number[]>();
  private readonly categoryPrior = new Map<string, number>();
  private readonly titles: TitleSpotter;
  private readonly baseRate: number;
  private readonly pairNotes: PairNotes;
  private readonly procedures: ProcedureSuggester;
  private readonly options: SuggesterOptions;
  /** Ranker rows are made (the office model has a ranker, or they were asked for). */
  private readonly rows: boolean;

  /**
   * `base`: a suggester on the same catalog whose Index tree and code tables this one shares (`withOffice` uses it:
   * one office's suggester costs its model, not another copy of the Index).
   */
  constructor(
    private readonly catalog: CodeCatalog,
    private readonly given: SuggesterOptions = {},
    base?: CodeSuggester,
  ) {
    const options = given;
    const o = options.office;
    this.options = {
      ...options,
      prior: options.prior ?? o?.prior,
      calibration: options.calibration ?? o?.calibration,
      lexicon: options.lexicon ?? o?.lexicon,
    };
    this.rows = options.rankRows === true || o?.ranker !== undefined;
    if (base && base.catalog !== catalog) throw new Error('a suggester shares its parts only on the same catalog');
    this.tree = base?.tree ?? buildIndexTree(catalog.index);
    this.release = base?.release ?? new ReleaseCodes(catalog);
    this.titles = base?.titles ?? new TitleSpotter(catalog);
    this.pairNotes = base?.pairNotes ?? new PairNotes(catalog);
    this.procedures = base?.procedures ?? new ProcedureSuggester(catalog);
    let suggested = 0;
    let right = 0;
    for (const c of this.options.calibration?.values() ?? []) {
      suggested += c.suggested;
      right += c.right;
    }
    this.baseRate = suggested ? Math.min(0.99, Math.max(0.01, right / suggested)) : 0.5;
    for (const [code, n] of this.options.prior ?? []) {
      const cat = code.slice(0, 3);
      this.categoryPrior.set(cat, (this.categoryPrior.get(cat) ?? 0) + n);
    }
    if (catalog.tabular) this.history = base?.history ?? new HistoryCodes(catalog.tabular.entries);
  }

  /** This suggester adapted to an office's model (`learnOfficeModel`), sharing the Index tree and code tables. */
  withOffice(office: OfficeModel | undefined): CodeSuggester {
    const { office: _, prior: _p, calibration: _c, lexicon: _l, ...rest } = this.given;
    return new CodeSuggester(this.catalog, office ? { ...rest, office } : rest, this);
  }

  /** This suggester with other options, sharing the Index tree and code tables. */
  withOptions(options: SuggesterOptions): CodeSuggester {
    return new CodeSuggester(this.catalog, options, this);
  }

  suggest(text: string, opts: SuggestOptions): SuggestResult {
    const release = this.catalog.releaseOn('icd10cm', opts.on);
    const note = segmentNote(text);
    const tokenBits = tokenTraits(note);
    const words = conceptWords(note);
    const bits = Uint8Array.from(words, (w) => tokenBits[w.tok]);
    const everyMention = opts.rules === 'every-mention';
    const matches = new IndexWalker({ tree: this.tree, words, bits, far: everyMention })
      .walkAll()
      .filter((m) => everyMention || !m.bare);
    for (const t of this.titles.spot(words)) {
      const n = t.term.essential.length;
      matches.push({
        path: [],
        codeNode: -1,
        code: t.term.code,
        words: t.words,
        anchorWords: t.words,
        matched: n,
        score: n,
        linked: false,
        viaSee: false,
        tabular: { text: t.term.text, inclusion: t.term.inclusion },
      });
    }
    const mentions = matches.map((m) => toMention(m, note, words, tokenBits, this.tree));
    const notCoded: NotCoded[] = [];
    const coded: Coded[] = [];
    for (const m of mentions) {
      const c = this.code(m, opts, note, notCoded);
      if (c) coded.push(c);
      // Every mention is coded under that convention: a history or family history keeps its condition beside the
      // Z code ("history of type 1 diabetes" reads E10.9 too), behind it.
      if (c?.historyCode && everyMention) {
        const own = verifyCode(m.match.code, m.ctx, opts.on, this.release, this.catalog);
        if (own) coded.push({ mention: m, verified: own, historyCode: false, besideHistory: true });
      }
    }
    const contained = this.dropContained(coded, opts, everyMention);
    const indexRanked = this.rank(everyMention ? contained : mostSpecific(contained), note, opts);
    const mergeFeatures = new Map<CodeSuggestion, number[]>();
    const ranked = this.options.lexicon
      ? this.withLexicon(indexRanked, note, tokenBits, opts, notCoded, mergeFeatures)
      : indexRanked;
    const limit = opts.limit ?? 20;
    // Pairs and Excludes1 among the leading suggestions (an Excludes1 loser can drop out of the page).
    const suggestions = ranked.slice(0, limit * 2);
    this.ageSexWarnings(suggestions, opts);
    // An office's ranker gives what its coders kept, Excludes1 pairs included: its confidence is not halved again
    // (CodiEsp dev R@10 strict 49.3 halved, 49.8 not); the pair is still shown.
    annotatePairs(suggestions, this.pairNotes, opts.on, this.options.office?.ranker === undefined);
    const min = opts.minConfidence ?? 0;
    const kept = suggestions.filter((s) => s.confidence >= min).slice(0, limit);
    return {
      suggestions: kept,
      procedures:
        opts.procedures === false ? [] : this.procedures.suggest({ note, words, bits, tokenBits, on: opts.on }),
      notCoded,
      release: release?.releaseId ?? '',
      notices: [this.catalog.coverageGap('icd10cm', opts.on)?.message].filter((m): m is string => Boolean(m)),
      ...(this.options.features ? { features: kept.map((s) => this.features.get(s) ?? []) } : {}),
      ...(this.options.lexiconFeatures || this.options.rankRows
        ? { features: kept.map((s) => mergeFeatures.get(s) ?? []) }
        : {}),
    };
  }

  /**
   * The reference corpus's codes for the note's phrases, merged with the Index findings: a code both name gains, a
   * code only the lexicon names is offered on its phrase's words with the corpus's share in its checks.
   */
  private withLexicon(
    ranked: CodeSuggestion[],
    note: SegmentedNote,
    tokenBits: Uint8Array,
    opts: SuggestOptions,
    notCoded: NotCoded[],
    features: Map<CodeSuggestion, number[]>,
  ): CodeSuggestion[] {
    const w = this.options.lexiconWeights ?? LEXICON_WEIGHTS;
    const everyMention = opts.rules === 'every-mention';
    const hits = new Map(spotLexicon(note, this.options.lexicon!).map((h) => [h.code, h]));
    const logit = (p: number) => {
      const q = Math.min(0.999, Math.max(0.001, p));
      return Math.log(q / (1 - q));
    };
    const ranker = this.options.office?.ranker;
    const score = (
      key: string,
      base: number | undefined,
      share: number | undefined,
      phrases: number,
      index: readonly number[] | undefined,
    ) => {
      const f = [
        1,
        base === undefined ? 0 : logit(base),
        base === undefined ? 0 : 1,
        share === undefined ? 0 : logit(share),
        share === undefined ? 0 : 1,
        Math.log1p(phrases),
        Math.log1p(this.options.prior?.get(key) ?? 0),
      ];
      let z = 0;
      for (let i = 0; i < f.length; i++) z += f[i] * (w[i] ?? 0);
      if (!this.rows) return { f, confidence: Math.round((1000 * 1) / (1 + Math.exp(-z))) / 1000 };
      // The office's ranker weighs the merge and confidence features together; the row is what it was learnt on.
      const row = [...f, ...(index ?? NO_FEATURES)];
      if (ranker) z = rankerScore(ranker, row);
      return { f: row, confidence: Math.round((1000 * 1) / (1 + Math.exp(-z))) / 1000 };
    };
    const out: CodeSuggestion[] = [];
    const have = new Set<string>();
    for (const s of ranked) {
      const key = s.code.replace('.', '');
      have.add(key);
      const h = hits.get(key);
      const { f, confidence } = score(key, s.confidence, h?.share, h?.phrases ?? 0, this.features.get(s));
      const merged: CodeSuggestion = h
        ? {
            ...s,
            confidence,
            reason: {
              ...s.reason,
              checks: [...s.reason.checks, officeSaid(h, s.code)],
            },
          }
        : { ...s, confidence };
      features.set(merged, f);
      out.push(merged);
    }
    // Codes the note states negated, uncertain or hypothetical by the Index's reading ("denies chest pain"): the
    // office's phrases elsewhere in the note do not offer them as findings.
    const stated = new Set(
      notCoded
        .filter((n) => n.code && (n.why === 'negated' || n.why === 'uncertain' || n.why === 'hypothetical'))
        .map((n) => n.code!.replace('.', '')),
    );
    for (const h of hits.values()) {
      if (have.has(h.code) || stated.has(h.code)) continue;
      let bits = 0;
      for (const t of h.tokens) bits |= tokenBits[t];
      const traits = traitsOf(bits);
      const spans = spansOf(h.tokens, note);
      const matched = matchedText(h.tokens, note);
      const why = everyMention
        ? undefined
        : traits.negated
          ? 'negated'
          : traits.uncertain
            ? 'uncertain'
            : traits.hypothetical
              ? 'hypothetical'
              : undefined;
      if (why || (!everyMention && (traits.family || traits.history))) {
        if (why) notCoded.push({ text: matched.join(' '), spans, code: withDot(h.code), why, traits });
        continue;
      }
      const verified = verifyCode(h.code, EMPTY_CONTEXT, opts.on, this.release, this.catalog);
      if (!verified || verified.key !== h.code) continue;
      const { f, confidence } = score(h.code, undefined, h.share, h.phrases, undefined);
      const s: CodeSuggestion = {
        code: withDot(h.code),
        codeSet: 'icd10cm',
        title: verified.entry.longTitle,
        confidence,
        spans,
        reason: {
          indexPath: `this office's coded notes: "${matched.join(' ')}"`,
          matched,
          checks: [...verified.checks, officeSaid(h, withDot(h.code))],
        },
        traits: { ...traits },
        needs: [],
        pairs: [],
        excludes: [],
        warnings: [],
        section: note.tokens[h.tokens[0]].section,
      };
      features.set(s, f);
      out.push(s);
    }
    return out.sort((a, b) => b.confidence - a.confidence || a.spans[0].start - b.spans[0].start);
  }

  /** Outpatient rules for one finding: what to code, or why not. */
  private code(m: Mention, opts: SuggestOptions, note: SegmentedNote, notCoded: NotCoded[]): Coded | undefined {
    const t = m.traits;
    const everyMention = opts.rules === 'every-mention';
    const why = everyMention
      ? undefined
      : t.negated
        ? 'negated'
        : t.uncertain
          ? 'uncertain'
          : t.hypothetical
            ? 'hypothetical'
            : undefined;
    const skip = (reason: NotCoded['why'], code?: string) => {
      notCoded.push({
        text: matchedText(m.tokens, note).join(' '),
        spans: spansOf(m.tokens, note),
        ...(code ? { code: withDot(code) } : {}),
        why: reason,
        traits: t,
      });
      return undefined;
    };
    const verified = verifyCode(m.match.code, m.ctx, opts.on, this.release, this.catalog);
    if (why) return skip(why, verified?.key);
    if (!verified) return undefined;
    // Reasons for an encounter (examinations, screening, follow-up, admission) are what the visit was for: only
    // as the clinician states them in the chief complaint or assessment.
    if (ENCOUNTER_REASON.test(verified.key) && !['cc', 'assessment', 'plan'].includes(m.section)) return undefined;
    // A family history code is never a personal history's, nor a personal one a relative's ("History, personal"
    // refers to "History, family" in the Index: "personal history of asthma" walks to Z82.5). The condition's own
    // reading on the same words gives the history code of the right kind.
    const held = historyKindOf(verified.key);
    const written = writtenKind(m, note);
    if (held && written && held !== written) return undefined;
    if (t.family || (t.history && (isEpisodic(verified.key) || personalWritten(m, note)))) {
      const kind = t.family ? 'family' : 'personal';
      const z = this.history?.historyOf(verified.key, kind);
      const zv = z ? this.historyLeaf(z, verified, opts.on) : undefined;
      if (zv) {
        zv.checks.unshift(
          `${kind} history of ${withDot(verified.key)}: Tabular "Conditions classifiable to" at ${withDot(z!)}`,
        );
        return { mention: m, verified: zv, historyCode: true };
      }
      if (t.family) return skip('family history without a code', verified.key);
    }
    return { mention: m, verified, historyCode: false };
  }

  /**
   * The billable history code under a Tabular category: the child whose title shares the condition's words (Z86.711
   * for a pulmonary embolism), else the residual "other" child (Z82.49, not Z82.41 sudden cardiac death, for an MI).
   */
  private historyLeaf(z: string, condition: VerifiedCode, on: string): VerifiedCode | undefined {
    const own = this.catalog.codesOn('icd10cm', on)?.get(z);
    const checks = [`${withDot(z)} is billable in ICD-10-CM ${this.catalog.releaseOn('icd10cm', on)?.releaseId ?? ''}`];
    if (own?.billable) return { key: z, entry: own, checks, needs: [] };
    const kids = this.release.billableUnder(on, z);
    if (kids.length === 0) return undefined;
    const words = titleInfo(condition.entry.longTitle).all;
    const overlap = (title: string) =>
      [...titleInfo(title).all].filter((w) => words.has(w) && !HISTORY_WORDS.has(w)).length;
    let best = kids[0];
    for (const k of kids) {
      const d = overlap(k[1].longTitle) - overlap(best[1].longTitle);
      if (d > 0 || (d === 0 && k[0].endsWith('9') && !best[0].endsWith('9'))) best = k;
    }
    return { key: best[0], entry: best[1], checks: [`${withDot(best[0])} chosen below ${withDot(z)}`], needs: [] };
  }

  /** Codes meant for another age group or sex than the patient's: a warning, and half the confidence. */
  private ageSexWarnings(suggestions: CodeSuggestion[], opts: SuggestOptions): void {
    if (opts.age === undefined && !opts.sex) return;
    const [y, m, d] = opts.on.split('-');
    const birthDate = `${String(Number(y) - (opts.age ?? 40)).padStart(4, '0')}-${m}-${d}`;
    const dxs = suggestions.map((s, index) => ({ code: s.code.replace('.', ''), index }));
    const input: CodingInput = {
      diagnoses: [],
      procedures: [],
      patient: { birthDate, sex: opts.sex ?? 'U' },
      dateOfService: opts.on,
    };
    for (const e of checkAgeSex(this.catalog, dxs, input)) {
      if (e.ruleId === 'dx-age' && opts.age === undefined) continue;
      const s = suggestions[e.location.index ?? -1];
      if (!s) continue;
      s.warnings.push(e.message);
      s.confidence = Math.round(s.confidence * 500) / 1000;
    }
  }

  /** Log-odds of the code being kept, against the corpus-wide rate (0 for codes never suggested there). */
  private calibrated(key: string): number {
    const c = this.options.calibration?.get(key);
    if (!c) return 0;
    const p = (c.right + SMOOTH * this.baseRate) / (c.suggested + SMOOTH);
    return Math.log(p / (1 - p)) - Math.log(this.baseRate / (1 - this.baseRate));
  }

  /**
   * A finding whose words all belong to a richer finding is part of it ("diabetic neuropathy" is E11.40, not also
   * G62.9), unless the richer code asks for it as an additional code (diabetes with CKD: N18.- too).
   */
  private dropContained(coded: Coded[], opts: SuggestOptions, keep: boolean): Coded[] {
    // Candidates for "a holds b" share b's first token: index the findings by token.
    const byToken = new Map<number, Coded[]>();
    const sets = new Map<Coded, Set<number>>();
    for (const c of coded) {
      sets.set(c, new Set(c.mention.tokens));
      for (const t of c.mention.tokens) {
        const list = byToken.get(t);
        if (list) list.push(c);
        else byToken.set(t, [c]);
      }
    }
    // Under every-mention rules the part is kept too ("corneal edema" is H18.20, and edema R60.9 to such coders),
    // marked so that it ranks behind.
    return coded.filter((b) => {
      const bt = b.mention.tokens;
      if (b.mention.match.bare) return true;
      const held = (byToken.get(bt[0]) ?? []).some((a) => {
        if (a === b || a.mention.match.far || a.mention.match.matched <= b.mention.match.matched) return false;
        if (a.verified.key === b.verified.key) return false;
        const at = sets.get(a)!;
        if (!bt.every((t) => at.has(t))) return false;
        return !this.pairNotes.naming(a.verified.key, 'useAdditionalCode', b.verified.key, opts.on);
      });
      if (held && keep) b.contained = true;
      return !held || keep;
    });
  }

  private rank(coded: Coded[], note: SegmentedNote, opts: SuggestOptions): CodeSuggestion[] {
    // Weights fitted with a code prior and calibration suit a suggester that has them; the shipped one has neither.
    const corpus = this.options.prior !== undefined || this.options.calibration !== undefined;
    const weights =
      this.options.weights ?? (opts.rules === 'every-mention' && !corpus ? EVERY_MENTION_WEIGHTS : WEIGHTS);
    const byCode = new Map<string, Coded[]>();
    for (const c of coded) {
      const list = byCode.get(c.verified.key);
      if (list) list.push(c);
      else byCode.set(c.verified.key, [c]);
    }
    const out: CodeSuggestion[] = [];
    for (const [key, list] of byCode) {
      const best = list.reduce((a, b) => (strength(b) > strength(a) ? b : a));
      const tokens = [...new Set(list.flatMap((c) => c.mention.tokens))].sort((a, b) => a - b);
      const m = best.mention;
      const input: ConfidenceInput = {
        matched: m.match.matched,
        depth: m.match.path.length - 1,
        mentions: distinctMentions(list),
        section: m.section,
        viaSee: m.match.viaSee,
        linked: m.match.linked,
        defaulted: best.verified.needs.length > 0 || best.verified.key !== m.match.code.replace(/[.-]/g, ''),
        historyCode: best.historyCode,
        besideHistory: best.besideHistory === true,
        contained: list.every((c) => c.contained === true),
        qualifierUnwritten: qualifierUnwritten(this.tree, m, note),
        unspecifiedSite: UNSPECIFIED_SITE.test(best.verified.entry.longTitle),
        far: list.every((c) => c.mention.match.far === true),
        bare: m.match.path.length === 1 || m.match.bare === true,
        tabular: m.match.tabular !== undefined,
        prior: Math.log1p(this.options.prior?.get(key) ?? 0),
        calibration: this.calibrated(key),
        categoryPrior: Math.log1p(this.categoryPrior.get(key.slice(0, 3)) ?? 0),
        coverage: m.match.tabular ? 1 : m.match.matched / Math.max(m.match.matched, pathWords(this.tree, m.match.path)),
        negated: m.traits.negated,
        uncertain: m.traits.uncertain || m.traits.hypothetical,
      };
      const suggestion: CodeSuggestion = {
        code: withDot(key),
        codeSet: 'icd10cm',
        title: best.verified.entry.longTitle,
        confidence: Math.round(confidence(input, weights) * 1000) / 1000,
        spans: spansOf(tokens, note),
        reason: { indexPath: m.indexPath, matched: matchedText(tokens, note), checks: best.verified.checks },
        traits: m.traits,
        // Specificity one mention leaves open and another states is not asked for.
        needs: best.verified.needs.filter((n) => list.every((c) => c.verified.needs.includes(n))),
        pairs: [],
        excludes: [],
        warnings: [],
        section: m.section,
      };
      if (this.options.features || this.rows) this.features.set(suggestion, featureVector(input));
      out.push(suggestion);
    }
    this.addCorpusSiblings(out, opts);
    return out.sort((a, b) => b.confidence - a.confidence || a.spans[0].start - b.spans[0].start);
  }

  /**
   * The sibling a reference corpus's coders chose where this code was suggested (calibration's `instead`): offered
   * beside it, on the same words, with the share of notes in which they chose it as its confidence.
   */
  private addCorpusSiblings(out: CodeSuggestion[], opts: SuggestOptions): void {
    // Fitting the confidence weights looks at the suggester's own findings only.
    if (!this.options.calibration || this.options.features) return;
    const have = new Set(out.map((s) => s.code.replace('.', '')));
    const added = new Map<string, CodeSuggestion>();
    const codes = this.catalog.codesOn('icd10cm', opts.on);
    for (const s of out) {
      const key = s.code.replace('.', '');
      const c = this.options.calibration.get(key);
      if (!c?.instead) continue;
      for (const [q, n] of c.instead) {
        const share = n / (c.suggested + 1);
        if (n < INSTEAD_MIN || share < INSTEAD_SHARE || have.has(q)) continue;
        const entry = codes?.get(q);
        if (!entry?.billable) continue;
        const confidence = Math.round(share * 1000) / 1000;
        const prev = added.get(q);
        if (prev && prev.confidence >= confidence) continue;
        added.set(q, {
          ...s,
          code: withDot(q),
          title: entry.longTitle,
          confidence,
          reason: {
            ...s.reason,
            checks: [
              ...s.reason.checks,
              `this office coded ${withDot(q)} in ${n} of ${c.suggested} notes where these words gave ${s.code}`,
            ],
          },
          needs: [],
          pairs: [],
          excludes: [],
          warnings: [],
        });
      }
    }
    for (const x of added.values()) out.push(x);
  }
}

/** Family history (Z80-Z84) or personal history (Z85-Z87) code. */
function historyKindOf(key: string): 'family' | 'personal' | undefined {
  return /^Z8[0-4]/.test(key) ? 'family' : /^Z8[5-7]/.test(key) ? 'personal' : undefined;
}

/** The history a finding's words or traits say it is: a relative's ("family") or the patient's own. */
function writtenKind(m: Mention, note: SegmentedNote): 'family' | 'personal' | undefined {
  const words = m.tokens.map((i) => note.tokens[i].word);
  if (m.traits.family || words.includes('family')) return 'family';
  if (m.traits.history || words.includes('personal') || words.includes('history')) return 'personal';
  return undefined;
}

/**
 * "Personal history of X" written before the finding in its sentence: the clinician's words for the Tabular's
 * personal history codes (Z87.09 for asthma), which a chronic condition written "history of X" does not get.
 */
function personalWritten(m: Mention, note: SegmentedNote): boolean {
  const s = note.sentences[m.sentence];
  for (let i = m.tokens[0] - 1; i > s.from; i--)
    if (note.tokens[i].word === 'history' && note.tokens[i - 1].word === 'personal') return true;
  return false;
}

/** The confidence features of a code the Index did not offer. */
const NO_FEATURES: readonly number[] = FEATURES.map(() => 0);
const EMPTY_CONTEXT = { tokens: new Set<string>(), withTokens: new Set<string>(), side: 0, encounter: 0 };
const pct = (x: number) => `${Math.round(100 * x)}%`;

/** The office's history behind a lexicon code, in words. */
function officeSaid(h: LexiconHit, code: string): string {
  const e = h.entry;
  return e.coded !== undefined && e.of !== undefined
    ? `this office coded "${h.phrase}" as ${code} in ${e.coded} of ${e.of} notes`
    : `this office coded ${code} in ${pct(h.share)} of notes with "${h.phrase}"`;
}

/**
 * Code to the highest specificity the note documents: a code whose Index path is a beginning of another kept code's
 * path under the same main term ("Cough" R05.9 beside "Cough, chronic" R05.3) is left out.
 */
function mostSpecific(coded: Coded[]): Coded[] {
  const paths = coded.filter((c) => !c.mention.match.tabular && !c.historyCode).map((c) => c.mention.match.path);
  const deeper = coded.filter((c) => {
    const p = c.mention.match.path;
    if (c.mention.match.tabular || c.historyCode || p.length === 0) return true;
    return !paths.some((q) => q.length > p.length && p.every((n, i) => q[i] === n));
  });
  // An "unspecified" code beside a specific code of its category ("Hyperlipidemia, unspecified" and "Mixed
  // hyperlipidemia") says less about the same condition.
  const categories = new Map<string, number>();
  for (const c of deeper) {
    if (/\bunspecified\b/i.test(c.verified.entry.longTitle)) continue;
    const k = c.verified.key.slice(0, 3);
    categories.set(k, (categories.get(k) ?? 0) + 1);
  }
  return deeper.filter(
    (c) => !/\bunspecified\b/i.test(c.verified.entry.longTitle) || !categories.get(c.verified.key.slice(0, 3)),
  );
}

/** A code for a condition whose site the note did not give ("Tumor" D49.9, "Carcinoma" C80.1). */
const UNSPECIFIED_SITE =
  /\b(unspecified site|site unspecified|unspecified body region|without specification of site)\b|^malignant \(primary\) neoplasm, unspecified$/i;

/**
 * A main term read on its own word while the Index names it with a qualifier the note does not write ("Flap, liver"
 * read on "flap", "Fragments, cataract" on "fragments"): often another sense of the word.
 */
function qualifierUnwritten(tree: IndexTree, m: Mention, note: SegmentedNote): boolean {
  const path = m.match.path;
  if (m.match.tabular || path.length !== 1) return false;
  const q = tree.nodes[path[0]].qualifier;
  if (!q) return false;
  const s = note.sentences[m.sentence];
  for (let i = s.from; i < s.to; i++) if (q.includes(normWord(note.tokens[i].word))) return false;
  return true;
}

/** Essential words along an Index path (the first alternative of each term). */
function pathWords(tree: IndexTree, path: number[]): number {
  let n = 0;
  for (const p of path) n += tree.nodes[p].alts[0]?.length ?? 0;
  return n;
}

/**
 * How many times the note names the code: a bare reading (a main term's own code, or a coded level above the walk's
 * code) on words a deeper reading of the same code also stands on is that reading again, and counts once.
 */
function distinctMentions(list: Coded[]): number {
  let n = 0;
  for (const c of list) {
    const t = c.mention.tokens;
    const again =
      c.mention.match.bare === true &&
      list.some((o) => o !== c && !o.mention.match.bare && t.every((x) => o.mention.tokens.includes(x)));
    if (!again) n++;
  }
  return n;
}

/** The mention that explains a code best: an Index path before a Tabular term, then the most words. */
function strength(c: Coded): number {
  const m = c.mention;
  return (m.match.tabular ? 0 : 100) + m.match.matched * 10 + (m.section === 'assessment' ? 1 : 0);
}
