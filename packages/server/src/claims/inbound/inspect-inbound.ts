/**
 * Before a received file is stored or applied: is it X12 text, and is it addressed to us? A file that is not is
 * quarantined with the reason (quarantine.ts) instead of failing the poll for every file after it (issue 8 item 6),
 * and a file whose interchange or group receiver (ISA08, GS03) is not this clearinghouse's submitter id is not
 * applied to this tenant's claims (issue 8 item 2).
 */

import { isUtf8 } from 'node:buffer';
import { setImmediate as yieldNow } from 'node:timers/promises';

type Refusal = { ok: false; code: 'not_text' | 'not_x12' | 'other_receiver'; reason: string };

export type InboundVerdict = { ok: true; text: string } | Refusal;

/** A file that passed screening: its first bytes as text (enough to sniff its kind and read its envelope). */
export type ScreenVerdict = { ok: true; head: string } | Refusal;

/** how much of a file screening turns into text: the interchange header, the group header and the first segments */
export const HEAD_BYTES = 64 * 1024;

/** the bytes screening looks at before it gives the event loop back (a few milliseconds) */
const PIECE_BYTES = 4 * 1024 * 1024;

/**
 * Why these bytes are not X12 text, or their head. Checked on the bytes as they are (a NUL, UTF-16, invalid UTF-8),
 * never by decoding the whole file: a 50 MB 835 is turned into text only where it is read (the posting worker), not
 * on the server's thread (issue 8 item 4). Steps at each piece of PIECE_BYTES, so a caller can yield there.
 */
function* screening(bytes: Uint8Array): Generator<void, ScreenVerdict> {
  if (bytes.length === 0) return { ok: false, code: 'not_x12', reason: 'the file is empty' };
  // a byte-order mark, or text whose every other byte is zero ("I\0S\0A\0" little-endian, "\0I\0S\0A" big)
  const alternating = (zeroAt: 0 | 1) =>
    bytes.length >= 6 && [0, 2, 4].every((i) => bytes[i + zeroAt] === 0 && bytes[i + 1 - zeroAt] !== 0);
  const utf16 =
    (bytes[0] === 0xff && bytes[1] === 0xfe) ||
    (bytes[0] === 0xfe && bytes[1] === 0xff) ||
    alternating(1) ||
    alternating(0);
  if (utf16)
    return {
      ok: false,
      code: 'not_text',
      reason: 'UTF-16 text: X12 files are single-byte (ASCII) text; ask the sender for an ASCII file',
    };
  // pieces end where a character starts (never on a UTF-8 continuation byte), so each piece of valid UTF-8 is valid
  // UTF-8 and a sequence cut short is caught in its piece
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const pieces: Array<[number, number]> = [];
  for (let from = 0; from < buf.length; ) {
    let to = Math.min(buf.length, from + PIECE_BYTES);
    while (to < buf.length && to > from + 1 && (buf[to] & 0xc0) === 0x80) to--;
    pieces.push([from, to]);
    from = to;
  }
  // the first NUL anywhere, as a binary file's reason (Buffer's indexOf is memchr; a Uint8Array's is much slower)
  for (const [from, to] of pieces) {
    const nul = buf.subarray(from, to).indexOf(0);
    if (nul >= 0)
      return {
        ok: false,
        code: 'not_text',
        reason: `a NUL byte at byte ${from + nul + 1}: a binary file, not X12 text`,
      };
    yield;
  }
  for (const [from, to] of pieces) {
    if (!isUtf8(buf.subarray(from, to)))
      return { ok: false, code: 'not_text', reason: 'not ASCII or UTF-8 text (a binary file?)' };
    yield;
  }
  // a character cut at the end of the head decodes as U+FFFD: the head is only looked at, never stored
  const head = new TextDecoder().decode(bytes.subarray(0, HEAD_BYTES));
  const start = head.replace(/^\uFEFF/, '').trimStart();
  if (!start.startsWith('ISA'))
    return {
      ok: false,
      code: 'not_x12',
      reason: `not an X12 interchange: it starts with ${JSON.stringify(start.slice(0, 12))}, not ISA`,
    };
  return { ok: true, head };
}

/** Why these bytes are not X12 text, or their head (at once). */
export function screenBytes(bytes: Uint8Array): ScreenVerdict {
  const steps = screening(bytes);
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

/** As screenBytes, giving the event loop back after each piece of a large file (the server's thread). */
export async function screenBytesYielding(bytes: Uint8Array): Promise<ScreenVerdict> {
  const steps = screening(bytes);
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
    await yieldNow();
  }
}

/** Why these bytes are not X12 text, or the whole text. */
export function inspectText(bytes: Uint8Array): InboundVerdict {
  const screened = screenBytes(bytes);
  return screened.ok ? { ok: true, text: new TextDecoder().decode(bytes) } : screened;
}

/** ISA08 and the first GS03 of an interchange, read from its own delimiters. */
export function envelopeReceivers(text: string): { isa08?: string; gs03?: string } {
  const start = text.replace(/^\uFEFF/, '').trimStart();
  if (start.length < 106) return {};
  const element = start[3];
  const terminator = start[105];
  const isa = start.slice(0, 105).split(element);
  // the GS is the next segment (a TA1 may come first): look at the few after the ISA
  const next = start.slice(106, 106 + 2000).split(terminator, 4);
  const gs =
    next
      .map((x) => x.trim())
      .find((x) => x.startsWith(`GS${element}`))
      ?.split(element) ?? [];
  return { isa08: isa[8]?.trim(), gs03: gs[3]?.trim() };
}

/**
 * Is the file addressed to `submitterId` (our id as the clearinghouse knows us: what we send as ISA06/GS02, and what
 * its answers carry back as ISA08/GS03)? Either receiver matching is enough; without a submitter id there is nothing
 * to check against.
 */
export function addressedTo(text: string, submitterId: string | null | undefined): { ok: true } | Refusal {
  const ours = submitterId?.trim().toUpperCase();
  if (!ours) return { ok: true };
  const { isa08, gs03 } = envelopeReceivers(text);
  if (isa08?.toUpperCase() === ours || gs03?.toUpperCase() === ours) return { ok: true };
  return {
    ok: false,
    code: 'other_receiver',
    reason: `addressed to ${isa08 ? `"${isa08}" (ISA08)` : 'no one (no ISA08)'}${gs03 ? ` / "${gs03}" (GS03)` : ''}, not to our submitter id "${submitterId}": not applied to this tenant's claims`,
  };
}

/** Both checks, in order: text, then receiver (read from the head); the event loop is given back as it goes. */
export async function inspectInbound(
  bytes: Uint8Array,
  submitterId: string | null | undefined,
): Promise<ScreenVerdict> {
  const screened = await screenBytesYielding(bytes);
  if (!screened.ok) return screened;
  const to = addressedTo(screened.head, submitterId);
  return to.ok ? screened : to;
}
