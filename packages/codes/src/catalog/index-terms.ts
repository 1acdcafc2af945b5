import type { IndexSource, IndexTerm } from '../import/index-xml.ts';

const SOURCES: readonly IndexSource[] = ['index', 'eindex', 'drug', 'neoplasm'];
/** the optional text fields of a term, in the order a materialized term has them */
const FIELDS = ['nemod', 'code', 'manif', 'see', 'seeAlso'] as const;
const NONE = -1;
/** in the source byte: the term has a `cells` record (perhaps empty) */
const HAS_CELLS = 0x80;

/**
 * Alphabetic Index / Tables terms without a JavaScript object, array or string per term (issue 8: the idle
 * server's memory; ~98,000 terms with the official Index files held ~16 MB of heap as objects): every distinct
 * string (path element, code, see text, table column) once in one pool string with an end offset each, and per term
 * numbers into it (path elements, optional fields, table cells), its source and line in typed arrays. `terms()`
 * makes the `IndexTerm` objects again, equal to those stored, only while a caller needs them (building the search
 * index or the suggester's Index tree).
 */
export class IndexTermTable {
  /** the sources present (a bit per SOURCES entry) */
  private bits = 0;
  private n = 0;
  private pool = '';
  private poolEnds!: Uint32Array;
  private pathAt!: Uint32Array;
  private pathIds!: Uint32Array;
  /** FIELDS.length numbers per term, NONE when absent */
  private fields!: Int32Array;
  private cellAt!: Uint32Array;
  /** column id, code id per cell */
  private cellIds!: Uint32Array;
  private source!: Uint8Array;
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
    const ids = new Map<string, number>();
    const strings: string[] = [];
    const id = (s: string) => {
      let i = ids.get(s);
      if (i === undefined) {
        i = strings.length;
        strings.push(s);
        ids.set(s, i);
      }
      return i;
    };
    let pathCount = 0;
    let cellCount = 0;
    for (const t of terms) {
      pathCount += t.path.length;
      if (t.cells) for (const _ in t.cells) cellCount++;
    }
    this.n = n;
    this.pathAt = new Uint32Array(n + 1);
    this.pathIds = new Uint32Array(pathCount);
    this.fields = new Int32Array(n * FIELDS.length);
    this.cellAt = new Uint32Array(n + 1);
    this.cellIds = new Uint32Array(cellCount * 2);
    this.source = new Uint8Array(n);
    this.line = new Int32Array(n);
    let p = 0;
    let c = 0;
    let bits = 0;
    for (let i = 0; i < n; i++) {
      if ((i & 1023) === 0 && due()) yield;
      const t = terms[i];
      this.pathAt[i] = p;
      for (const el of t.path) this.pathIds[p++] = id(el);
      for (let f = 0; f < FIELDS.length; f++) {
        const v = t[FIELDS[f]];
        this.fields[i * FIELDS.length + f] = v === undefined ? NONE : id(v);
      }
      this.cellAt[i] = c;
      if (t.cells)
        for (const [col, code] of Object.entries(t.cells)) {
          this.cellIds[c++] = id(col);
          this.cellIds[c++] = id(code);
        }
      const s = SOURCES.indexOf(t.source);
      if (s < 0) throw new RangeError(`unknown Index source ${t.source}`);
      this.source[i] = s | (t.cells ? HAS_CELLS : 0);
      bits |= 1 << s;
      this.line[i] = t.line;
    }
    this.pathAt[n] = p;
    this.cellAt[n] = c;
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
    for (let i = 0; i < this.n; i++) {
      const path: string[] = [];
      for (let p = this.pathAt[i]; p < this.pathAt[i + 1]; p++) path.push(str(this.pathIds[p]));
      const t = { path } as IndexTerm;
      for (let f = 0; f < FIELDS.length; f++) {
        const v = this.fields[i * FIELDS.length + f];
        if (v !== NONE) t[FIELDS[f]] = str(v);
      }
      if (this.source[i] & HAS_CELLS) {
        const cells: Record<string, string> = {};
        for (let c = this.cellAt[i]; c < this.cellAt[i + 1]; c += 2)
          cells[str(this.cellIds[c])] = str(this.cellIds[c + 1]);
        t.cells = cells;
      }
      t.source = SOURCES[this.source[i] & ~HAS_CELLS];
      t.line = this.line[i];
      out[i] = t;
    }
    return out;
  }
}
