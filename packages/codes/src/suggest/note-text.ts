/**
 * Note segmentation: sections (by their headings), sentences and word tokens, every token keeping its character
 * offsets into the note as written, so evidence spans always point at the clinician's own words.
 */
import { isStopWord } from '../search/normalize.ts';
import { noteSection, type SectionKind } from './sections.ts';

export interface NoteToken {
  /** Lower-cased word as written ("t2dm", "s/p", "oedema"). */
  word: string;
  start: number;
  end: number;
  /** Written in capitals ("CHF", "PE"): an abbreviation rather than a word. */
  caps: boolean;
  stop: boolean;
  sentence: number;
  section: SectionKind;
  /** Punctuation between the previous token and this one: ',' ';' ':' '-' '(' ')' or '' (none). */
  before: string;
}

export interface NoteSentence {
  start: number;
  end: number;
  /** First token index and one past the last. */
  from: number;
  to: number;
  section: SectionKind;
}

export interface SegmentedNote {
  text: string;
  tokens: NoteToken[];
  sentences: NoteSentence[];
}

/** Words, slash abbreviations (s/p, h/o, r/o, w/o, c/o), "w/" for with; decimals kept whole. */
const TOKEN = /[a-z]\/[a-z]{1,2}\b|\bw\/|[a-z0-9]+(?:\.\d+)?(?:['’]s\b)?/gi;
/** Abbreviations whose period does not end a sentence. */
const NO_BREAK = new Set(['dr', 'mr', 'mrs', 'ms', 'vs', 'e.g', 'i.e', 'approx', 'pt', 'st', 'fig', 'no', 'dept']);

/** Splits a note into sections, sentences and tokens. Pure and deterministic. */
export function segmentNote(text: string): SegmentedNote {
  const tokens: NoteToken[] = [];
  const sentences: NoteSentence[] = [];
  let lineStart = 0;
  let section: SectionKind = 'none';
  let sectionLines = 0;
  while (lineStart <= text.length) {
    let lineEnd = text.indexOf('\n', lineStart);
    if (lineEnd < 0) lineEnd = text.length;
    const line = text.slice(lineStart, lineEnd);
    if (!line.trim()) {
      // A blank line closes a section that already had content (the paragraph under "Family history:" ends).
      if (sectionLines > 0 && section !== 'none') section = 'none';
      sectionLines = 0;
    } else {
      const heading = noteSection(line);
      let bodyFrom = 0;
      if (heading) {
        section = heading.kind;
        sectionLines = heading.rest ? 1 : 0;
        bodyFrom = heading.bodyOffset;
      } else sectionLines++;
      splitSentences(text, lineStart + bodyFrom, lineEnd, section, tokens, sentences);
    }
    lineStart = lineEnd + 1;
  }
  return { text, tokens, sentences };
}

function splitSentences(
  text: string,
  from: number,
  to: number,
  section: SectionKind,
  tokens: NoteToken[],
  sentences: NoteSentence[],
): void {
  let sentenceStart = from;
  let first = tokens.length;
  let prevEnd = from;
  const close = (end: number) => {
    if (tokens.length > first) sentences.push({ start: sentenceStart, end, from: first, to: tokens.length, section });
    first = tokens.length;
  };
  TOKEN.lastIndex = 0;
  const line = text.slice(from, to);
  for (const m of line.matchAll(TOKEN)) {
    const start = from + (m.index ?? 0);
    const gap = text.slice(prevEnd, start);
    if (tokens.length > first && endsSentence(gap, tokens[tokens.length - 1].word)) {
      close(prevEnd + gap.indexOf(gap.trimStart()[0] ?? ''));
      sentenceStart = start;
    }
    const raw = m[0];
    const word = raw.toLowerCase().replace(/['’]s$/, '');
    tokens.push({
      word,
      start,
      end: start + raw.length,
      caps: raw.length >= 2 && raw === raw.toUpperCase() && /[A-Z]/.test(raw),
      stop: isStopWord(word),
      sentence: sentences.length,
      section,
      before: gapPunctuation(gap),
    });
    prevEnd = start + raw.length;
  }
  close(to);
}

function endsSentence(gap: string, prevWord: string): boolean {
  if (/[!?]/.test(gap)) return true;
  const dot = gap.indexOf('.');
  if (dot < 0) return false;
  // "7.9%" never reaches here (decimals are one token); "Dr. Smith", "vs. GERD" do not end a sentence.
  return !NO_BREAK.has(prevWord) && /^\.[\s)"'\]]/.test(`${gap.slice(dot)} `);
}

function gapPunctuation(gap: string): string {
  if (gap.includes(';')) return ';';
  if (gap.includes(':')) return ':';
  if (gap.includes(',')) return ',';
  if (/\s-+\s|\s–\s|\s—\s/.test(gap)) return '-';
  if (gap.includes('(')) return '(';
  if (gap.includes(')')) return ')';
  return '';
}
