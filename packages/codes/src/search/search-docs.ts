import type { CodeCatalog } from '../catalog/code-catalog.ts';
import type { IndexTerm } from '../import/index-xml.ts';
import type { CodeEntry, CodeSet } from '../types.ts';
import { tokens } from './normalize.ts';

export const DOC_TITLE = 0;
export const DOC_INDEX = 1;
export const DOC_SEE = 2;
export const DOC_TABLE = 3;

/**
 * Words coders do not type but titles and Index paths carry ("encounter", "unspecified", "region", and
 * "traumatic", the default kind of fracture) are matched when typed but not counted in a doc's length.
 */
const SOFT = new Set(['encounter', 'unspecified', 'region', 'traumatic']);
const HYPHENATED = /\b[a-z]+(?:-[a-z]+)+\b/gi;

/** What the scoring reads of the documents: per doc its code key, code set and (Index docs) wording. */
export interface DocTable {
  readonly size: number;
  key(doc: number): string;
  set(doc: number): CodeSet;
  /** The Index path, table cell or inclusion wording a doc stands for; title docs carry none (a hit shows the title). */
  text(doc: number): string | undefined;
}

/** Posting lists by word ("~word" for nonessential words): ascending doc numbers. */
export interface PostingTable {
  readonly size: number;
  get(term: string): Int32Array | undefined;
  /** the length of a word's list (0 when it has none), without making a view of it */
  count(term: string): number;
  has(term: string): boolean;
  terms(): Iterable<string>;
}

/** A finished document store: the tables the search reads, and per doc its length, kind and depth penalty. */
export interface StoredDocs {
  docs: DocTable;
  postings: PostingTable;
  lens: Uint8Array;
  kinds: Uint8Array;
  depth: Float32Array;
}

/**
 * Where DocStore puts what it reads: `post` files a word (or a nonessential "~word") under the doc being added,
 * `push` then closes that doc. DocStore decides which words count; a storage only keeps them.
 */
export interface DocStorage {
  readonly count: number;
  post(term: string, optional: boolean): void;
  push(key: string, set: CodeSet, kind: number, text: string, len: number, depth: number): void;
  finish(): StoredDocs;
}

/** Adds a doc to the store: one doc per title, index path or table cell. */
export class DocStore {
  private readonly seen = new Set<string>();
  constructor(private readonly storage: DocStorage = new CompactDocStorage()) {}

  get count(): number {
    return this.storage.count;
  }

  /**
   * Optional (nonessential) words are posted under "~word" so a match on them counts for less. Hyphenated
   * words in `text` ("Pre-eclampsia", "ASC-US") are also posted joined, without counting toward the length.
   */
  add(
    key: string,
    set: CodeSet,
    kind: number,
    text: string,
    essential: string[],
    optional: string[] = [],
    len?: number,
    depth = 0,
  ): void {
    const storage = this.storage;
    const seen = this.seen;
    seen.clear();
    let soft = 0;
    let numbers = 0;
    for (const t of essential) {
      if (seen.has(t)) continue;
      seen.add(t);
      if (SOFT.has(t)) soft++;
      // A range such as "35.0-35.9" or "20-25" is one detail, not four words.
      else if (t.charCodeAt(0) <= 57 && /^\d+$/.test(t) && numbers++ > 0) soft++;
      storage.post(t, false);
    }
    if (seen.size === 0) return;
    const essentialCount = seen.size;
    if (text.includes('-')) {
      for (const m of text.matchAll(HYPHENATED)) {
        const joined = tokens(m[0].replace(/-/g, ''))[0];
        if (joined && !seen.has(joined)) {
          seen.add(joined);
          storage.post(joined, false);
        }
      }
    }
    for (const t of optional) {
      if (seen.has(t)) continue;
      seen.add(t);
      storage.post(t, true);
    }
    storage.push(key, set, kind, text, Math.max(1, (len ?? essentialCount) - soft), depth);
  }

  /** The finished tables; the store takes no more docs. */
  finish(): StoredDocs {
    this.seen.clear();
    return this.storage.finish();
  }
}

