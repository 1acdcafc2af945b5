/**
 * A reference corpus's own wording: phrases of one to three words whose notes its coders coded with a code ("hematoma"
 * with T14.8, "drinker" with F10.10, "bilirubin" with E80.7), learnt from coded notes and kept only where the phrase
 * also foretold the code in notes it was not learnt from. The suggester offers these codes on the phrase's words
 * beside its Index findings; they reach findings the Index does not name the way the corpus's coders do.
 * Pure and deterministic: same notes, same lexicon.
 */
import { type SegmentedNote, segmentNote } from './note-text.ts';

export interface CorpusLexicon {
  /** Phrase (stemmed words joined by a space) -> codes (no dots) with the share of held-out notes that had them. */
  readonly entries: ReadonlyMap<string, ReadonlyArray<LexiconEntry>>;
}

export interface LexiconEntry {
  code: string;
  /** Share of held-out notes with the phrase that had the code (smoothed). */
  share: number;
  /** Notes (all of the corpus) with the phrase that had the code. */
  coded?: number;
  /** Notes (all of the corpus) with the phrase. */
  of?: number;
}

export interface CodedNote {
  text: string;
  /** The coders' codes (no dots), already the billable codes to offer. */
  codes: readonly string[];
  /** Date of service (YYYY-MM-DD): the release its codes are read in. */
  on?: string;
  /**
   * Where the suggester's own reading (Index, Tabular) found one of `codes` in the text: character spans of the
   * note with the code (as in `codes`). Such words are that code's evidence, so the note teaches no other phrase for
   * that code and no other code for a phrase on those words (see `explainedAway`).
   */
  readings?: ReadonlyArray<NoteReading>;
}

export interface NoteReading {
  code: string;
  /** Characters [start, end) of the note's text. */
  start: number;
  end: number;
}

/** Learning settings, chosen on CodiEsp dev (bench/eval-coding.ts). */
const MAX_WORDS = 3;
/** Notes a phrase and code must share in the corpus. */
const MIN_NOTES = 2;
/** In one half of the corpus: share of the phrase's notes that had the code (one pseudo-note added). */
const MIN_SHARE = 0.3;
/** On the other half: the share kept, smoothed, must reach this. */
const MIN_HELD_OUT = 0.2;
const HELD_OUT_PRIOR = { hits: 0.1, notes: 2 };
/**
 * A phrase must foretell its code: its held-out share at least this many times the code's share among the notes
 * without the phrase (smoothed toward the code's share of all notes), unless nearly all its notes had the code
 * (`SURE_SHARE`: an office that codes every note's "sugars" as E11.9). A phrase in most notes whatever their codes
 * ("follow-up" in an office's every visit) tells no more than the code's prior and is refused.
 */
const MIN_LIFT = 1.5;
const SURE_SHARE = 0.9;
const WITHOUT_PRIOR_NOTES = 2;

/**
 * Function words: a phrase neither starts nor ends with one, so a phrase of them alone is never learnt ("up" of
 * "follow-up", "again", "both"): they carry no finding, whatever codes their notes had. General English, not
 * words picked from any corpus.
 */
const STOP = new Set(
  (
    'a an the of and or nor but so yet if in on at to up down out off over under into onto upon via per with without ' +
    'within for from by about above across against along among around through throughout toward towards between ' +
    'below beneath beside besides beyond near since until while because although though whether unless ' +
    'is was were be been being are am as that this these those which what whose whom who it its his her him he she ' +
    'they them their theirs we us our you your i me my there here then than when where why how also very too only ' +
    'just even still again ever both each either neither every all any some such much many more most few ' +
    'do does did done can could will would shall should may might must had has have having nos nec due ' +
    'patient patients case year years old no not after before during showed show shows revealed performed presented'
  ).split(' '),
);

function stem(w: string): string {
  if (w.length > 4 && w.endsWith('s') && !/(ss|is|us)$/.test(w)) return w.slice(0, -1);
  return w;
}

