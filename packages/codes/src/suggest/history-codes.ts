/**
 * Family history (Z80-Z84) and personal history (Z85-Z87) codes for a condition, from the Tabular's own
 * inclusion terms: Z80.3 "Conditions classifiable to C50.-", Z82.3 "Conditions classifiable to I60-I64", ...
 * The narrowest category that names the condition's code wins.
 */
import { type CodeRef, parseCodeRefs, refMatches } from '../catalog/tabular-rules.ts';
import type { TabularEntry } from '../import/tabular-xml.ts';

interface HistoryRow {
  code: string;
  refs: CodeRef[];
  kind: 'family' | 'personal';
}

export class HistoryCodes {
  private readonly rows: HistoryRow[] = [];

  constructor(entries: readonly TabularEntry[]) {
    for (const e of entries) {
      if (e.kind !== 'diag' || !/^Z8[0-7]/.test(e.id)) continue;
      const texts = [...(e.notes.inclusionTerm ?? []), ...(e.notes.includes ?? [])].filter((t) =>
        /classifiable to/i.test(t),
      );
      // "Conditions classifiable elsewhere in F01-F99" is the catch-all of its block.
      const refs = texts.flatMap((t) => parseCodeRefs(t.replace(/elsewhere in/i, 'to')));
      if (refs.length) this.rows.push({ code: e.id, refs, kind: e.id < 'Z85' ? 'family' : 'personal' });
    }
  }

  /** The history code for a condition code (no dot), or undefined when the Tabular names none. */
  historyOf(condition: string, kind: 'family' | 'personal'): string | undefined {
    let best: { code: string; width: number } | undefined;
    for (const r of this.rows) {
      if (r.kind !== kind) continue;
      for (const ref of r.refs) {
        if (!refMatches(ref, condition)) continue;
        const width = refWidth(ref);
        if (!best || width < best.width || (width === best.width && r.code.length > best.code.length))
          best = { code: r.code, width };
      }
    }
    return best?.code;
  }
}

/** How many categories a reference covers (a single code or category counts by its length). */
function refWidth(ref: CodeRef): number {
  if (ref.from === ref.to) return 1 / ref.from.length;
  const a = categoryNumber(ref.from);
  const b = categoryNumber(ref.to);
  return b - a + 1;
}

function categoryNumber(code: string): number {
  return (code.charCodeAt(0) - 65) * 100 + Number.parseInt(code.slice(1, 3), 10);
}

/**
 * Conditions whose "history of" is a history code: neoplasms, injuries, infections, pregnancies, and acute or
 * episodic events (MI, embolism, stroke, pneumonia, stones, ulcers, falls). A chronic condition written as
 * "history of hypertension" is still the patient's condition and is coded as such.
 */
const EPISODIC =
  /^(C|D0|D1|D2|D3|D4|S|T|O|A[0-9]|B0|B1[0-7]|B[2-9][5-9]|B9|I2[1-3]|I26|I46|I6[0-4]|G45|I8[0-2]|J0|J1|J2[0-2]|J93|N2[0-3]|N390|K2[5-8]|K3[5-7]|K8[05]|L89|F17|R5|W|Q)/;

export function isEpisodic(condition: string): boolean {
  return EPISODIC.test(condition);
}
