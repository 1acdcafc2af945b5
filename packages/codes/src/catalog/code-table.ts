import type { CodeEntry } from '../types.ts';

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** flags per entry */
const BILLABLE = 1;
/** the short title is the long title (stored once) */
const SHORT_IS_LONG = 2;
/** a later entry with the same code: the code's map value, but its place in the map is the first one's */
const LATER_TWIN = 4;

interface StoredParts {
  ascii: boolean;
  slots: Int32Array;
  distinct: number;
}

/** A table's arrays and counts, as a snapshot file stores them. */
export interface TableParts extends StoredParts {
  length: number;
  bytes: Uint8Array;
  at: Uint32Array;
  flags: Uint8Array;
}

/** One code's fields as a snapshot row carries them; `extra` is the JSON of [effectiveFrom, effectiveTo, attrs]. */
export interface CodeFields {
  code: string;
  billable: boolean;
  /** undefined when the same as the long title */
  shortTitle: string | undefined;
  longTitle: string;
  extra: string | undefined;
}

/** The JSON kept for an entry's rare fields (per-code dates, published attributes), or undefined when it has none. */
export function extraOf(e: CodeEntry): string | undefined {
  if (e.effectiveFrom === undefined && e.effectiveTo === undefined && e.attrs === undefined) return undefined;
  return JSON.stringify([e.effectiveFrom ?? null, e.effectiveTo ?? null, e.attrs ?? null]);
}

/**
 * A code release's entries without a JavaScript object or string per code (issue 8: the idle server's memory with
 * every official set loaded): each entry's code, titles and rare fields as UTF-8 in one byte array, four offsets and a
 * flag byte per entry, and an open-addressing hash table of entry numbers for lookups. A `CodeEntry` (and its
 * strings) is made only when a caller asks for one, equal to the entry that was stored (same fields, same order).
 * Iterating gives every entry in stored order, as the release's entry list did; `map` is the code -> entry view.
 */
export class CodeTable implements Iterable<CodeEntry> {
  readonly length: number;
  /** distinct codes */
  readonly distinct: number;
  private readonly bytes: Uint8Array;
  /** per entry i: at[4i] code, at[4i+1] long title, at[4i+2] short title, at[4i+3] extra; at[4i+4] its end */
  private readonly at: Uint32Array;
  private readonly flags: Uint8Array;
  /** entry number + 1 (0 = empty); the last entry of a code wins, as in a Map built from the list */
  private readonly slots: Int32Array;
  private readonly ascii: boolean;
  /**
   * Another release's table (shareWith): entry i with `ref[i] = j >= 0` stores exactly what the base's entry j stores
   * (code, titles, rare fields), read from the base's bytes; `ref[i] = -1 - o` is the table's own o-th text, its
   * offsets at `at[4o]`. Flags are its own.
   */
  private readonly base?: CodeTable;
  private readonly ref?: Int32Array;
  private view?: CodeMap;

  private constructor(
    bytes: Uint8Array,
    at: Uint32Array,
    flags: Uint8Array,
    length: number,
    stored?: StoredParts,
    shared?: { base: CodeTable; ref: Int32Array },
  ) {
    this.bytes = bytes;
    this.at = at;
    this.flags = flags;
    this.length = length;
    this.base = shared?.base;
    this.ref = shared?.ref;
    if (stored) {
      // as written by parts(): nothing to compute
      this.ascii = stored.ascii;
      this.slots = stored.slots;
      this.distinct = stored.distinct;
      return;
    }
    let ascii = true;
    for (let i = 0; i < bytes.length; i++)
      if (bytes[i] > 127) {
        ascii = false;
        break;
      }
    this.ascii = ascii;
    let size = 1;
    while (size < length * 2) size <<= 1;
    this.slots = new Int32Array(size);
    let distinct = 0;
    for (let i = 0; i < length; i++) {
      const slot = this.slotOfEntry(i);
      const was = this.slots[slot];
      if (was) flags[i] |= LATER_TWIN;
      else distinct++;
      this.slots[slot] = i + 1;
    }
    this.distinct = distinct;
  }

