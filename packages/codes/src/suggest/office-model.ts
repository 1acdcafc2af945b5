/**
 * What an office's own coded notes teach the suggester: the office's phrases and the codes its coders give them
 * (the corpus lexicon), how often it uses each code (the prior), and how often each code the suggester offers was
 * kept there (the per-code calibration, with the sibling its coders chose instead), and from a hundred notes on, how
 * to rank the suggestions (a small tree ranker over their features, learnt from how the office coded its notes).
 * Learnt from the notes the
 * office coded — its own history, never another office's — and given to `CodeSuggester` as `office`.
 * Pure and deterministic: same notes, same catalog, same model. Serializable to JSON and back.
 */
import type { CodeCatalog } from '../catalog/code-catalog.ts';
import { type Calibration, CodeSuggester } from './code-suggester.ts';
import {
  type CodedNote,
  type CorpusLexicon,
  type LexiconEntry,
  learnCorpusLexiconSteps,
  type NoteReading,
} from './corpus-lexicon.ts';
import type { CodeSuggestion } from './suggest-types.ts';
import { fitRankerSteps, type Ranker, type RankerTree } from './ranker.ts';
import { ReleaseCodes, verifyCode } from './tabular-check.ts';

export type { CodedNote } from './corpus-lexicon.ts';

export interface OfficeModel {
  /** Coded notes it was learnt from. */
  readonly notes: number;
  /** Phrases of the office's notes and the codes its coders gave them. */
  readonly lexicon: CorpusLexicon;
  /** Code (no dot) -> notes the office coded with it. */
  readonly prior: ReadonlyMap<string, number>;
  /** Code (no dot) -> notes it was suggested for, and kept in; empty when learnt without a catalog. */
  readonly calibration: ReadonlyMap<string, Calibration>;
  /**
   * How the office's coders rank the suggestions: gradient-boosted trees over each suggestion's features (Index
   * confidence features, lexicon share, code counts), learnt from its notes; absent under `RANKER_MIN_NOTES`.
   */
  readonly ranker?: Ranker;
}

export interface LearnOfficeOptions {
  /**
   * The code sets: without them the model has no calibration (nothing to suggest with) and the coders' codes are
   * taken as written.
   */
  catalog?: CodeCatalog;
  /** Date of service for notes without one (YYYY-MM-DD); default the latest ICD-10-CM release's first day. */
  on?: string;
  /** Whether a suggested code counts as a coded one (default: the same code, dots ignored). */
  match?: (suggested: string, coded: string) => boolean;
  /** A suggester on `catalog` whose Index tree and code tables the learning shares (else it builds its own). */
  base?: CodeSuggester;
  /** Learn the ranker too (default: with a catalog and at least `RANKER_MIN_NOTES` notes). */
  ranker?: boolean;
}

/**
 * Coded notes an office needs before its ranker is learnt: each half of them is ranked with a model learnt from the
 * other half, so a few dozen notes would teach trees from a handful of codes.
 */
export const RANKER_MIN_NOTES = 100;
/** Suggestions per note the ranker learns from (the leading ones by the merged confidence). */
const RANKER_DEPTH = 60;

/**
 * Suggestions per note the calibration looks at (chosen on CodiEsp dev: 12 / 20 / 40 / 80 gave R@10
 * 48.2 / 48.8 / 49.2 / 49.2).
 */
const CALIBRATION_DEPTH = 40;

const EMPTY_CONTEXT = { tokens: new Set<string>(), withTokens: new Set<string>(), side: 0, encounter: 0 };
const key = (code: string) => code.replace(/\./g, '').toUpperCase();

/** Learns an office's model from the notes it coded. */
export function learnOfficeModel(notes: readonly CodedNote[], opts: LearnOfficeOptions = {}): OfficeModel {
  const steps = learnOfficeModelSteps(notes, opts);
  for (;;) {
    const r = steps.next();
    if (r.done) return r.value;
  }
}

