/**
 * Index matches read back onto the note: the note tokens behind them, their spans, traits (from the main term's
 * words), side and encounter (from the words around them), the section they sit in.
 */
import { ENC_INITIAL, ENC_SEQUELA, ENC_SUBSEQUENT, type QueryContext } from '../search/rank-defaults.ts';
import type { ConceptWord } from './concept-words.ts';
import { traitsOf } from './context.ts';
import type { IndexTree } from './index-tree.ts';
import type { IndexMatch } from './index-walk.ts';
import type { SegmentedNote } from './note-text.ts';
import type { SectionKind } from './sections.ts';
import type { Laterality, NoteSpan, SuggestionTraits } from './suggest-types.ts';

export interface Mention {
  match: IndexMatch;
  /** Note token indices the match stands on, ascending. */
  tokens: number[];
  anchorTokens: number[];
  traits: SuggestionTraits;
  ctx: QueryContext;
  section: SectionKind;
  sentence: number;
  indexPath: string;
}

const SIDE: Record<string, number> = { right: 1, left: 2, bilateral: 4, both: 4 };
const LATERALITY: Record<number, Laterality> = { 1: 'right', 2: 'left', 4: 'bilateral' };
const ENCOUNTER: Record<string, number> = {
  initial: ENC_INITIAL,
  subsequent: ENC_SUBSEQUENT,
  sequela: ENC_SEQUELA,
  sequelae: ENC_SEQUELA,
  healing: ENC_SUBSEQUENT,
  aftercare: ENC_SUBSEQUENT,
};
const CONTEXT_WORDS = 6;

export function toMention(
  m: IndexMatch,
  note: SegmentedNote,
  words: ConceptWord[],
  tokenBits: Uint8Array,
  tree: IndexTree,
): Mention {
  const tokens = tokensOf(m.words, words);
  const anchorTokens = tokensOf(m.anchorWords, words);
  let bits = 0;
  for (const t of anchorTokens) bits |= tokenBits[t];
  const first = note.tokens[tokens[0]];
  const sentence = note.sentences[first.sentence];
  const lo = Math.max(sentence.from, tokens[0] - CONTEXT_WORDS);
  const hi = Math.min(sentence.to, tokens[tokens.length - 1] + CONTEXT_WORDS + 1);
  const near = new Set<string>();
  let side = 0;
  let encounter = 0;
  for (let i = lo; i < hi; i++) {
    const w = note.tokens[i].word;
    side |= SIDE[expandSide(w)] ?? 0;
    encounter |= ENCOUNTER[w] ?? 0;
  }
  let k = 0;
  let top = words.length;
  while (k < top) {
    const mid = (k + top) >> 1;
    if (words[mid].tok < lo) k = mid + 1;
    else top = mid;
  }
  for (; k < words.length && words[k].tok < hi; k++) if (!words[k].stop) near.add(words[k].norm);
  // The Index's words for a limb are the Tabular's "leg" and "arm" ("Pain, limb, lower" -> "Pain in leg").
  const pathWords = m.path.flatMap((p) => tree.nodes[p].alts[0] ?? []);
  for (let n = m.codeNode; n >= 0; n = tree.nodes[n].parent) pathWords.push(...(tree.nodes[n].alts[0] ?? []));
  if (pathWords.includes('limb') && pathWords.includes('lower')) near.add('leg');
  if (pathWords.includes('limb') && pathWords.includes('upper')) near.add('arm');
  const traits: SuggestionTraits = { ...traitsOf(bits) };
  if (side && LATERALITY[side]) traits.laterality = LATERALITY[side];
  return {
    match: m,
    tokens,
    anchorTokens,
    traits,
    ctx: { tokens: near, withTokens: new Set(), side: side === 3 ? 4 : side, encounter },
    section: first.section,
    sentence: first.sentence,
    indexPath: m.tabular
      ? `Tabular ${m.tabular.inclusion ? 'inclusion term' : 'title'} "${m.tabular.text}"`
      : m.path
          .map((p) => tree.nodes[p].title)
          .filter((t, i, all) => i === 0 || t !== all[i - 1])
          .join(' > '),
  };
}

function expandSide(w: string): string {
  return w === 'rt' ? 'right' : w === 'lt' ? 'left' : w === 'bilat' ? 'bilateral' : w;
}

function tokensOf(wordIdx: number[], words: ConceptWord[]): number[] {
  const set = new Set<number>();
  for (const i of wordIdx) for (let t = words[i].tok; t <= words[i].last; t++) set.add(t);
  return [...set].sort((a, b) => a - b);
}

/** Contiguous runs of tokens as note spans (stop words between matched words join the run). */
export function spansOf(tokens: number[], note: SegmentedNote): NoteSpan[] {
  const spans: NoteSpan[] = [];
  let i = 0;
  while (i < tokens.length) {
    let j = i;
    while (j + 1 < tokens.length && joins(note, tokens[j], tokens[j + 1])) j++;
    const start = note.tokens[tokens[i]].start;
    const end = note.tokens[tokens[j]].end;
    spans.push({ start, end, text: note.text.slice(start, end) });
    i = j + 1;
  }
  return spans;
}

function joins(note: SegmentedNote, a: number, b: number): boolean {
  if (note.tokens[a].sentence !== note.tokens[b].sentence) return false;
  for (let k = a + 1; k < b; k++) if (!note.tokens[k].stop) return false;
  return b - a <= 3;
}

/** The note's words a mention matched, as written. */
export function matchedText(tokens: number[], note: SegmentedNote): string[] {
  return tokens.map((t) => note.text.slice(note.tokens[t].start, note.tokens[t].end));
}
