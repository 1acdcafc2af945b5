/**
 * The note's words in normal form, abbreviations read as the Index words they stand for ("CHF" -> congestive
 * heart failure), each word pointing back at the note tokens it came from.
 */
import { CAPS_ONLY, MAX_ABBREVIATION_WORDS, NOTE_ABBREVIATIONS } from './note-abbreviations.ts';
import type { SegmentedNote } from './note-text.ts';
import { normWord, termTokens } from './term-normalize.ts';

export interface ConceptWord {
  norm: string;
  /** First and last note token this word stands for (an abbreviation's expansion shares its token). */
  tok: number;
  last: number;
  stop: boolean;
  sentence: number;
  /** From a closed expansion (a medication read as long-term drug therapy): only its own walk may use it. */
  closed?: boolean;
}

const expansionCache = new Map<string, string[]>();

function expansion(key: string): string[] {
  let e = expansionCache.get(key);
  if (!e) {
    e = termTokens(NOTE_ABBREVIATIONS[key]);
    expansionCache.set(key, e);
  }
  return e;
}

export function conceptWords(note: SegmentedNote): ConceptWord[] {
  const out: ConceptWord[] = [];
  const toks = note.tokens;
  for (let i = 0; i < toks.length; i++) {
    let taken = 0;
    for (let n = Math.min(MAX_ABBREVIATION_WORDS, toks.length - i); n >= 1 && !taken; n--) {
      const last = i + n - 1;
      if (toks[last].sentence !== toks[i].sentence) continue;
      let key = toks[i].word;
      for (let k = i + 1; k <= last; k++) key += ` ${toks[k].word}`;
      if (NOTE_ABBREVIATIONS[key] === undefined) continue;
      if (n === 1 && CAPS_ONLY.has(key) && !toks[i].caps) continue;
      const closed = NOTE_ABBREVIATIONS[key].startsWith('long term ');
      for (const norm of expansion(key))
        out.push({ norm, tok: i, last, stop: false, sentence: toks[i].sentence, ...(closed ? { closed } : {}) });
      taken = n;
    }
    if (taken) {
      i += taken - 1;
      continue;
    }
    const t = toks[i];
    out.push({ norm: t.stop ? t.word : normWord(t.word), tok: i, last: i, stop: t.stop, sentence: t.sentence });
  }
  return out;
}