/**
 * How far `learnOfficeModelSteps` is: calibrating note by note (with a catalog), reading the notes' phrases
 * (notes), measuring them (phrases), then learning the ranker (its notes read again, then its trees grown; `total` counts the passes over the
 * notes: the number of notes with no ranker, three times it with one).
 */
export interface LearnProgress {
  phase: 'phrases' | 'measuring' | 'calibrating' | 'ranking';
  done: number;
  total: number;
}

/**
 * `learnOfficeModel` in small steps: yields its progress every note or few thousand phrases, so a server can let
 * other work run between steps.
 */
export function* learnOfficeModelSteps(
  notes: readonly CodedNote[],
  opts: LearnOfficeOptions = {},
): Generator<LearnProgress, OfficeModel, void> {
  const prior = new Map<string, number>();
  for (const n of notes) for (const c of new Set(n.codes.map(key))) prior.set(c, (prior.get(c) ?? 0) + 1);
  const catalog = opts.catalog;
  if (!catalog) {
    const lexicon = yield* lexiconSteps(notes.map((n) => ({ text: n.text, codes: n.codes.map(key) })));
    return { notes: notes.length, lexicon, prior, calibration: new Map() };
  }
  const fallbackOn = opts.on ?? latestRelease(catalog);
  // Each coded code as the billable code the suggester would offer for it on the note's date.
  const release = new ReleaseCodes(catalog);
  const leaf = new Map<string, string | undefined>();
  const billable = (code: string, on: string) => {
    const k = `${on}|${code}`;
    if (!leaf.has(k)) leaf.set(k, verifyCode(code, EMPTY_CONTEXT, on, release, catalog)?.key);
    return leaf.get(k);
  };
  const match = opts.match ?? sameCode;
  const learnRanker = opts.ranker ?? notes.length >= RANKER_MIN_NOTES;
  // With the ranker each note is read three times (calibration, the other half's calibration, the ranker's rows).
  const total = (learnRanker ? 3 : 1) * notes.length;
  const suggester = opts.base ? opts.base.withOptions({ prior }) : new CodeSuggester(catalog, { prior });
  // The calibration's reading of each note (Index, Tabular: no office phrases) also tells the lexicon which words
  // already explain which of the note's codes.
  const readings: NoteReading[][] = [];
  const calibrating = calibrate(suggester, notes, fallbackOn, match, (i, on, top) => {
    const found: NoteReading[] = [];
    for (const x of top)
      for (const g of notes[i].codes) {
        if (!match(x.code, g)) continue;
        const code = billable(key(g), on);
        if (code) for (const sp of x.spans) found.push({ code, start: sp.start, end: sp.end });
      }
    readings[i] = found;
  });
  let r = calibrating.next();
  for (; !r.done; r = calibrating.next()) yield { ...r.value, total };
  const calibration = r.value;
  const lexicon = yield* lexiconSteps(
    notes.map((n, i) => ({
      text: n.text,
      codes: n.codes.map((c) => billable(key(c), n.on ?? fallbackOn)).filter((c): c is string => c !== undefined),
      readings: readings[i],
    })),
  );
  let ranker: Ranker | undefined;
  if (learnRanker) {
    const fitting = officeRanker(notes, catalog, { ...opts, on: fallbackOn, match });
    let f = fitting.next();
    for (; !f.done; f = fitting.next()) yield { phase: 'ranking', done: notes.length + f.value, total };
    ranker = f.value;
  }
  return { notes: notes.length, lexicon, prior, calibration, ...(ranker ? { ranker } : {}) };
}

/**
 * The office's ranker, cross-fitted: each half of the notes (alternate notes) is suggested for with the model learnt
 * from the other half, as a new note would be, and the trees learn which of those suggestions its coders coded.
 * Yields the notes read so far (each twice: in the other half's calibration, then for its rows), also while the
 * trees grow.
 */
