/**
 * TOTP (RFC 6238) over HOTP (RFC 4226): 30-second steps, 6 digits, HMAC-SHA-1 — what authenticator
 * apps expect from an otpauth:// URI without parameters. Seeds are 20 random bytes (160 bits, RFC 4226 §4).
 */
import crypto from 'node:crypto';

export const TOTP_STEP_SECONDS = 30;
export const TOTP_DIGITS = 6;
/** steps either side of now that are still accepted (clock drift of the phone) */
export const TOTP_DRIFT_STEPS = 1;
const SEED_BYTES = 20;

const B32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

export function base32Encode(buf: Uint8Array): string {
  let bits = 0;
  let value = 0;
  let out = '';
  for (const byte of buf) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += B32[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += B32[(value << (5 - bits)) & 31];
  return out;
}

export function base32Decode(text: string): Buffer {
  const clean = text.toUpperCase().replace(/[\s=-]/g, '');
  const bytes: number[] = [];
  let bits = 0;
  let value = 0;
  for (const ch of clean) {
    const v = B32.indexOf(ch);
    if (v < 0) throw new Error('Not base32');
    value = (value << 5) | v;
    bits += 5;
    if (bits >= 8) {
      bytes.push((value >>> (bits - 8)) & 255);
      bits -= 8;
    }
  }
  return Buffer.from(bytes);
}

export type TotpAlgorithm = 'sha1' | 'sha256' | 'sha512';

/** HOTP value of one counter (RFC 4226 §5.3, dynamic truncation). */
export function hotp(
  key: Uint8Array,
  counter: number,
  digits = TOTP_DIGITS,
  algorithm: TotpAlgorithm = 'sha1',
): string {
  const msg = Buffer.alloc(8);
  msg.writeBigUInt64BE(BigInt(counter));
  const h = crypto.createHmac(algorithm, key).update(msg).digest();
  const off = h[h.length - 1] & 0xf;
  const bin = ((h[off] & 0x7f) << 24) | (h[off + 1] << 16) | (h[off + 2] << 8) | h[off + 3];
  return String(bin % 10 ** digits).padStart(digits, '0');
}

export const stepAt = (unixMs: number) => Math.floor(unixMs / 1000 / TOTP_STEP_SECONDS);

/** The code of the step that holds `unixMs`. */
export function totp(
  key: Uint8Array,
  unixMs: number,
  opts: { digits?: number; algorithm?: TotpAlgorithm } = {},
): string {
  return hotp(key, stepAt(unixMs), opts.digits ?? TOTP_DIGITS, opts.algorithm ?? 'sha1');
}

export type TotpCheck = { ok: true; step: number } | { ok: false; reason: 'wrong' | 'replay' };

/**
 * Checks a code against now ±1 step. A code of a step at or before `lastUsedStep` (the last one
 * accepted) is refused as a replay, so each code works once (SECURITY.md B2, ASVS 6.5.1).
 */
export function checkTotp(key: Uint8Array, code: string, unixMs: number, lastUsedStep: number | null): TotpCheck {
  const given = Buffer.from(code.replace(/\s/g, ''));
  if (given.length !== TOTP_DIGITS || !/^\d+$/.test(given.toString())) return { ok: false, reason: 'wrong' };
  const now = stepAt(unixMs);
  let replay = false;
  for (const step of [now, now - 1, now + 1].slice(0, 1 + 2 * TOTP_DRIFT_STEPS)) {
    if (!crypto.timingSafeEqual(Buffer.from(hotp(key, step)), given)) continue;
    if (lastUsedStep !== null && step <= lastUsedStep) {
      replay = true;
      continue;
    }
    return { ok: true, step };
  }
  return { ok: false, reason: replay ? 'replay' : 'wrong' };
}

export function newTotpSeed(): Buffer {
  return crypto.randomBytes(SEED_BYTES);
}

/** The otpauth:// URI an authenticator app scans (Key Uri Format). */
export function otpauthUri(seed: Uint8Array, account: string, issuer = 'medbill'): string {
  const label = `${encodeURIComponent(issuer)}:${encodeURIComponent(account)}`;
  const q = new URLSearchParams({
    secret: base32Encode(seed),
    issuer,
    algorithm: 'SHA1',
    digits: String(TOTP_DIGITS),
    period: String(TOTP_STEP_SECONDS),
  });
  return `otpauth://totp/${label}?${q.toString()}`;
}