/** Every phrase of the note with the tokens it stands on (first occurrence), within a sentence. */
export function notePhrases(note: SegmentedNote): Map<string, [number, number]> {
  const out = new Map<string, [number, number]>();
  for (const s of note.sentences) {
    const words: string[] = [];
    for (let t = s.from; t < s.to; t++) words.push(stem(note.tokens[t].word.replace(/['’]s$/, '')));
    for (let i = 0; i < words.length; i++) {
      // A phrase starts and ends on a whole word: not on a function word, nor inside a hyphenated one ("up" alone
      // is no phrase of "follow-up"; "follow up" is).
      if (STOP.has(words[i]) || joined(note, s.from + i - 1)) continue;
      let key = '';
      let letters = false;
      for (let n = 1; n <= MAX_WORDS && i + n <= words.length; n++) {
        key = n === 1 ? words[i] : `${key} ${words[i + n - 1]}`;
        letters ||= /\p{L}/u.test(words[i + n - 1]);
        // A phrase of numbers and signs alone ("3", "138/84") names no finding.
        if (!letters || STOP.has(words[i + n - 1]) || joined(note, s.from + i + n - 1) || out.has(key)) continue;
        out.set(key, [s.from + i, s.from + i + n - 1]);
      }
    }
  }
  return out;
}

/** Whether token `t` and the next one are one word joined by a hyphen or slash ("follow-up", "and/or"). */
function joined(note: SegmentedNote, t: number): boolean {
  const a = note.tokens[t];
  const b = note.tokens[t + 1];
  if (!a || !b || b.sentence !== a.sentence) return false;
  return b.start === a.end + 1 && /[-‐‑/]/.test(note.text[a.end]);
}

/**
 * Whether the suggester's own reading of the note already accounts for `code` on the phrase at characters
 * [start, end), or accounts for the phrase with another code: the phrase is then no evidence for `code` in this
 * note, for or against. A code read somewhere in the note is explained by the words it was read on, not by the
 * note's other phrases ("hypertension controlled" beside "chest pain" read as R07.9); a phrase on words read as one
 * of the note's codes is that code's evidence, not its other codes' ("cough" read as R05.9, not learnt for J06.9).
 */
function explainedAway(readings: readonly NoteReading[], code: string, start: number, end: number): boolean {
  let readHere = false;
  let codeHere = false;
  let codeRead = false;
  for (const r of readings) {
    const here = r.start < end && start < r.end;
    readHere ||= here;
    if (r.code === code) {
      codeRead = true;
      codeHere ||= here;
    }
  }
  return codeRead ? !codeHere : readHere;
}

/**
 * Learns the lexicon: each half of the notes proposes phrase -> code pairs and the other half measures them; a pair
 * is kept with its held-out share.
 */
export function learnCorpusLexicon(notes: readonly CodedNote[]): CorpusLexicon {
  const steps = learnCorpusLexiconSteps(notes);
  for (;;) {
    const r = steps.next();
    if (r.done) return r.value;
  }
}

/** Phrases measured between two yields of `learnCorpusLexiconSteps`. */
const PHRASES_PER_STEP = 500;
/**
 * Or phrase-code pairs weighed between two yields: a note's common words come with hundreds of codes each, so 500
 * of them are a long stretch (~70 ms for CodiEsp's first 500 phrases, ~5 ms for later ones).
 */
const PAIRS_PER_STEP = 4000;

function* phraseKeys(a: Map<string, unknown>, b: Map<string, unknown>): Generator<string> {
  yield* a.keys();
  for (const p of b.keys()) if (!a.has(p)) yield p;
}

/**
 * `learnCorpusLexicon` in steps, for a server that lets other work run between them: yields after each note read
 * (`notes`: how many) and after every 500 phrases or 4,000 phrase-code pairs measured (`phrases`: how many of how
 * many).
 */
export function* learnCorpusLexiconSteps(
  notes: readonly CodedNote[],
): Generator<{ notes: number } | { phrases: number; of: number }, CorpusLexicon, void> {
  // Per half: notes with each phrase (df), with the phrase and a code (co), and with the phrase and a code the
  // note's reading explains away (away: neither evidence for nor against the pair, so out of its counts).
  const halves = [0, 1].map(() => ({
    df: new Map<string, number>(),
    co: new Map<string, Map<string, number>>(),
    away: new Map<string, Map<string, number>>(),
  }));
  // Notes with each code, of all the notes: how often a code comes without a phrase.
  const coded = new Map<string, number>();
  for (const [i, n] of notes.entries()) {
    const h = halves[i % 2];
    const codes = [...new Set(n.codes)];
    for (const c of codes) coded.set(c, (coded.get(c) ?? 0) + 1);
    const segmented = segmentNote(n.text);
    const readings = n.readings ?? [];
    for (const [p, [from, to]] of notePhrases(segmented)) {
      h.df.set(p, (h.df.get(p) ?? 0) + 1);
      let m = h.co.get(p);
      if (!m) h.co.set(p, (m = new Map()));
      const start = segmented.tokens[from].start;
      const end = segmented.tokens[to].end;
      for (const c of codes) {
        if (readings.length && explainedAway(readings, c, start, end)) {
          let a = h.away.get(p);
          if (!a) h.away.set(p, (a = new Map()));
          a.set(c, (a.get(c) ?? 0) + 1);
        } else m.set(c, (m.get(c) ?? 0) + 1);
      }
    }
    yield { notes: i + 1 };
  }
  const entries = new Map<string, LexiconEntry[]>();
  // Each phrase once, in the notes' order (deterministic: same notes, same order), neither copied into one list nor
  // sorted: either would be one long stretch a server cannot break.
  const of = halves[0].co.size + [...halves[1].co.keys()].filter((p) => !halves[0].co.has(p)).length;
  yield { phrases: 0, of };
  let at = 0;
  let pairs = 0;
  for (const p of phraseKeys(halves[0].co, halves[1].co)) {
    const codes = new Set([...(halves[0].co.get(p)?.keys() ?? []), ...(halves[1].co.get(p)?.keys() ?? [])]);
    pairs += codes.size;
    if (++at % PHRASES_PER_STEP === 0 || pairs >= PAIRS_PER_STEP) {
      pairs = 0;
      yield { phrases: at, of };
    }
    const kept: LexiconEntry[] = [];
    for (const c of [...codes].sort()) {
      const both = (halves[0].co.get(p)?.get(c) ?? 0) + (halves[1].co.get(p)?.get(c) ?? 0);
      if (both < MIN_NOTES) continue;
      // Notes with the phrase, less those whose reading explained the pair away.
      const dfOf = (k: number) => (halves[k].df.get(p) ?? 0) - (halves[k].away.get(p)?.get(c) ?? 0);
      const withPhrase = dfOf(0) + dfOf(1);
      let hits = 0;
      let seen = 0;
      for (const k of [0, 1]) {
        const a = halves[k].co.get(p)?.get(c) ?? 0;
        const df = dfOf(k);
        if (a >= Math.max(1, MIN_NOTES >> 1) && a / (df + 1) >= MIN_SHARE) {
          hits += halves[1 - k].co.get(p)?.get(c) ?? 0;
          seen += dfOf(1 - k);
        }
      }
      if (seen === 0) continue;
      const share = (hits + HELD_OUT_PRIOR.hits) / (seen + HELD_OUT_PRIOR.notes);
      const all = coded.get(c) ?? 0;
      // The code among the notes without the phrase at all.
      const away = (halves[0].away.get(p)?.get(c) ?? 0) + (halves[1].away.get(p)?.get(c) ?? 0);
      const without =
        (all - both - away + (WITHOUT_PRIOR_NOTES * all) / notes.length) /
        (notes.length - withPhrase - away + WITHOUT_PRIOR_NOTES);
      if (share >= MIN_HELD_OUT && (both >= SURE_SHARE * withPhrase || share >= MIN_LIFT * without))
        kept.push({ code: c, share: Math.round(share * 1000) / 1000, coded: both, of: withPhrase });
    }
    if (kept.length) entries.set(p, kept);
  }
  return { entries };
}

export interface LexiconHit {
  code: string;
  /** The best phrase (the lexicon's key) and its entry. */
  phrase: string;
  entry: LexiconEntry;
  /** Best held-out share among the note's phrases for the code. */
  share: number;
  /** Phrases of the note that named it. */
  phrases: number;
  /** Tokens of the best phrase (first to last). */
  tokens: number[];
}

/** The lexicon's codes for a note, each on its strongest phrase. */
export function spotLexicon(note: SegmentedNote, lexicon: CorpusLexicon): LexiconHit[] {
  const byCode = new Map<string, LexiconHit>();
  for (const [p, [from, to]] of notePhrases(note)) {
    for (const e of lexicon.entries.get(p) ?? []) {
      const h = byCode.get(e.code);
      const tokens = Array.from({ length: to - from + 1 }, (_, i) => from + i);
      if (!h) byCode.set(e.code, { code: e.code, phrase: p, entry: e, share: e.share, phrases: 1, tokens });
      else {
        h.phrases++;
        if (e.share > h.share) {
          h.share = e.share;
          h.tokens = tokens;
          h.phrase = p;
          h.entry = e;
        }
      }
    }
  }
  return [...byCode.values()];
}