function* officeRanker(
  notes: readonly CodedNote[],
  catalog: CodeCatalog,
  opts: LearnOfficeOptions & { on: string; match: (suggested: string, coded: string) => boolean },
): Generator<number, Ranker | undefined, void> {
  const halves = [notes.filter((_, i) => i % 2 === 0), notes.filter((_, i) => i % 2 === 1)];
  const x: number[][] = [];
  const y: number[] = [];
  let done = 0;
  for (const [k, half] of halves.entries()) {
    const learning = learnOfficeModelSteps(halves[1 - k], { ...opts, ranker: false });
    let l = learning.next();
    // its lexicon's steps count no note; each note it calibrates does
    for (; !l.done; l = learning.next()) yield l.value.phase === 'calibrating' ? ++done : done;
    const other = l.value;
    const options = { office: other, rankRows: true };
    const s = opts.base ? opts.base.withOptions(options) : new CodeSuggester(catalog, options);
    for (const n of half) {
      const r = s.suggest(n.text, {
        on: n.on ?? opts.on,
        limit: RANKER_DEPTH,
        rules: 'every-mention',
        procedures: false,
      });
      r.suggestions.forEach((sg, i) => {
        x.push(r.features![i]);
        // The code as coded: a ranker taught that a header's child counts (a lenient `match`) ranks codes the
        // coders did not write (CodiEsp dev R@10 strict 48.7 with lenient labels, 49.8 exact).
        y.push(n.codes.some((c) => sameCode(sg.code, c)) ? 1 : 0);
      });
      yield ++done;
    }
  }
  // Nothing to tell apart: no suggestion was ever coded, or every one was.
  if (!y.includes(1) || !y.includes(0)) return undefined;
  // Growing the trees takes seconds for a few hundred notes: the count stays, the caller may run other work.
  const fitting = fitRankerSteps(x, y);
  for (let f = fitting.next(); ; f = fitting.next()) {
    if (f.done) return f.value;
    yield done;
  }
}

const sameCode = (a: string, b: string) => key(a) === key(b);

function* lexiconSteps(notes: CodedNote[]): Generator<LearnProgress, CorpusLexicon, void> {
  const steps = learnCorpusLexiconSteps(notes);
  for (;;) {
    const r = steps.next();
    if (r.done) return r.value;
    yield 'notes' in r.value
      ? { phase: 'phrases', done: r.value.notes, total: notes.length }
      : { phase: 'measuring', done: r.value.phrases, total: r.value.of };
  }
}

function latestRelease(catalog: CodeCatalog): string {
  const releases = catalog.releases('icd10cm');
  return releases.length ? releases[releases.length - 1].effectiveFrom : new Date().toISOString().slice(0, 10);
}

/**
 * How often each code was suggested (top 40, every-mention rules) and coded, over the notes; and where it was not
 * coded, which code of its category the coders chose instead (when that one was not suggested).
 */
function* calibrate(
  s: CodeSuggester,
  notes: readonly CodedNote[],
  fallbackOn: string,
  match: (suggested: string, coded: string) => boolean,
  read?: (note: number, on: string, top: readonly CodeSuggestion[]) => void,
): Generator<LearnProgress, Map<string, Calibration>, void> {
  let done = 0;
  const out = new Map<string, { suggested: number; right: number; instead: Map<string, number> }>();
  for (const [i, n] of notes.entries()) {
    const on = n.on ?? fallbackOn;
    const top = s.suggest(n.text, { on, limit: CALIBRATION_DEPTH, rules: 'every-mention' }).suggestions;
    read?.(i, on, top);
    const coded = [...new Set(n.codes)];
    const unsuggested = coded.filter((g) => !top.some((x) => match(x.code, g))).map(key);
    for (const x of top) {
      const k = key(x.code);
      const c = out.get(k) ?? { suggested: 0, right: 0, instead: new Map<string, number>() };
      c.suggested++;
      if (coded.some((g) => match(x.code, g))) c.right++;
      else
        for (const g of new Set(unsuggested.filter((g) => g.slice(0, 3) === k.slice(0, 3))))
          c.instead.set(g, (c.instead.get(g) ?? 0) + 1);
      out.set(k, c);
    }
    yield { phase: 'calibrating', done: ++done, total: notes.length };
  }
  const calibration = new Map<string, Calibration>();
  for (const [k, { instead, ...c }] of out) calibration.set(k, instead.size ? { ...c, instead } : c);
  return calibration;
}

