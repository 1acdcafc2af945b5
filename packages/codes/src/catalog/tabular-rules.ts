import type { NoteKind, TabularEntry } from '../import/tabular-xml.ts';

/** A code or range named in a note: "S58.-", "A15.0", "J00-J22"; matched by prefix at each end. */
export interface CodeRef {
  from: string;
  to: string;
}

/** A note that applies to a code, with the tabular entry that carries it. */
export interface AppliedNote {
  holder: TabularEntry;
  kind: NoteKind;
  text: string;
  refs: CodeRef[];
}

// A range ("E08-E13", "N18.1-N18.6") is tried before a trailing dash ("S58.-"), which would otherwise eat the hyphen.
const REF = /\b([A-Z]\d[0-9A-Z](?:\.[0-9A-Z]{1,4})?)(?:\s*-\s*([A-Z]\d[0-9A-Z](?:\.[0-9A-Z]{1,4})?)|\.?-)?/g;

/** ICD-10-CM code with its dot (E1140 -> E11.40). */
export function withDot(code: string): string {
  return /^[A-Z]\d/.test(code) && code.length > 3 ? `${code.slice(0, 3)}.${code.slice(3)}` : code;
}

export function parseCodeRefs(text: string): CodeRef[] {
  const refs: CodeRef[] = [];
  for (const m of text.matchAll(REF)) {
    const from = m[1].replace('.', '');
    refs.push({ from, to: m[2] ? m[2].replace('.', '') : from });
  }
  return refs;
}

export function refMatches(ref: CodeRef, code: string): boolean {
  if (ref.from === ref.to) return code.startsWith(ref.from);
  return code.slice(0, ref.from.length) >= ref.from && code.slice(0, ref.to.length) <= ref.to;
}

/** Lookups over a Tabular List: notes inherited from category, section and chapter. */
export class TabularRules {
  private readonly byCode = new Map<string, TabularEntry>();
  private readonly groups: TabularEntry[] = [];
  private readonly refCache = new Map<string, CodeRef[]>();

  constructor(
    readonly entries: TabularEntry[],
    readonly label: string,
  ) {
    for (const e of entries) {
      if (e.kind === 'diag') this.byCode.set(e.id, e);
      else if (e.range) this.groups.push(e);
    }
  }

  get(code: string): TabularEntry | undefined {
    return this.byCode.get(code);
  }

  /** The code's own entry and its ancestors (longest first), then its section and chapter. */
  lineage(code: string): TabularEntry[] {
    const out: TabularEntry[] = [];
    for (let n = code.length; n >= 3; n--) {
      const e = this.byCode.get(code.slice(0, n));
      if (e) out.push(e);
    }
    const cat = code.slice(0, 3);
    for (const g of this.groups) if (g.range && cat >= g.range.first && cat <= g.range.last) out.push(g);
    return out;
  }

  notes(code: string, kind: NoteKind): AppliedNote[] {
    const out: AppliedNote[] = [];
    for (const holder of this.lineage(code)) {
      for (const text of holder.notes[kind] ?? []) out.push({ holder, kind, text, refs: this.refs(text) });
    }
    return out;
  }

  /** Nearest entry defining 7th characters for this code (category or subcategory), if any. */
  seventhCharacter(code: string): TabularEntry | undefined {
    for (let n = Math.min(code.length, 6); n >= 3; n--) {
      const e = this.byCode.get(code.slice(0, n));
      if (e?.sevenChr) return e;
    }
    return undefined;
  }

  /** Manifestation codes carry "in diseases classified elsewhere" and a code-first note. */
  isManifestation(code: string): boolean {
    for (let n = code.length; n >= 3; n--) {
      const e = this.byCode.get(code.slice(0, n));
      if (e && /in diseases classified elsewhere/i.test(e.title)) return true;
    }
    return false;
  }

  private refs(text: string): CodeRef[] {
    let r = this.refCache.get(text);
    if (!r) {
      r = parseCodeRefs(text);
      this.refCache.set(text, r);
    }
    return r;
  }
}
