/**
 * A long text statement parameter (a received 835 stored in edi_file.content: up to 50 MB) carried between threads as
 * its UTF-8 bytes, moved rather than copied: structured-cloning a 50 MB string held the sending and the receiving
 * thread for 0.3–0.9 s each on a busy machine (issue 8 item 4). The posting worker sends one so; the server's thread
 * hands it on to the database as the database takes it best, without copying it or turning it into a string itself.
 * The other way, the PGlite thread answers the posting worker's statements with long text as bytes too, which the
 * server's thread moves on to the worker (a released or matched 835 read back from edi_file).
 */
export interface BigText {
  $utf8: Uint8Array;
}

/** from this length on, a text parameter travels as bytes */
export const BIG_TEXT_CHARS = 64_000;

export const isBigText = (x: unknown): x is BigText =>
  typeof x === 'object' && x !== null && (x as BigText).$utf8 instanceof Uint8Array;

/** bytes whose buffer can be moved to another thread (not a view into a shared pool) */
export const ownsBuffer = (b: Uint8Array) => b.byteOffset === 0 && b.byteLength === b.buffer.byteLength;

/** How each database takes a BigText: handed on as is to the PGlite thread, as a Buffer to node-postgres. */
const carriers = new WeakMap<object, 'as-is' | 'buffer'>();

export function carriesBigText(db: object, how: 'as-is' | 'buffer'): void {
  carriers.set(db, how);
}

/** The parameter as `db` takes it: the marker (PGlite thread), a Buffer (PostgreSQL: sent as is), or the text. */
export function bigTextFor(db: object, p: BigText): unknown {
  const how = carriers.get(db);
  if (how === 'as-is') return p;
  if (how === 'buffer') return Buffer.from(p.$utf8.buffer, p.$utf8.byteOffset, p.$utf8.byteLength);
  return new TextDecoder().decode(p.$utf8);
}

/**
 * Statements whose long text values come back as BigText bytes, moved, where the database can (the PGlite thread):
 * the posting worker's, run by this thread only to hand their rows on, so a stored 835 read back is never a string
 * here. Anything else gets text as usual.
 */
const bytesWanted = new WeakSet<object>();

export function wantBigTextAsBytes<Q extends object>(query: Q): Q {
  bytesWanted.add(query);
  return query;
}

export const wantsBigTextAsBytes = (query: object): boolean => bytesWanted.has(query);

/** Long strings among `rows`' values as BigText (UTF-8 bytes), and the buffers to move with them. */
export function longTextAsBytes(rows: unknown[]): ArrayBuffer[] {
  const moved: ArrayBuffer[] = [];
  for (const row of rows) {
    if (typeof row !== 'object' || row === null) continue;
    const r = row as Record<string, unknown>;
    for (const [k, v] of Object.entries(r))
      if (typeof v === 'string' && v.length >= BIG_TEXT_CHARS) {
        const $utf8 = new TextEncoder().encode(v);
        r[k] = { $utf8 } satisfies BigText;
        moved.push($utf8.buffer as ArrayBuffer);
      }
  }
  return moved;
}

/** The buffers of the BigText values among `rows`' values (to move them on), and their long strings' characters. */
export function bigTextsIn(rows: unknown[]): { moved: ArrayBuffer[]; textChars: number } {
  const moved: ArrayBuffer[] = [];
  let textChars = 0;
  for (const row of rows) {
    if (typeof row !== 'object' || row === null) continue;
    for (const v of Object.values(row))
      if (isBigText(v)) {
        if (ownsBuffer(v.$utf8)) moved.push(v.$utf8.buffer as ArrayBuffer);
      } else if (typeof v === 'string' && v.length >= BIG_TEXT_CHARS) textChars += v.length;
  }
  return { moved, textChars };
}

/** BigText values among `rows`' values as text again (on the thread that uses them). */
export function bigTextsAsText(rows: unknown[]): void {
  for (const row of rows) {
    if (typeof row !== 'object' || row === null) continue;
    const r = row as Record<string, unknown>;
    for (const [k, v] of Object.entries(r)) if (isBigText(v)) r[k] = new TextDecoder().decode(v.$utf8);
  }
}