/** An office model as JSON (what the server stores). */
export interface OfficeModelJSON {
  version: 1;
  notes: number;
  prior: Array<[string, number]>;
  calibration: Array<[string, { suggested: number; right: number; instead?: Array<[string, number]> }]>;
  lexicon: Array<[string, LexiconEntry[]]>;
  ranker?: Ranker;
}

export function officeModelToJSON(m: OfficeModel): OfficeModelJSON {
  return {
    version: 1,
    notes: m.notes,
    prior: [...m.prior],
    calibration: [...m.calibration].map(([k, c]) => [
      k,
      { suggested: c.suggested, right: c.right, ...(c.instead?.size ? { instead: [...c.instead] } : {}) },
    ]),
    lexicon: [...m.lexicon.entries].map(([p, e]) => [p, e.map((x) => ({ ...x }))]),
    ...(m.ranker ? { ranker: m.ranker } : {}),
  };
}

export class OfficeModelFormatError extends Error {}

/** The model back from its JSON; throws `OfficeModelFormatError` on anything else. */
export function officeModelFromJSON(json: unknown): OfficeModel {
  const j = json as Partial<OfficeModelJSON> | null;
  if (!j || typeof j !== 'object' || j.version !== 1)
    throw new OfficeModelFormatError('not an office model (version 1)');
  if (
    typeof j.notes !== 'number' ||
    !Array.isArray(j.prior) ||
    !Array.isArray(j.calibration) ||
    !Array.isArray(j.lexicon)
  )
    throw new OfficeModelFormatError('office model: notes, prior, calibration and lexicon are required');
  return {
    notes: j.notes,
    prior: new Map(j.prior.map(([k, n]) => [String(k), Number(n)])),
    calibration: new Map(
      j.calibration.map(([k, c]) => [
        String(k),
        {
          suggested: Number(c.suggested),
          right: Number(c.right),
          ...(c.instead ? { instead: new Map(c.instead.map(([q, n]) => [String(q), Number(n)])) } : {}),
        },
      ]),
    ),
    lexicon: { entries: new Map(j.lexicon.map(([p, e]) => [String(p), e.map((x) => ({ ...x }))])) },
    ...(j.ranker !== undefined ? { ranker: rankerFromJSON(j.ranker) } : {}),
  };
}

function rankerFromJSON(r: unknown): Ranker {
  const j = r as Partial<Ranker> | null;
  const numbers = (a: unknown) => Array.isArray(a) && a.every((v) => typeof v === 'number');
  const tree = (t: Partial<RankerTree> | null) =>
    t !== null &&
    typeof t === 'object' &&
    numbers(t.feature) &&
    numbers(t.threshold) &&
    numbers(t.left) &&
    numbers(t.right) &&
    numbers(t.value) &&
    [t.threshold, t.left, t.right, t.value].every((a) => a!.length === t.feature!.length) &&
    // Each split's children come after it: a walk always ends at a leaf.
    t.feature!.every(
      (f, i) => f < 0 || (t.left![i] > i && t.right![i] > i && Math.max(t.left![i], t.right![i]) < t.feature!.length),
    );
  if (!j || typeof j.base !== 'number' || typeof j.rate !== 'number' || !Array.isArray(j.trees) || !j.trees.every(tree))
    throw new OfficeModelFormatError('office model: the ranker is not a list of trees');
  return { base: j.base, rate: j.rate, trees: j.trees.map((t) => ({ ...t })) };
}

/** Distinct codes the model knows (the office coded, or its lexicon offers). */
export function officeModelCodes(m: OfficeModel): number {
  const codes = new Set(m.prior.keys());
  for (const e of m.lexicon.entries.values()) for (const x of e) codes.add(x.code);
  return codes.size;
}
