/**
 * Procedure, supply and drug suggestions beside the diagnoses: HCPCS Level II from the words of the note (the
 * release in force on the date of service) and HCPCS or CPT codes the note writes by number. CPT only where a CPT
 * set is loaded, which is the user's licensed set: its codes are matched by number, never by description.
 */
import type { CodeCatalog } from '../catalog/code-catalog.ts';
import type { IsoDate } from '../types.ts';
import type { ConceptWord } from './concept-words.ts';
import { traitsOf } from './context.ts';
import { spansOf } from './mentions.ts';
import type { SegmentedNote } from './note-text.ts';
import { type ProcedureHit, ProcedureSpotter, unitsFor, writtenCodes } from './procedure-spotter.ts';
import type { ProcedureSuggestion } from './suggest-types.ts';

export interface ProcedureInput {
  note: SegmentedNote;
  words: ConceptWord[];
  /** Trait bits per concept word, and per note token. */
  bits: Uint8Array;
  tokenBits: Uint8Array;
  on: IsoDate;
}

export class ProcedureSuggester {
  private readonly spotters = new Map<string, ProcedureSpotter>();

  constructor(private readonly catalog: CodeCatalog) {}

  suggest(input: ProcedureInput): ProcedureSuggestion[] {
    const byNumber = this.byNumber(input);
    const seen = new Set(byNumber.map((p) => p.code));
    const fromWords = this.fromWords(input).filter((p) => !seen.has(p.code));
    return [...byNumber, ...fromWords].sort(
      (a, b) => b.confidence - a.confidence || a.spans[0].start - b.spans[0].start,
    );
  }

  private spotter(on: IsoDate): ProcedureSpotter | undefined {
    const release = this.catalog.releaseOn('hcpcs', on);
    const codes = this.catalog.codesOn('hcpcs', on);
    if (!release || !codes) return undefined;
    let s = this.spotters.get(release.releaseId);
    if (!s) {
      s = new ProcedureSpotter(codes);
      this.spotters.set(release.releaseId, s);
    }
    return s;
  }

  private fromWords({ note, words, bits, on }: ProcedureInput): ProcedureSuggestion[] {
    const spotter = this.spotter(on);
    if (!spotter) return [];
    const release = this.catalog.releaseOn('hcpcs', on)?.releaseId ?? '';
    return spotter.spot(words, bits).map((h) => {
      const tokens = tokensOf(h, words);
      const spans = spansOf(tokens, note);
      const t = h.term;
      const sentence = note.sentences[note.tokens[tokens[0]].sentence];
      const units = unitsFor(t, note.text.slice(spans[0].start, sentence.end));
      const checks = [
        `HCPCS ${release}: "${t.title}"`,
        ...(h.qualifiers.length ? [`the note states ${h.qualifiers.join(', ')}`] : []),
        ...(t.drug ? [`given: ${h.cue.map((c) => note.text.slice(...tokenRange(words[c], note))).join(', ')}`] : []),
        ...(units ? [`units: ${units} (the dose written ÷ the code's dose)`] : []),
      ];
      let bitsOr = 0;
      for (const w of h.words) bitsOr |= bits[w];
      return {
        code: t.code,
        codeSet: 'hcpcs' as const,
        title: t.title,
        confidence: round(
          Math.min(0.9, 0.45 + 0.1 * t.essential.length + 0.1 * h.qualifiers.length + (t.drug ? 0.2 : 0)),
        ),
        spans,
        reason: {
          source: 'description' as const,
          matched: tokens.map((k) => note.text.slice(note.tokens[k].start, note.tokens[k].end)),
          checks,
        },
        traits: traitsOf(bitsOr),
        ...(units ? { units } : {}),
        section: note.tokens[tokens[0]].section,
      };
    });
  }

  /** Codes written in the note that the set in force on the date of service holds (CPT only if loaded). */
  private byNumber({ note, tokenBits, on }: ProcedureInput): ProcedureSuggestion[] {
    const out: ProcedureSuggestion[] = [];
    const seen = new Set<string>();
    for (const w of writtenCodes(note.text)) {
      if (seen.has(w.code)) continue;
      const codeSet = /^\d/.test(w.code) ? 'cpt' : 'hcpcs';
      const release = this.catalog.releaseOn(codeSet, on);
      const entry = this.catalog.codesOn(codeSet, on)?.get(w.code);
      if (!release || !entry || !entry.billable) continue;
      const tok = note.tokens.findIndex((t) => t.start <= w.start && t.end >= w.end);
      const bits = tok >= 0 ? tokenBits[tok] : 0;
      const traits = traitsOf(bits);
      if (traits.negated) continue;
      seen.add(w.code);
      out.push({
        code: w.code,
        codeSet,
        // CPT: the descriptor of the user's own licensed file as loaded (medbill ships none).
        title: entry.shortTitle || entry.longTitle,
        confidence: 0.95,
        spans: [{ start: w.start, end: w.end, text: note.text.slice(w.start, w.end) }],
        reason: {
          source: 'code number',
          matched: [w.code],
          checks: [
            codeSet === 'cpt'
              ? `CPT ${w.code} is in the licensed CPT set loaded (${release.releaseId})`
              : `HCPCS ${w.code} is valid in ${release.releaseId}`,
          ],
        },
        traits,
        section: tok >= 0 ? note.tokens[tok].section : 'none',
      });
    }
    return out;
  }
}

function tokensOf(h: ProcedureHit, words: ConceptWord[]): number[] {
  const set = new Set<number>();
  for (const i of [...h.words, ...h.qualifierWords]) for (let t = words[i].tok; t <= words[i].last; t++) set.add(t);
  return [...set].sort((a, b) => a - b);
}

function tokenRange(w: ConceptWord, note: SegmentedNote): [number, number] {
  return [note.tokens[w.tok].start, note.tokens[w.last].end];
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}
