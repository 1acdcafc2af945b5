/**
 * ConText-style traits for every word of a note: negated, uncertain, hypothetical, family, history. A cue opens
 * a scope that runs forward (or backward, for cues written after the finding) to the end of its clause: a
 * semicolon, a terminating word ("but", "reports", "however") or the sentence end. Scopes are phrase-sized, so
 * "denies chest pain, reports cough" negates the chest pain only.
 */
import {
  type Cue,
  CUES,
  CURRENT,
  FAMILY,
  HISTORY,
  HYPOTHETICAL,
  NEGATED,
  REPORTING,
  TERMINATORS,
  UNCERTAIN,
  WEAK_TERMINATORS,
} from './context-cues.ts';

export { FAMILY, HISTORY, HYPOTHETICAL, NEGATED, UNCERTAIN };
import type { NoteToken, SegmentedNote } from './note-text.ts';

const byFirst = new Map<string, Cue[]>();
for (const c of CUES) {
  const list = byFirst.get(c.words[0]) ?? [];
  list.push(c);
  list.sort((a, b) => b.words.length - a.words.length);
  byFirst.set(c.words[0], list);
}

/** Trait bits per token of the note (index = token index). */
export function tokenTraits(note: SegmentedNote): Uint8Array {
  const toks = note.tokens;
  const traits = new Uint8Array(toks.length);
  const inCue = new Uint8Array(toks.length);
  for (const s of note.sentences) {
    if (s.section === 'fh') for (let i = s.from; i < s.to; i++) traits[i] |= FAMILY;
    for (let i = s.from; i < s.to; i++) {
      const c = matchCue(toks, i, s.to);
      if (!c) continue;
      const end = i + c.words.length;
      inCue.fill(1, i, end);
      if (c.trait === FAMILY && (REPORTING.has(toks[end]?.word) || ['by', 'with'].includes(toks[i - 1]?.word)))
        continue;
      let dir = c.direction;
      if (dir === 'either') dir = findingBefore(toks, i, s.from) ? 'backward' : 'forward';
      if (dir === 'forward' || dir === 'both') applyForward(toks, traits, c, end, s.to);
      if (dir === 'backward' || dir === 'both') applyBackward(toks, traits, c, i, s.from);
      i = end - 1;
    }
    cancelHistoryInCurrentClauses(toks, traits, inCue, s.from, s.to);
  }
  return traits;
}

/** A content word before the cue in the same clause. */
function findingBefore(toks: NoteToken[], at: number, from: number): boolean {
  for (let j = at - 1; j >= from; j--) {
    if (!toks[j].stop) return true;
    if (toks[j].before === ';' || toks[j].before === ',' || toks[j].before === ':') return false;
  }
  return false;
}

function matchCue(toks: NoteToken[], i: number, to: number): Cue | undefined {
  const list = byFirst.get(toks[i].word);
  if (!list) return undefined;
  for (const c of list) {
    if (i + c.words.length > to) continue;
    let ok = true;
    for (let k = 1; k < c.words.length && ok; k++) ok = toks[i + k].word === c.words[k] && toks[i + k].before === '';
    if (ok) return c;
  }
  return undefined;
}

function applyForward(toks: NoteToken[], traits: Uint8Array, c: Cue, from: number, to: number): void {
  let n = 0;
  for (let j = from; j < to; j++) {
    const t = toks[j];
    if (j > from && (t.before === ';' || t.before === ':' || t.before === '-' || t.before === '(')) break;
    if (TERMINATORS[c.trait].has(t.word)) break;
    if (c.trait === NEGATED && WEAK_TERMINATORS.has(t.word) && (t.before === ',' || toks[j - 1]?.word === 'and')) break;
    // A comma followed by a new subject ("..., she reports") ends the clause.
    if (t.before === ',' && (t.word === 'she' || t.word === 'he' || t.word === 'they')) break;
    // So does a comma followed by a cue of another kind ("no family history of interest, personal history of X").
    if (t.before === ',' && matchCue(toks, j, to)?.trait !== undefined && matchCue(toks, j, to)!.trait !== c.trait)
      break;
    if (c.max && !t.stop && ++n > c.max) break;
    if (c.max && t.word === 'with') break;
    traits[j] |= c.trait;
  }
}

function applyBackward(toks: NoteToken[], traits: Uint8Array, c: Cue, at: number, from: number): void {
  for (let j = at - 1; j >= from; j--) {
    traits[j] |= c.trait;
    const t = toks[j];
    const comma = t.before === ',' && c.trait !== UNCERTAIN && c.trait !== HISTORY;
    if (t.before === ';' || t.before === ':' || t.before === '-' || comma) break;
  }
}

function cancelHistoryInCurrentClauses(
  toks: NoteToken[],
  traits: Uint8Array,
  inCue: Uint8Array,
  from: number,
  to: number,
): void {
  let start = from;
  for (let j = from; j <= to; j++) {
    if (j === to || (j > start && toks[j].before === ';')) {
      let current = false;
      for (let k = start; k < j; k++) if (CURRENT.has(toks[k].word) && !inCue[k]) current = true;
      if (current) for (let k = start; k < j; k++) traits[k] &= ~HISTORY;
      start = j;
    }
  }
}

export interface Traits {
  negated: boolean;
  uncertain: boolean;
  hypothetical: boolean;
  family: boolean;
  history: boolean;
}

/** Traits of a finding from the bits of its head word: family outranks history; a negated history is negated. */
export function traitsOf(bits: number): Traits {
  const family = (bits & FAMILY) !== 0;
  const negated = (bits & NEGATED) !== 0;
  return {
    negated,
    uncertain: (bits & UNCERTAIN) !== 0,
    hypothetical: (bits & HYPOTHETICAL) !== 0,
    family,
    history: (bits & HISTORY) !== 0 && !family && !negated,
  };
}

/** Trait bits of the words inside [start, end) of the note. */
export function spanBits(note: SegmentedNote, bits: Uint8Array, start: number, end: number): number {
  let out = 0;
  for (let i = 0; i < note.tokens.length; i++) {
    const t = note.tokens[i];
    if (t.start >= end) break;
    if (t.end > start) out |= bits[i];
  }
  return out;
}
