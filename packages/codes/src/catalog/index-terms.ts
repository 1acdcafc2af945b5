import type { IndexSource, IndexTerm } from '../import/index-xml.ts';

const SOURCES: readonly IndexSource[] = ['index', 'eindex', 'drug', 'neoplasm'];
/** the optional text fields of a term, in the order a materialized term has them */
const FIELDS = ['nemod', 'code', 'manif', 'see', 'seeAlso'] as const;
/** in a term's flag byte: bits 0-4 which FIELDS it has, bit 5 a `cells` record (perhaps empty), bits 6-7 its source */
const HAS_CELLS = 0x20;
const SOURCE_SHIFT = 6;

/**
 * Alphabetic Index / Tables terms without a JavaScript object, array or string per term (issue 8: the idle
 * server's memory; ~98,000 terms with the official Index files held ~16 MB of heap as objects): every distinct
 * string (path element, code, see text, table column) once in one pool string with an end offset each, and per term
 * one run of numbers into it (path elements, the fields it has, table cells), a flag byte (which fields, cells,
 * source), its path's length and its line in typed arrays. `terms()`
 * makes the `IndexTerm` objects again, equal to those stored, only while a caller needs them (building the search
 * index or the suggester's Index tree).
 */
export class IndexTermTable {
  /** the sources present (a bit per SOURCES entry) */
  private bits = 0;
  private n = 0;
  private pool = '';
  private poolEnds!: Uint32Array;
  /** term i's numbers are ids[at[i] .. at[i+1]): path elements, then its fields in FIELDS order, then cell pairs */
  private at!: Uint32Array;
  private ids!: Uint32Array;
  private flags!: Uint8Array;
  private pathLength!: Uint8Array;
  private line!: Int32Array;

  private constructor() {}

  /** The terms' table at once. */
  static of(terms: readonly IndexTerm[]): IndexTermTable {
    const t = new IndexTermTable();
    const steps = t.fill(terms, () => false);
    while (!steps.next().done);
    return t;
  }

  /** The terms' table, yielding whenever `due()` says a slice's time is up (a server answers between slices). */
  static *build(terms: readonly IndexTerm[], due: () => boolean): Generator<void, IndexTermTable> {
    const t = new IndexTermTable();
    yield* t.fill(terms, due);
    return t;
  }

  get length(): number {
    return this.n;
  }

  private *fill(terms: readonly IndexTerm[], due: () => boolean): Generator<void> {
    const n = terms.length;
    const numbers = new Map<string, number>();
    const strings: string[] = [];
    const id = (s: string) => {
      let i = numbers.get(s);
      if (i === undefined) {
        i = strings.length;
        strings.push(s);
        numbers.set(s, i);
      }
      return i;
    };
    let count = 0;
    for (const t of terms) {
      if (t.path.length > 255) throw new RangeError('an Index path of more than 255 elements');
      count += t.path.length;
      for (const f of FIELDS) if (t[f] !== undefined) count++;
      if (t.cells) for (const _ in t.cells) count += 2;
    }
    this.n = n;
    this.at = new Uint32Array(n + 1);
    this.ids = new Uint32Array(count);
    this.flags = new Uint8Array(n);
    this.pathLength = new Uint8Array(n);
    this.line = new Int32Array(n);
    const ids = this.ids;
    let p = 0;
    let bits = 0;
    for (let i = 0; i < n; i++) {
      if ((i & 1023) === 0 && due()) yield;
      const t = terms[i];
      this.at[i] = p;
      for (const el of t.path) ids[p++] = id(el);
      this.pathLength[i] = t.path.length;
      let flags = 0;
      for (let f = 0; f < FIELDS.length; f++) {
        const v = t[FIELDS[f]];
        if (v === undefined) continue;
        flags |= 1 << f;
        ids[p++] = id(v);
      }
      if (t.cells) {
        flags |= HAS_CELLS;
        for (const [col, code] of Object.entries(t.cells)) {
          ids[p++] = id(col);
          ids[p++] = id(code);
        }
      }
      const s = SOURCES.indexOf(t.source);
      if (s < 0) throw new RangeError(`unknown Index source ${t.source}`);
      this.flags[i] = flags | (s << SOURCE_SHIFT);
      bits |= 1 << s;
      this.line[i] = t.line;
    }
    this.at[n] = p;
    this.bits = bits;
    this.poolEnds = new Uint32Array(strings.length);
    let end = 0;
    for (let i = 0; i < strings.length; i++) this.poolEnds[i] = end += strings[i].length;
    // one flat string: slices of it are made when terms are
    this.pool = strings.join('');
  }

  /** Some term comes from one of these sources. */
  hasSource(sources: ReadonlySet<IndexSource>): boolean {
    for (const s of sources) if (this.bits & (1 << SOURCES.indexOf(s))) return true;
    return false;
  }

  /**
   * The terms as stored, in order: new objects, each with its own path array; within one call every distinct string
   * is made once, so terms share their path elements as the parsed snapshot's did.
   */
  terms(): IndexTerm[] {
    const made: Array<string | undefined> = new Array(this.poolEnds.length);
    const str = (i: number) => {
      let s = made[i];
      if (s === undefined) {
        s = this.pool.slice(i > 0 ? this.poolEnds[i - 1] : 0, this.poolEnds[i]);
        made[i] = s;
      }
      return s;
    };
    const out: IndexTerm[] = new Array(this.n);
    const ids = this.ids;
    for (let i = 0; i < this.n; i++) {
      const path: string[] = [];
      let p = this.at[i];
      for (const end = p + this.pathLength[i]; p < end; p++) path.push(str(ids[p]));
      const t = { path } as IndexTerm;
      const flags = this.flags[i];
      for (let f = 0; f < FIELDS.length; f++) if (flags & (1 << f)) t[FIELDS[f]] = str(ids[p++]);
      if (flags & HAS_CELLS) {
        const cells: Record<string, string> = {};
        for (const end = this.at[i + 1]; p < end; p += 2) cells[str(ids[p])] = str(ids[p + 1]);
        t.cells = cells;
      }
      t.source = SOURCES[flags >> SOURCE_SHIFT];
      t.line = this.line[i];
      out[i] = t;
    }
    return out;
  }
}