/** A typed array that grows by doubling while a store is built. */
class Grow<A extends Int32Array | Uint32Array | Uint8Array | Float32Array> {
  n = 0;
  constructor(
    public a: A,
    private readonly make: (n: number) => A,
  ) {}
  push(x: number): void {
    if (this.n === this.a.length) this.room(1);
    this.a[this.n++] = x;
  }
  room(k: number): void {
    if (this.n + k <= this.a.length) return;
    const b = this.make(Math.max(this.a.length * 2, this.n + k, 1024));
    b.set(this.a.subarray(0, this.n));
    this.a = b;
  }
  /** exactly the filled part, copied once into its own buffer */
  done(): A {
    const out = this.make(this.n);
    out.set(this.a.subarray(0, this.n));
    this.a = this.make(0);
    this.n = 0;
    return out;
  }
}

const SET_NAMES: CodeSet[] = [];
const setId = (s: CodeSet): number => {
  let i = SET_NAMES.indexOf(s);
  if (i < 0) i = SET_NAMES.push(s) - 1;
  return i;
};
const utf8 = new TextEncoder();
const fromUtf8 = new TextDecoder();

/**
 * The search index's documents without a JavaScript object, array or string per doc (issue 8: the idle server's
 * memory): per doc a key number, set number, kind, length and depth in typed arrays, its wording as UTF-8 bytes in
 * one buffer (offsets per doc; title docs keep none), and every posting list as a slice of one Int32Array found
 * through a word -> number map. While building, each doc's word numbers are appended to one growing array; finish()
 * files them by word with a counting sort, so each list holds its docs in ascending order as they were added.
 */
export class CompactDocStorage implements DocStorage {
  private readonly termIds = new Map<string, number>();
  private readonly optionalIds = new Map<string, number>();
  private termCount = 0;
  private readonly keyIds = new Map<string, number>();
  private readonly keyList: string[] = [];
  private readonly docTerms = new Grow(new Int32Array(0), (n) => new Int32Array(n));
  private readonly docEnds = new Grow(new Uint32Array(0), (n) => new Uint32Array(n));
  private readonly keys = new Grow(new Uint32Array(0), (n) => new Uint32Array(n));
  private readonly sets = new Grow(new Uint8Array(0), (n) => new Uint8Array(n));
  private readonly kinds = new Grow(new Uint8Array(0), (n) => new Uint8Array(n));
  private readonly lens = new Grow(new Uint8Array(0), (n) => new Uint8Array(n));
  private readonly depths = new Grow(new Float32Array(0), (n) => new Float32Array(n));
  private readonly textEnds = new Grow(new Uint32Array(0), (n) => new Uint32Array(n));
  private readonly textBytes = new Grow(new Uint8Array(0), (n) => new Uint8Array(n));

  get count(): number {
    return this.keys.n;
  }

  post(term: string, optional: boolean): void {
    const ids = optional ? this.optionalIds : this.termIds;
    let id = ids.get(term);
    if (id === undefined) {
      id = this.termCount++;
      ids.set(term, id);
    }
    this.docTerms.push(id);
  }

  push(key: string, set: CodeSet, kind: number, text: string, len: number, depth: number): void {
    let k = this.keyIds.get(key);
    if (k === undefined) {
      k = this.keyList.push(key) - 1;
      this.keyIds.set(key, k);
    }
    this.keys.push(k);
    this.sets.push(setId(set));
    this.kinds.push(kind);
    this.lens.push(Math.min(len, 255));
    this.depths.push(depth);
    this.docEnds.push(this.docTerms.n);
    if (kind !== DOC_TITLE) {
      const b = this.textBytes;
      b.room(text.length * 3);
      b.n += utf8.encodeInto(text, b.a.subarray(b.n)).written;
    }
    this.textEnds.push(this.textBytes.n);
  }