  static fromEntries(entries: Iterable<CodeEntry>): CodeTable {
    if (entries instanceof CodeTable) return entries;
    const b = new CodeTableBuilder();
    for (const e of entries)
      b.add({
        code: e.code,
        billable: e.billable,
        shortTitle: e.shortTitle === e.longTitle ? undefined : e.shortTitle,
        longTitle: e.longTitle,
        extra: extraOf(e),
      });
    return b.finish();
  }

  /** @internal the builder's result */
  static of(bytes: Uint8Array, at: Uint32Array, flags: Uint8Array, length: number): CodeTable {
    return new CodeTable(bytes, at, flags, length);
  }

  /** Everything the table is, for a snapshot file: `fromParts` gives the same table back without computing. */
  parts(): TableParts {
    if (this.base) return this.unshared().parts();
    return {
      length: this.length,
      distinct: this.distinct,
      ascii: this.ascii,
      bytes: this.bytes,
      at: this.at,
      flags: this.flags,
      slots: this.slots,
    };
  }

  /** The table `parts()` described (views over a snapshot file's bytes are kept as they are). */
  static fromParts(p: TableParts): CodeTable {
    if (p.at.length !== 4 * p.length + 1 || p.flags.length !== p.length || p.at[4 * p.length] !== p.bytes.length)
      throw new RangeError('code table parts do not fit together');
    if (p.slots.length === 0 || (p.slots.length & (p.slots.length - 1)) !== 0 || p.slots.length < p.length)
      throw new RangeError('code table slots are not a power of two above the entry count');
    return new CodeTable(p.bytes, p.at, p.flags, p.length, p);
  }

  /** Bytes held (for memory figures; a shared base's bytes are not counted). */
  get byteSize(): number {
    const own = this.bytes.byteLength + this.at.byteLength + this.flags.byteLength + this.slots.byteLength;
    return own + (this.ref?.byteLength ?? 0);
  }

  /** Some entries' text is read from another release's table (shareWith). */
  get isShared(): boolean {
    return this.base !== undefined;
  }

  /** Entries whose text is read from another release's table (0 when the table stands alone). */
  get sharedEntries(): number {
    let n = 0;
    if (this.ref) for (let i = 0; i < this.length; i++) if (this.ref[i] >= 0) n++;
    return n;
  }

  /**
   * This table with the text of every entry that `base` stores identically (same code, titles and rare fields) read
   * from the base's bytes instead of its own: a fiscal year's release repeats nearly every row of the year before
   * (issue 8: FY2025 beside FY2026 held ~11 MB twice). Answers exactly as this table does (its own flags, order,
   * twins and hash slots are kept). Gives this table itself when the base is shared too, or shares too little.
   */
  shareWith(base: CodeTable): CodeTable {
    if (this.base || base.base || base === this || this.length === 0) return this;
    const n = this.length;
    const at = this.at;
    const ref = new Int32Array(n);
    let m = 0;
    let ownBytes = 0;
    for (let i = 0; i < n; i++) {
      const j = base.indexOfCodeBytes(this.bytes, at[4 * i], at[4 * i + 1]);
      if (j >= 0 && this.sameText(i, base, j)) ref[i] = j;
      else {
        ref[i] = -1 - m++;
        ownBytes += at[4 * i + 4] - at[4 * i];
      }
    }
    if (n - m < n / 10) return this;
    const bytes = new Uint8Array(ownBytes);
    const own = new Uint32Array(4 * m + 1);
    let used = 0;
    for (let i = 0, o = 0; i < n; i++) {
      if (ref[i] >= 0) continue;
      const from = at[4 * i];
      for (let k = 0; k < 4; k++) own[4 * o + k] = used + at[4 * i + k] - from;
      bytes.set(this.bytes.subarray(from, at[4 * i + 4]), used);
      used += at[4 * i + 4] - from;
      o++;
    }
    own[4 * m] = used;
    // copies, so the snapshot file's buffer these may be views of is not held
    const stored = { ascii: this.ascii, slots: this.slots.slice(), distinct: this.distinct };
    return new CodeTable(bytes, own, this.flags.slice(), n, stored, { base, ref });
  }

