/**
 * Tabular titles and inclusion terms as a second dictionary beside the Index: "Lymphadenopathy NOS" (an inclusion
 * term of R59.9), "Pallor", "Acute cystitis without hematuria". A term matches when all its essential words are
 * written close together in one sentence; each term is keyed by its rarest word, so a sentence only looks at the
 * few terms its words can start.
 */
import type { CodeCatalog } from '../catalog/code-catalog.ts';
import type { ConceptWord } from './concept-words.ts';
import { isStopWord, words } from '../search/normalize.ts';
import { normWord } from './term-normalize.ts';

export interface TitleTerm {
  /** Code without dot (may be a header: verified later). */
  code: string;
  text: string;
  essential: string[];
  inclusion: boolean;
}

export interface TitleMatch {
  term: TitleTerm;
  words: number[];
}

/** Words a title carries that say nothing a note would write ("unspecified", "other", "site"). */
const SOFT = new Set([
  'unspecified',
  'other',
  'specified',
  'site',
  'part',
  'region',
  'type',
  'classified',
  'elsewhere',
  'condition',
  'disorder',
  'initial',
  'encounter',
  'complication',
  'uncomplicated',
]);
/** Parenthesized words are nonessential; a "without X" clause stays: "Vomiting without nausea" is not any vomiting. */
const OPTIONAL = /\([^)]*\)|\[[^\]]*\]|\bnot elsewhere classified\b|\bnos\b/gi;
/** One-word terms that name a body part or a generic finding ("ear", "sleep") say nothing alone. */
const TOO_VAGUE = new Set([
  'ear',
  'eye',
  'nose',
  'mouth',
  'skin',
  'sleep',
  'mood',
  'heart',
  'lung',
  'foot',
  'hand',
  'head',
  'pain',
  'immunization',
  'injury',
  'disease',
  'infection',
  'fracture',
]);
/** A term may spread over its own length plus this many words. */
const SLACK = 3;
/** Terms longer than this never match a note's phrasing; skip them. */
const MAX_WORDS = 5;

/** Words after which "a" is a label ("Hepatitis A", "Vitamin A deficiency", "Influenza A"), not an article. */
const LABELLED = new Set(['hepatitis', 'vitamin', 'influenza', 'type', 'group', 'factor', 'class']);

/**
 * A term's words as `termTokens`, keeping the label "a" after the words that take one: a qualifier letter or
 * number ("A", "B", "C", "type 1", "vitamin D") is significant, so "Hepatitis A" needs the "A" written.
 */
function labelledTokens(text: string): string[] {
  const out: string[] = [];
  let prev = '';
  for (const w of words(text)) {
    if (w === 'a' && LABELLED.has(prev)) out.push('a');
    else if (!isStopWord(w)) out.push(normWord(w));
    prev = w;
  }
  return out;
}

export class TitleSpotter {
  private readonly byKey = new Map<string, TitleTerm[]>();

  constructor(catalog: CodeCatalog) {
    const terms: TitleTerm[] = [];
    const codes = catalog.codesOn('icd10cm');
    for (const [code, e] of codes ?? []) if (e.billable) this.add(terms, code, e.longTitle, false);
    for (const t of catalog.tabular?.entries ?? []) {
      if (t.kind !== 'diag' || !codes?.has(t.id)) continue;
      for (const text of [...(t.notes.inclusionTerm ?? []), ...(t.notes.includes ?? [])])
        this.add(terms, t.id, text, true);
    }
    const df = new Map<string, number>();
    for (const t of terms) for (const w of new Set(t.essential)) df.set(w, (df.get(w) ?? 0) + 1);
    for (const t of terms) {
      // The label "a" is never the key: a note's "a" is a stop word, and the spotter starts from content words.
      const keys = t.essential.filter((w) => !isStopWord(w));
      let key = keys[0] ?? t.essential[0];
      for (const w of keys) if ((df.get(w) ?? 0) < (df.get(key) ?? 0)) key = w;
      const list = this.byKey.get(key);
      if (list) list.push(t);
      else this.byKey.set(key, [t]);
    }
  }

  private add(terms: TitleTerm[], code: string, text: string, inclusion: boolean): void {
    // "Other iron deficiency anemias" is the residual of its category, never what a plain mention means.
    if (/\bother\b/i.test(text)) return;
    const essential = [...new Set(labelledTokens(text.replace(OPTIONAL, ' ')))].filter((w) => !SOFT.has(w));
    if (essential.length === 0 || essential.length > MAX_WORDS) return;
    if (essential.length === 1 && (TOO_VAGUE.has(essential[0]) || essential[0].length < 5)) return;
    terms.push({ code, text, essential, inclusion });
  }

  /** Terms whose essential words are all written within a few words of each other, in one sentence. */
  spot(words: ConceptWord[]): TitleMatch[] {
    const out: TitleMatch[] = [];
    const seen = new Set<string>();
    for (let i = 0; i < words.length; i++) {
      if (words[i].stop) continue;
      for (const term of this.byKey.get(words[i].norm) ?? []) {
        const got = this.near(words, i, term.essential);
        if (!got) continue;
        const k = `${term.code}|${got.join(',')}`;
        if (seen.has(k)) continue;
        seen.add(k);
        out.push({ term, words: got });
      }
    }
    return out;
  }

  private near(words: ConceptWord[], at: number, essential: string[]): number[] | undefined {
    const span = essential.length + SLACK;
    const sentence = words[at].sentence;
    const got: number[] = [];
    for (const t of essential) {
      let pick = -1;
      for (let j = Math.max(0, at - span); j <= Math.min(words.length - 1, at + span); j++) {
        if (words[j].sentence !== sentence || words[j].norm !== t || got.includes(j)) continue;
        if (pick < 0 || Math.abs(j - at) < Math.abs(pick - at)) pick = j;
      }
      if (pick < 0) return undefined;
      got.push(pick);
    }
    const lo = Math.min(...got);
    const hi = Math.max(...got);
    if (hi - lo > span) return undefined;
    // A number or letter ("stage 2", "type 1", "hepatitis C") belongs to the word written just before it.
    for (let k = 0; k < essential.length; k++) {
      if (essential[k].length > 2 && !/^\d/.test(essential[k])) continue;
      if (!got.some((g, j) => j !== k && Math.abs(g - got[k]) <= 2)) return undefined;
    }
    return got.sort((a, b) => a - b);
  }
}
