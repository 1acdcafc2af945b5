/**
 * A long text statement parameter (a received 835 stored in edi_file.content: up to 50 MB) carried between threads as
 * its UTF-8 bytes, moved rather than copied: structured-cloning a 50 MB string held the sending and the receiving
 * thread for 0.3–0.9 s each on a busy machine (issue 8 item 4). The posting worker sends one so; the server's thread
 * hands it on to the database as the database takes it best, without copying it or turning it into a string itself.
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