  finish(): StoredDocs {
    const n = this.keys.n;
    const terms = this.termCount;
    // read in place (no exact-size copy: they go once the lists are filed)
    const docTerms = this.docTerms.a.subarray(0, this.docTerms.n);
    const docEnds = this.docEnds.a;
    // counting sort of (word, doc) by word: each list in doc order
    const starts = new Uint32Array(terms + 1);
    for (let i = 0; i < docTerms.length; i++) starts[docTerms[i] + 1]++;
    for (let t = 0; t < terms; t++) starts[t + 1] += starts[t];
    const fill = starts.slice(0, terms);
    const all = new Int32Array(docTerms.length);
    for (let d = 0, i = 0; d < n; d++) for (const end = docEnds[d]; i < end; i++) all[fill[docTerms[i]]++] = d;
    this.docTerms.a = new Int32Array(0);
    this.docEnds.a = new Uint32Array(0);
    const ids = this.termIds;
    for (const [t, id] of this.optionalIds) ids.set(`~${t}`, id);
    this.optionalIds.clear();
    this.keyIds.clear();
    // the distinct keys as one string and their end offsets: not a string each (the catalog keeps none either)
    const keyEnds = new Uint32Array(this.keyList.length);
    for (let k = 0, at = 0; k < this.keyList.length; k++) keyEnds[k] = at += this.keyList[k].length;
    const keyText = this.keyList.join('');
    this.keyList.length = 0;
    return {
      docs: new CompactDocs(
        n,
        this.keys.done(),
        this.sets.done(),
        keyText,
        keyEnds,
        this.textEnds.done(),
        this.textBytes.done(),
      ),
      postings: new CompactPostings(ids, starts, all),
      lens: this.lens.done(),
      kinds: this.kinds.done(),
      depth: this.depths.done(),
    };
  }
}

class CompactDocs implements DocTable {
  constructor(
    readonly size: number,
    private readonly keyOf: Uint32Array,
    private readonly setOf: Uint8Array,
    private readonly keyText: string,
    private readonly keyEnds: Uint32Array,
    private readonly textEnds: Uint32Array,
    private readonly textBytes: Uint8Array,
  ) {}
  key(doc: number): string {
    const k = this.keyOf[doc];
    return this.keyText.slice(k === 0 ? 0 : this.keyEnds[k - 1], this.keyEnds[k]);
  }
  set(doc: number): CodeSet {
    return SET_NAMES[this.setOf[doc]];
  }
  text(doc: number): string | undefined {
    const from = doc === 0 ? 0 : this.textEnds[doc - 1];
    const to = this.textEnds[doc];
    return from === to ? undefined : fromUtf8.decode(this.textBytes.subarray(from, to));
  }
}

class CompactPostings implements PostingTable {
  constructor(
    private readonly ids: Map<string, number>,
    private readonly starts: Uint32Array,
    private readonly all: Int32Array,
  ) {}
  get size(): number {
    return this.ids.size;
  }
  get(term: string): Int32Array | undefined {
    const id = this.ids.get(term);
    return id === undefined ? undefined : this.all.subarray(this.starts[id], this.starts[id + 1]);
  }
  count(term: string): number {
    const id = this.ids.get(term);
    return id === undefined ? 0 : this.starts[id + 1] - this.starts[id];
  }
  has(term: string): boolean {
    return this.ids.has(term);
  }
  terms(): Iterable<string> {
    return this.ids.keys();
  }
}

/**
 * Building a search index is seconds of work with every official code set: the builders below are generators that
 * yield every few milliseconds, so a server can answer between slices (CodeSearch.build); run to the end at once
 * they build the same index (new CodeSearch).
 */
export class Pace {
  private n = 0;
  private since = performance.now();
  constructor(private readonly sliceMs = 8) {}
  /** true when a slice's time is up (checked every 256 calls) */
  due(): boolean {
    if ((++this.n & 255) !== 0 || performance.now() - this.since < this.sliceMs) return false;
    this.since = performance.now();
    return true;
  }
  /** called after the builder resumed: the slice starts now */
  resume(): void {
    this.since = performance.now();
  }
}

/** Splits a title into essential words and nonessential (parenthesized/bracketed) words. */
/**
 * Parenthesized / bracketed words, "not otherwise specified" (the default, like NOS) and a "without X" clause
 * ("Preterm labor without delivery", "... without complications": it names the default, as an Index subterm
 * "without ..." does) are nonessential.
 */
const OPTIONAL_IN_TITLE =
  /\([^)]*\)|\[[^\]]*\]|\bnot (otherwise|elsewhere) (specified|classified)\b|\bclassified elsewhere\b|\bwithout\b[^,;()[\]]*/gi;