  /** The same table holding all of its text itself (what a snapshot file stores). */
  private unshared(): CodeTable {
    const b = new CodeTableBuilder();
    for (let i = 0; i < this.length; i++) b.add(this.fieldsAt(i));
    return b.finish();
  }

  /** Entry i of this table stores the same four fields, byte for byte, as the other table's entry j. */
  private sameText(i: number, other: CodeTable, j: number): boolean {
    const a = this.at;
    const b = other.at;
    for (let k = 0; k < 4; k++) if (a[4 * i + k + 1] - a[4 * i + k] !== b[4 * j + k + 1] - b[4 * j + k]) return false;
    const x = this.bytes;
    const y = other.bytes;
    const len = a[4 * i + 4] - a[4 * i];
    for (let k = 0, p = a[4 * i], q = b[4 * j]; k < len; k++) if (x[p + k] !== y[q + k]) return false;
    return true;
  }

  /** The entry number lookups of the code in `key[from, to)` answer with, for a table whose text is its own. */
  private indexOfCodeBytes(key: Uint8Array, from: number, to: number): number {
    const slots = this.slots;
    const mask = slots.length - 1;
    for (let s = hashBytes(key, from, to) & mask; ; s = (s + 1) & mask) {
      const v = slots[s];
      if (v === 0) return -1;
      const f = this.at[4 * (v - 1)];
      if (this.at[4 * (v - 1) + 1] - f !== to - from) continue;
      const b = this.bytes;
      let k = 0;
      while (k < to - from && b[f + k] === key[from + k]) k++;
      if (k === to - from) return v - 1;
    }
  }

  /** The text of field k (0 code, 1 long title, 2 short title, 3 rare fields) of entry i, wherever it is stored. */
  private field(i: number, k: number): string {
    const r = this.ref ? this.ref[i] : -1 - i;
    if (r >= 0) return this.base!.field(r, k);
    const o = -1 - r;
    return this.text(this.at[4 * o + k], this.at[4 * o + k + 1]);
  }

  private text(from: number, to: number): string {
    if (from === to) return '';
    const b = this.bytes;
    if (this.ascii && to - from <= 16) {
      let s = '';
      for (let i = from; i < to; i++) s += String.fromCharCode(b[i]);
      return s;
    }
    return decoder.decode(b.subarray(from, to));
  }

  codeAt(i: number): string {
    return this.field(i, 0);
  }

  longTitleAt(i: number): string {
    return this.field(i, 1);
  }

  shortTitleAt(i: number): string {
    return this.flags[i] & SHORT_IS_LONG ? this.longTitleAt(i) : this.field(i, 2);
  }

  billableAt(i: number): boolean {
    return (this.flags[i] & BILLABLE) !== 0;
  }

  /** The stored fields of entry i, as a snapshot row keeps them. */
  fieldsAt(i: number): CodeFields {
    const extra = this.field(i, 3);
    return {
      code: this.codeAt(i),
      billable: this.billableAt(i),
      shortTitle: this.flags[i] & SHORT_IS_LONG ? undefined : this.field(i, 2),
      longTitle: this.longTitleAt(i),
      extra: extra === '' ? undefined : extra,
    };
  }

  entryAt(i: number): CodeEntry {
    const longTitle = this.longTitleAt(i);
    const e: CodeEntry = {
      code: this.codeAt(i),
      billable: (this.flags[i] & BILLABLE) !== 0,
      shortTitle: this.flags[i] & SHORT_IS_LONG ? longTitle : this.field(i, 2),
      longTitle,
    };
    const extra = this.field(i, 3);
    if (extra !== '') {
      const [from, to, attrs] = JSON.parse(extra) as [string | null, string | null, Record<string, string> | null];
      if (from !== null) e.effectiveFrom = from;
      if (to !== null) e.effectiveTo = to;
      if (attrs !== null) e.attrs = attrs;
    }
    return e;
  }

