import { type CodeTable, CodeTableBuilder } from './code-table.ts';
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

/** Parsed entries kept for lookups of a compact Tabular (the codes a claim or note asks about recur). */
const RECENT = 4096;

/**
 * Lookups over a Tabular List: notes inherited from category, section and chapter. The entries are kept as given
 * until `compact()`, then as one compact table (issue 8: ~13 MB of heap as objects for the 44,000 entries of the
 * official Tabular): each entry's JSON as the text of a `CodeTable` row, diagnoses under their code, so a lookup is
 * one hash probe and one parse. `entries` makes the list again when asked (the suggester's build).
 */
export class TabularRules {
  private raw?: TabularEntry[];
  private byCode?: Map<string, TabularEntry>;
  private table?: CodeTable;
  private made?: WeakRef<TabularEntry[]>;
  private readonly recent = new Map<number, TabularEntry>();
  private readonly groups: TabularEntry[] = [];
  private readonly refCache = new Map<string, CodeRef[]>();

  constructor(
    entries: TabularEntry[],
    readonly label: string,
  ) {
    this.raw = entries;
    this.byCode = new Map();
    for (const e of entries) {
      if (e.kind === 'diag') this.byCode.set(e.id, e);
      else if (e.range) this.groups.push(e);
    }
  }

  /** Every entry, in order (new objects once compact, shared by callers while held). */
  get entries(): TabularEntry[] {
    if (this.raw) return this.raw;
    const held = this.made?.deref();
    if (held) return held;
    const t = this.table!;
    const made: TabularEntry[] = new Array(t.length);
    for (let i = 0; i < t.length; i++) made[i] = JSON.parse(t.longTitleAt(i)) as TabularEntry;
    this.made = new WeakRef(made);
    return made;
  }

  /** Keeps the entries as one compact table from now on; lookups answer the same. */
  compact(): void {
    const steps = this.compactSteps(() => false);
    while (!steps.next().done);
  }

  /** `compact()` yielding whenever `due()` says a slice's time is up; lookups answer from the entries meanwhile. */
  *compactSteps(due: () => boolean): Generator<void> {
    const raw = this.raw;
    if (!raw) return;
    const b = new CodeTableBuilder();
    for (let i = 0; i < raw.length; i++) {
      if ((i & 511) === 0 && due()) yield;
      const e = raw[i];
      // a diagnosis under its code (the last of a code answers, as the map did); other entries under a name no code has
      b.add({
        code: e.kind === 'diag' ? e.id : `#${i}`,
        billable: false,
        shortTitle: undefined,
        longTitle: JSON.stringify(e),
        extra: undefined,
      });
    }
    if (this.raw !== raw) return;
    this.table = b.finish();
    this.raw = undefined;
    this.byCode = undefined;
  }

  get(code: string): TabularEntry | undefined {
    if (this.byCode) return this.byCode.get(code);
    const i = this.table!.indexOf(code);
    if (i < 0) return undefined;
    let e = this.recent.get(i);
    if (!e) {
      if (this.recent.size >= RECENT) this.recent.clear();
      e = JSON.parse(this.table!.longTitleAt(i)) as TabularEntry;
      this.recent.set(i, e);
    }
    return e;
  }

  /** The code's own entry and its ancestors (longest first), then its section and chapter. */
  lineage(code: string): TabularEntry[] {
    const out: TabularEntry[] = [];
    for (let n = code.length; n >= 3; n--) {
      const e = this.get(code.slice(0, n));
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
      const e = this.get(code.slice(0, n));
      if (e?.sevenChr) return e;
    }
    return undefined;
  }

  /** Manifestation codes carry "in diseases classified elsewhere" and a code-first note. */
  isManifestation(code: string): boolean {
    for (let n = code.length; n >= 3; n--) {
      const e = this.get(code.slice(0, n));
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