export function titleTokens(title: string): { essential: string[]; optional: string[] } {
  const optionalText = (title.match(OPTIONAL_IN_TITLE) ?? []).join(' ');
  const essential = tokens(title.replace(OPTIONAL_IN_TITLE, ' '));
  return { essential, optional: tokens(optionalText) };
}

/** Adds the titles of every code release (newest first; older titles kept for deleted/renamed codes). */
export function* addTitleDocs(store: DocStore, catalog: CodeCatalog, sets: CodeSet[], pace: Pace): Generator<void> {
  for (const set of sets) {
    const releases = catalog.releases(set).slice().reverse();
    const newer: Array<ReadonlyMap<string, CodeEntry>> = [];
    for (const r of releases) {
      if (r.data.kind !== 'codes') continue;
      const byCode = catalog.codesIn(set, r.releaseId);
      for (const e of r.data.entries) {
        if (pace.due()) yield;
        if (newer.some((m) => m.get(e.code)?.longTitle === e.longTitle)) continue;
        const t = titleTokens(e.longTitle);
        store.add(e.code, set, DOC_TITLE, e.longTitle, t.essential, t.optional);
        // HCPCS short descriptors are how billers name supplies ("Oxygen concentrator").
        if ((set === 'hcpcs' || set === 'cpt') && e.shortTitle && e.shortTitle !== e.longTitle) {
          const st = titleTokens(e.shortTitle);
          store.add(e.code, set, DOC_TITLE, e.longTitle, st.essential, st.optional);
        }
      }
      if (byCode) newer.push(byCode);
    }
  }
}

function pathKey(parts: string[]): string {
  let k = '';
  for (let i = 0; i < parts.length; i++) {
    const p = parts[i];
    const comma = p.indexOf(',');
    k += (i ? '|' : '') + (comma < 0 ? p : p.slice(0, comma)).trim().toLowerCase();
  }
  return k;
}

/**
 * Index path words. Spelling variants in one element ("Diabetes, diabetic", "myocardium, myocardial")
 * and "atrial or auricular" alternatives are all posted but count once toward the doc length.
 */
interface ElementTokens {
  head: string[];
  others: string[];
  variants: boolean;
}
const elementCache = new Map<string, ElementTokens>();

function elementTokens(p: string): ElementTokens {
  let e = elementCache.get(p);
  if (e) return e;
  const clean = p.replace(/\([^)]*\)|\bclassified elsewhere\b/gi, ' ');
  const parts = clean
    .split(',')
    .map((x) => x.trim())
    .filter(Boolean);
  const stem4 = (parts[0] ?? '').toLowerCase().slice(0, 4);
  const variants = parts.length > 1 && parts.every((x) => x.toLowerCase().slice(0, 4) === stem4);
  const [first, ...alts] = (variants ? parts[0] : clean).split(/\s+or\s+/);
  e = { head: tokens(first), others: tokens([...(variants ? parts.slice(1) : []), ...alts].join(' ')), variants };
  if (elementCache.size < 100_000) elementCache.set(p, e);
  return e;
}

function pathTokens(t: IndexTerm): { essential: string[]; optional: string[]; len: number; depth: number } {
  const essential: string[] = [];
  const optional = t.nemod ? tokens(t.nemod) : [];
  let len = 0;
  let depth = 0;
  t.path.forEach((p, level) => {
    const e = elementTokens(p);
    // "without myelopathy or radiculopathy" names the default: not required, and not a match for a query
    // that asks for myelopathy. "entering through orifice" only groups the Foreign body entries by route.
    if (level > 0 && /^without\b/i.test(p)) {
      depth += 0.5;
      return;
    }
    if (level > 0 && /^entering through orifice$/i.test(p)) {
      optional.push(...e.head, ...e.others);
      depth += 0.5;
      return;
    }
    len += new Set(e.head).size;
    if (level > 0) depth += e.head.length === 0 ? 2.5 : 0.5;
    essential.push(...e.head);
    (e.variants ? essential : optional).push(...e.others);
  });
  return { essential, optional, len, depth };
}

/** Table column headings: parenthesized words and "primary"/"accidental" (the defaults) are optional. */
const headingCache = new Map<string, { essential: string[]; optional: string[] }>();