  /** The entry number the code's lookups answer with (its last entry), or -1. */
  indexOf(code: string): number {
    const slots = this.slots;
    const mask = slots.length - 1;
    let ascii = true;
    let h = 0x811c9dc5;
    for (let k = 0; k < code.length; k++) {
      const c = code.charCodeAt(k);
      if (c > 127) {
        ascii = false;
        break;
      }
      h = Math.imul(h ^ c, 0x01000193);
    }
    const key = ascii ? undefined : encoder.encode(code);
    if (key) h = hashBytes(key, 0, key.length);
    for (let s = h & mask; ; s = (s + 1) & mask) {
      const v = slots[s];
      if (v === 0) return -1;
      if (key ? this.sameBytes(v - 1, key) : this.sameAscii(v - 1, code)) return v - 1;
    }
  }

  /** Entry numbers whose code starts with `prefix` (ASCII), in stored order: a scan of bytes, no string per code. */
  entriesStartingWith(prefix: string): number[] {
    const out: number[] = [];
    const len = prefix.length;
    for (let i = 0; i < this.length; i++) {
      const r = this.ref ? this.ref[i] : -1 - i;
      const t: CodeTable = r >= 0 ? this.base! : this;
      const j = r >= 0 ? r : -1 - r;
      const f = t.at[4 * j];
      if (t.at[4 * j + 1] - f < len) continue;
      const b = t.bytes;
      let k = 0;
      while (k < len && b[f + k] === prefix.charCodeAt(k)) k++;
      if (k === len) out.push(i);
    }
    return out;
  }

  get(code: string): CodeEntry | undefined {
    const i = this.indexOf(code);
    return i < 0 ? undefined : this.entryAt(i);
  }

  has(code: string): boolean {
    return this.indexOf(code) >= 0;
  }

  *[Symbol.iterator](): Generator<CodeEntry, undefined> {
    for (let i = 0; i < this.length; i++) yield this.entryAt(i);
    return undefined;
  }

  /** As JSON, the entry list it stands for (what a release's `entries` array gave before). */
  toJSON(): CodeEntry[] {
    return Array.from(this);
  }

  /** code -> entry, as a Map built from the entry list answers (one view, made once). */
  get map(): CodeMap {
    this.view ??= new CodeMap(this);
    return this.view;
  }

  /** @internal entries whose code is not repeated earlier (a Map's keys, in its order) */
  isFirstOfCode(i: number): boolean {
    return (this.flags[i] & LATER_TWIN) === 0;
  }

  private slotOfEntry(i: number): number {
    const from = this.at[4 * i];
    const to = this.at[4 * i + 1];
    const mask = this.slots.length - 1;
    for (let s = hashBytes(this.bytes, from, to) & mask; ; s = (s + 1) & mask) {
      const v = this.slots[s];
      if (v === 0 || this.sameCode(v - 1, from, to)) return s;
    }
  }

  private sameCode(j: number, from: number, to: number): boolean {
    const f = this.at[4 * j];
    if (this.at[4 * j + 1] - f !== to - from) return false;
    const b = this.bytes;
    for (let k = 0; k < to - from; k++) if (b[f + k] !== b[from + k]) return false;
    return true;
  }

  private sameAscii(j: number, code: string): boolean {
    const r = this.ref ? this.ref[j] : -1 - j;
    if (r >= 0) return this.base!.sameAscii(r, code);
    const o = -1 - r;
    const f = this.at[4 * o];
    if (this.at[4 * o + 1] - f !== code.length) return false;
    const b = this.bytes;
    for (let k = 0; k < code.length; k++) if (b[f + k] !== code.charCodeAt(k)) return false;
    return true;
  }

  private sameBytes(j: number, key: Uint8Array): boolean {
    const r = this.ref ? this.ref[j] : -1 - j;
    if (r >= 0) return this.base!.sameBytes(r, key);
    const o = -1 - r;
    const f = this.at[4 * o];
    if (this.at[4 * o + 1] - f !== key.length) return false;
    const b = this.bytes;
    for (let k = 0; k < key.length; k++) if (b[f + k] !== key[k]) return false;
    return true;
  }
}

