/**
 * Tabular notes between suggestions: "use additional code" and "code first" pairs (the other code is among the
 * suggestions), Excludes1 conflicts (the weaker of the two loses confidence: the note rarely supports both).
 * Notes come from the loaded Tabular and count only when their holder still exists on the date of service.
 */
import type { CodeCatalog } from '../catalog/code-catalog.ts';
import { type CodeRef, refMatches, withDot } from '../catalog/tabular-rules.ts';
import type { IsoDate } from '../types.ts';
import type { CodeSuggestion } from './suggest-types.ts';

type PairKind = 'useAdditionalCode' | 'codeFirst' | 'excludes1' | 'codeAlso';

interface PairNote {
  text: string;
  refs: CodeRef[];
  /** The code carrying an Excludes1 note (its own descendants are not excluded). */
  holder?: string;
}

/** Tabular notes by code, kind and release, computed once per suggester (the Tabular walk is the costly part). */
export class PairNotes {
  private readonly cache = new Map<string, PairNote[]>();

  constructor(private readonly catalog: CodeCatalog) {}

  notes(code: string, kind: PairKind, on: IsoDate): PairNote[] {
    const release = this.catalog.releaseOn('icd10cm', on)?.releaseId ?? '';
    const k = `${release}|${code}|${kind}`;
    let out = this.cache.get(k);
    if (out) return out;
    out = [];
    const tab = this.catalog.tabular;
    const codes = this.catalog.codesOn('icd10cm', on);
    if (tab && codes) {
      for (const n of tab.notes(code, kind)) {
        if (n.holder.kind === 'diag' && !codes.has(n.holder.id)) continue;
        if (n.refs.length === 0) continue;
        out.push({ text: n.text, refs: n.refs, ...(n.holder.kind === 'diag' ? { holder: n.holder.id } : {}) });
      }
    }
    if (this.cache.size > 50_000) this.cache.clear();
    this.cache.set(k, out);
    return out;
  }

  /** The note of this kind at `code` that names `other`, if any. */
  naming(code: string, kind: PairKind, other: string, on: IsoDate): string | undefined {
    for (const n of this.notes(code, kind, on)) {
      if (kind === 'excludes1' && n.holder && other.startsWith(n.holder)) continue;
      if (n.refs.some((r) => refMatches(r, other))) return n.text;
    }
    return undefined;
  }
}

const key = (code: string) => code.replace(/\./g, '');

/**
 * Pairs and Excludes1 among the suggestions, each noted on both; `halveExcluded`: the weaker of an Excludes1 pair
 * loses half its confidence (not when the confidence already is what an office's coders kept: its ranker's).
 */
export function annotatePairs(
  suggestions: CodeSuggestion[],
  notes: PairNotes,
  on: IsoDate,
  halveExcluded = true,
): void {
  for (const a of suggestions) {
    const ak = key(a.code);
    for (const b of suggestions) {
      if (a === b) continue;
      const bk = key(b.code);
      const more = notes.naming(ak, 'useAdditionalCode', bk, on) ?? notes.naming(ak, 'codeAlso', bk, on);
      if (more) a.pairs.push({ code: b.code, rule: 'use-additional', note: more });
      const first = notes.naming(ak, 'codeFirst', bk, on);
      if (first) a.pairs.push({ code: b.code, rule: 'code-first', note: first });
      const excl = notes.naming(ak, 'excludes1', bk, on);
      if (excl) a.excludes.push({ code: b.code, note: `Excludes1 at ${withDot(ak)}: ${excl}` });
    }
  }
  if (!halveExcluded) return;
  // Of two codes that exclude each other, the less supported one is the doubtful one.
  const done = new Set<string>();
  for (const a of suggestions) {
    for (const x of a.excludes) {
      const b = suggestions.find((s) => s.code === x.code);
      const pair = [a.code, x.code].sort().join('|');
      if (!b || done.has(pair)) continue;
      done.add(pair);
      const loser = b.confidence <= a.confidence ? b : a;
      loser.confidence = Math.round(loser.confidence * 0.5 * 1000) / 1000;
    }
  }
  suggestions.sort((a, b) => b.confidence - a.confidence || a.spans[0].start - b.spans[0].start);
}
