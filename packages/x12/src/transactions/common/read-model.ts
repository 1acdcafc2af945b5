/**
 * Helpers for readers that build large models (a 20,000-claim 837). Young-generation GC copies every object and
 * string that outlives a scavenge, so a read model costs what survives: these keep it small.
 * - Model objects are made by one object literal each, with every key (absent ones `undefined`): V8 then
 *   allocates them straight into old space (allocation-site pretenuring) and never copies them, while objects
 *   grown by assignment, `Object.assign` or a `compact` copy are copied twice.
 * - `listOf` turns a scratch list into an exact-size array made by a literal (same reason), or `undefined`.
 * - `Interner` shares the values that repeat from claim to claim (dates, codes, qualifiers, provider and payer
 *   names) so each is kept once; values that name one person or one claim are left alone.
 */

/** `list` with `item` appended; the list is made on the first item (most lists of a claim stay empty). */
export function add<T>(list: T[] | undefined, item: T): T[] {
  if (list === undefined) return [item];
  list.push(item);
  return list;
}

/** The items as an exact-size array from a literal (1–4 items) or a copy; `undefined` when there are none. */
export function listOf<T>(items: readonly T[] | undefined): T[] | undefined {
  if (items === undefined) return undefined;
  switch (items.length) {
    case 0:
      return undefined;
    case 1:
      return [items[0]!];
    case 2:
      return [items[0]!, items[1]!];
    case 3:
      return [items[0]!, items[1]!, items[2]!];
    case 4:
      return [items[0]!, items[1]!, items[2]!, items[3]!];
    default:
      return items.slice();
  }
}

/** `listOf` for a list that is always present (empty array when there are no items). */
export function listOrEmpty<T>(items: readonly T[] | undefined): T[] {
  return listOf(items) ?? [];
}

/** Bound on the interned values of one reader (memory stays flat for any input). */
const MAX_INTERNED = 1 << 15;

/**
 * One table per reader (pure: no module state): the first copy of a value is kept and handed out again. It also keeps
 * small value objects read from the same raw text (a procedure composite, a diagnosis composite, a date), so the
 * thousands of claims of a batch that bill 99213 on the same day share one object each: fewer objects for the GC to
 * copy. Read models are therefore read-only (DECISIONS.md): change a copy, not a read object.
 */
export class Interner {
  private readonly seen = new Map<string, string>();
  /** value objects by raw text, one map per kind of object (see `objectOf` / `keepObject`) */
  private readonly objects = new Map<string, Map<string, unknown>>();
  /** the map of the kind asked for last (a reader asks for the same few kinds over and over) */
  private lastKind = '';
  private lastMap: Map<string, unknown> | undefined;

  private mapOf(kind: string): Map<string, unknown> | undefined {
    if (kind === this.lastKind) return this.lastMap;
    const m = this.objects.get(kind);
    if (m !== undefined) {
      this.lastKind = kind;
      this.lastMap = m;
    }
    return m;
  }

  /** The object kept for `raw` under `kind`, if any. */
  objectOf<T>(kind: string, raw: string): T | undefined {
    return this.mapOf(kind)?.get(raw) as T | undefined;
  }

  /** Keep `obj` as the object read from `raw` (the table is bounded like the strings'); returns `obj`. */
  keepObject<T>(kind: string, raw: string, obj: T): T {
    let m = this.mapOf(kind);
    if (m === undefined) this.objects.set(kind, (m = new Map()));
    if (m.size < MAX_INTERNED) {
      m.set(raw, obj);
      if (typeof obj === 'object' && obj !== null) this.markKept(obj);
    }
    return obj;
  }

  /** Mark `obj` (kept by its reader under another key) as one `sharedList` may share lists of. */
  markKept(obj: object): void {
    if (this.kept.size < MAX_INTERNED) this.kept.add(obj);
  }

  /** objects handed out by `keepObject` or marked by `markKept` (only lists of these are shared) */
  private readonly kept = new Set<unknown>();
  /** shared lists by their items, a trie on item identity */
  private readonly lists = new Map<unknown, ListNode>();
  private listCount = 0;

  /**
   * `listOf(items)`, the same array for every list of the same kept objects in the same order (the service date of
   * a day's lines, the rendering and referring providers of every claim): one array instead of one per claim.
   * A list holding an object that is not kept is made as `listOf` makes it.
   */
  sharedList<T>(items: readonly T[] | undefined): T[] | undefined {
    if (items === undefined || items.length === 0 || items.length > 4) return listOf(items);
    for (let i = 0; i < items.length; i++) if (!this.kept.has(items[i])) return listOf(items);
    let level = this.lists;
    let node: ListNode | undefined;
    for (let i = 0; i < items.length; i++) {
      node = level.get(items[i]);
      if (node === undefined) {
        if (this.listCount >= MAX_INTERNED) return listOf(items);
        node = { list: undefined, next: undefined };
        level.set(items[i], node);
      }
      if (i < items.length - 1) level = node.next ??= new Map();
    }
    if (node!.list === undefined) {
      node!.list = listOf(items);
      this.listCount++;
    }
    return node!.list as T[];
  }

  /** The shared copy of `value` ('' stays ''). */
  get(value: string): string {
    if (value.length < 2) return value; // V8 keeps one-character strings once already
    const known = this.seen.get(value);
    if (known !== undefined) return known;
    if (this.seen.size < MAX_INTERNED) this.seen.set(value, value);
    return value;
  }

  /** The shared copy, or undefined for '' and undefined (an optional element). */
  opt(value: string | undefined): string | undefined {
    return value === undefined || value === '' ? undefined : this.get(value);
  }
}

interface ListNode {
  list: unknown[] | undefined;
  next: Map<unknown, ListNode> | undefined;
}

/** `x`, or undefined when empty; the shared copy when `t` is given (no closures on hot paths: tsx names each one). */
export function shared(t: Interner | undefined, x: string | undefined): string | undefined {
  return x === undefined || x === '' ? undefined : t ? t.get(x) : x;
}