function hashBytes(b: Uint8Array, from: number, to: number): number {
  let h = 0x811c9dc5;
  for (let k = from; k < to; k++) h = Math.imul(h ^ b[k], 0x01000193);
  return h;
}

/** Appends entries' fields; `finish` gives the table (the arrays trimmed to what they hold). */
export class CodeTableBuilder {
  private bytes = new Uint8Array(1 << 16);
  private used = 0;
  private at = new Uint32Array(1024);
  private flags = new Uint8Array(256);
  private n = 0;

  private put(s: string): void {
    if (this.used + s.length * 3 > this.bytes.length) {
      const next = new Uint8Array(Math.max(this.bytes.length * 2, this.used + s.length * 3));
      next.set(this.bytes.subarray(0, this.used));
      this.bytes = next;
    }
    this.used += encoder.encodeInto(s, this.bytes.subarray(this.used)).written;
  }

  add(f: CodeFields): void {
    const i = this.n++;
    if (4 * i + 5 > this.at.length) {
      const next = new Uint32Array(this.at.length * 2);
      next.set(this.at);
      this.at = next;
    }
    if (i >= this.flags.length) {
      const next = new Uint8Array(this.flags.length * 2);
      next.set(this.flags);
      this.flags = next;
    }
    const at = this.at;
    at[4 * i] = this.used;
    this.put(f.code);
    at[4 * i + 1] = this.used;
    this.put(f.longTitle);
    at[4 * i + 2] = this.used;
    if (f.shortTitle !== undefined) this.put(f.shortTitle);
    at[4 * i + 3] = this.used;
    if (f.extra !== undefined) this.put(f.extra);
    at[4 * i + 4] = this.used;
    this.flags[i] = (f.billable ? BILLABLE : 0) | (f.shortTitle === undefined ? SHORT_IS_LONG : 0);
  }

  finish(): CodeTable {
    const n = this.n;
    const table = CodeTable.of(this.bytes.slice(0, this.used), this.at.slice(0, 4 * n + 1), this.flags.slice(0, n), n);
    this.bytes = new Uint8Array(0);
    this.at = new Uint32Array(1);
    this.flags = new Uint8Array(0);
    this.n = 0;
    this.used = 0;
    return table;
  }
}

/** code -> entry over a CodeTable, answering as `new Map(entries.map((e) => [e.code, e]))` did. */
export class CodeMap implements ReadonlyMap<string, CodeEntry> {
  constructor(readonly table: CodeTable) {}

  get size(): number {
    return this.table.distinct;
  }

  /** As JSON, what a Map gives: an empty object. */
  toJSON(): Record<string, never> {
    return {};
  }

  get(code: string): CodeEntry | undefined {
    return this.table.get(code);
  }

  has(code: string): boolean {
    return this.table.has(code);
  }

  /** the entry number of each key, in the map's order: the last entry of a code, at its first entry's place */
  private *places(): Generator<number, undefined> {
    const t = this.table;
    const twins = t.distinct !== t.length;
    for (let i = 0; i < t.length; i++) {
      if (!t.isFirstOfCode(i)) continue;
      yield twins ? t.indexOf(t.codeAt(i)) : i;
    }
    return undefined;
  }

  *keys(): MapIterator<string> {
    for (const i of this.places()) yield this.table.codeAt(i);
    return undefined;
  }

  *values(): MapIterator<CodeEntry> {
    for (const i of this.places()) yield this.table.entryAt(i);
    return undefined;
  }

  *entries(): MapIterator<[string, CodeEntry]> {
    for (const i of this.places()) {
      const e = this.table.entryAt(i);
      yield [e.code, e];
    }
    return undefined;
  }

  [Symbol.iterator](): MapIterator<[string, CodeEntry]> {
    return this.entries();
  }

  forEach(fn: (value: CodeEntry, key: string, map: ReadonlyMap<string, CodeEntry>) => void, thisArg?: unknown): void {
    for (const [k, v] of this.entries()) fn.call(thisArg, v, k, this);
  }
}
