/**
 * Issue 8 items 4 and 6: screening judges a received file on its bytes, a piece at a time (the server's thread gives
 * the event loop back between pieces, and never decodes the whole file), with the verdict screening the whole file
 * at once gives: a character cut by a piece's end is no error, a bad sequence or a NUL anywhere is found and named.
 */
import { describe, expect, it } from 'vitest';
import { screenBytes, screenBytesYielding } from './inspect-inbound.ts';

const MB = 1024 * 1024;
const ISA =
  'ISA*00*          *00*          *ZZ*SENDER         *ZZ*RECEIVER       *260115*1200*^*00501*000000001*0*P*:~';

/** an X12-looking file of `size` bytes, its filler ASCII, with `put` written at `at` */
function file(size: number, at?: number, put?: number[]): Uint8Array {
  const b = new Uint8Array(size).fill(0x41);
  b.set(new TextEncoder().encode(ISA));
  if (at !== undefined && put) b.set(put, at);
  return b;
}

async function both(bytes: Uint8Array) {
  const once = screenBytes(bytes);
  expect(await screenBytesYielding(bytes)).toEqual(once);
  return once;
}

describe('screening an inbound file by its bytes', () => {
  it('passes UTF-8 text whose characters straddle the 4 MB pieces, and gives only its head as text', async () => {
    // "é" (C3 A9) and "€" (E2 82 AC) across the first piece's end, "😀" (4 bytes) across the second's
    for (const [at, put] of [
      [4 * MB - 1, [0xc3, 0xa9]],
      [4 * MB - 2, [0xe2, 0x82, 0xac]],
      [8 * MB - 3, [0xf0, 0x9f, 0x98, 0x80]],
    ] as Array<[number, number[]]>) {
      const v = await both(file(9 * MB, at, put));
      expect(v.ok).toBe(true);
      if (v.ok) expect(v.head.length).toBe(64 * 1024);
    }
  });

  it('finds a bad UTF-8 sequence or a NUL in a later piece, and names the NUL’s byte', async () => {
    // a lead byte with no continuation, at a piece's end and deep in the file; a stray continuation byte
    for (const [at, put] of [
      [4 * MB - 1, [0xc3]],
      [6 * MB, [0xe2, 0x41]],
      [7 * MB, [0x80]],
    ] as Array<[number, number[]]>)
      expect(await both(file(9 * MB, at, put))).toMatchObject({ ok: false, code: 'not_text', reason: /UTF-8/ });
    expect(await both(file(9 * MB, 5_000_000, [0]))).toMatchObject({
      ok: false,
      code: 'not_text',
      reason: 'a NUL byte at byte 5000001: a binary file, not X12 text',
    });
    // a NUL is named before bad UTF-8 earlier in the file, as screening the whole file at once did
    const b = file(9 * MB, MB, [0xff]);
    b[8 * MB] = 0;
    expect((await both(b)) as { reason: string }).toMatchObject({ reason: /NUL byte at byte 8388609/ });
  });
});