function headingTokens(heading: string): { essential: string[]; optional: string[] } {
  const hit = headingCache.get(heading);
  if (hit) return hit;
  const h = computeHeadingTokens(heading);
  headingCache.set(heading, h);
  return h;
}

function computeHeadingTokens(heading: string): { essential: string[]; optional: string[] } {
  const opt = tokens((heading.match(/\([^)]*\)/g) ?? []).join(' '));
  const all = tokens(heading.replace(/\([^)]*\)/g, ' '));
  return {
    essential: all.filter((w) => w !== 'primary' && w !== 'accidental'),
    optional: [...opt, ...all.filter((w) => w === 'primary' || w === 'accidental')],
  };
}

export const DOC_INCLUSION = 4;

/**
 * Tabular inclusion terms ("Abscess of tongue" under K14.0 Glossitis) as title-like docs, for codes
 * still present in the newest ICD-10-CM release.
 */
export function* addInclusionDocs(store: DocStore, catalog: CodeCatalog, pace: Pace): Generator<void> {
  const tab = catalog.tabular;
  const codes = catalog.codesOn('icd10cm');
  if (!tab || !codes) return;
  for (const e of tab.entries) {
    if (pace.due()) yield;
    if (e.kind !== 'diag' || !codes.has(e.id)) continue;
    for (const text of [...(e.notes.inclusionTerm ?? []), ...(e.notes.includes ?? [])]) {
      const t = titleTokens(text);
      store.add(e.id, 'icd10cm', DOC_INCLUSION, `${text} (inclusion term)`, t.essential, t.optional);
    }
  }
}

/** Adds Alphabetic Index, External Cause Index and Table docs (see-references resolved to codes). */
export function* addIndexDocs(store: DocStore, terms: readonly IndexTerm[], pace: Pace): Generator<void> {
  const byPath = new Map<string, string>();
  for (const t of terms) {
    if (pace.due()) yield;
    if (t.code && t.source === 'index') byPath.set(pathKey(t.path), t.code);
  }
  // one string per code however many paths and table cells lead to it
  const keys = new Map<string, string>();
  const codeKey = (code: string) => {
    let k = keys.get(code);
    if (k === undefined) {
      const c = code.replace(/[.\-\s]/g, '').toUpperCase();
      k = keys.get(c) ?? c;
      keys.set(code, k);
      keys.set(c, k);
    }
    return k;
  };
  for (const t of terms) {
    if (pace.due()) yield;
    const display = t.path.join(', ');
    const pt = pathTokens(t);
    if (t.code) {
      store.add(
        codeKey(t.code),
        'icd10cm',
        t.source === 'index' ? DOC_INDEX : DOC_TABLE,
        display,
        pt.essential,
        pt.optional,
        pt.len,
        pt.depth,
      );
      if (t.manif)
        store.add(
          codeKey(t.manif),
          'icd10cm',
          DOC_INDEX,
          `${display} [manifestation]`,
          pt.essential,
          pt.optional,
          pt.len,
          pt.depth,
        );
    } else if (t.see || t.seeAlso) {
      // A term without a code of its own leads to its "see also" term too ("Tendinitis (see also Enthesopathy)").
      const ref = (t.see ?? t.seeAlso)!;
      const target = byPath.get(pathKey(ref.split(',').map((s) => s.trim())));
      if (target)
        store.add(
          codeKey(target),
          'icd10cm',
          DOC_SEE,
          `${display} (see ${ref})`,
          pt.essential,
          pt.optional,
          pt.len,
          pt.depth + (t.see ? 0 : 1),
        );
    }
    for (const [heading, code] of Object.entries(t.cells ?? {})) {
      const h = headingTokens(heading);
      store.add(
        codeKey(code),
        'icd10cm',
        DOC_TABLE,
        `${display} — ${heading}`,
        [...pt.essential, ...h.essential],
        [...pt.optional, ...h.optional],
        pt.len + new Set(h.essential).size,
        pt.depth,
      );
    }
  }
  // the word caches serve one build; kept, they would hold tens of thousands of arrays for the server's life
  elementCache.clear();
  headingCache.clear();
}
