/** RFC 6238 Appendix B test vectors, RFC 4226 Appendix D, drift of ±1 step, and replay refusal. */
import { describe, expect, it } from 'vitest';
import { decryptSeed, encryptSeed, hashRecoveryCode, mfaKeys, newRecoveryCodes } from './mfa-crypto.ts';
import { base32Decode, base32Encode, checkTotp, hotp, otpauthUri, stepAt, totp } from './totp.ts';

const SEED_SHA1 = Buffer.from('12345678901234567890');
const SEED_SHA256 = Buffer.from('12345678901234567890123456789012');
const SEED_SHA512 = Buffer.from('1234567890123456789012345678901234567890123456789012345678901234');

// RFC 6238 Appendix B: time (s), then the 8-digit TOTP for SHA-1, SHA-256, SHA-512
const VECTORS: Array<[number, string, string, string]> = [
  [59, '94287082', '46119246', '90693936'],
  [1111111109, '07081804', '68084774', '25091201'],
  [1111111111, '14050471', '67062674', '99943326'],
  [1234567890, '89005924', '91819424', '93441116'],
  [2000000000, '69279037', '90698825', '38618901'],
  [20000000000, '65353130', '77737706', '47863826'],
];

describe('RFC 6238 test vectors', () => {
  it.each(VECTORS)('T=%i', (t, sha1, sha256, sha512) => {
    expect(totp(SEED_SHA1, t * 1000, { digits: 8 })).toBe(sha1);
    expect(totp(SEED_SHA256, t * 1000, { digits: 8, algorithm: 'sha256' })).toBe(sha256);
    expect(totp(SEED_SHA512, t * 1000, { digits: 8, algorithm: 'sha512' })).toBe(sha512);
    // the 6-digit code apps show is the last six digits of the same value
    expect(totp(SEED_SHA1, t * 1000)).toBe(sha1.slice(2));
  });

  it('RFC 4226 Appendix D HOTP values', () => {
    const expected = [
      '755224',
      '287082',
      '359152',
      '969429',
      '338314',
      '254676',
      '287922',
      '162583',
      '399871',
      '520489',
    ];
    expect(expected.map((_, i) => hotp(SEED_SHA1, i))).toEqual(expected);
  });

  it('base32 round-trips and matches RFC 4648', () => {
    expect(base32Encode(Buffer.from('foobar'))).toBe('MZXW6YTBOI');
    expect(base32Decode('MZXW6YTBOI').toString()).toBe('foobar');
    expect(base32Decode(base32Encode(SEED_SHA1)).equals(SEED_SHA1)).toBe(true);
    expect(base32Encode(SEED_SHA1)).toBe('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ');
  });

  it('the otpauth URI carries the base32 seed, issuer, SHA1, 6 digits and 30 s', () => {
    const uri = new URL(otpauthUri(SEED_SHA1, 'jo.biller'));
    expect(uri.protocol).toBe('otpauth:');
    expect(uri.host).toBe('totp');
    expect(decodeURIComponent(uri.pathname)).toBe('/medbill:jo.biller');
    expect(Object.fromEntries(uri.searchParams)).toEqual({
      secret: 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ',
      issuer: 'medbill',
      algorithm: 'SHA1',
      digits: '6',
      period: '30',
    });
  });
});

describe('checking a code', () => {
  const now = 1_750_000_015_000; // 15 s into a step
  const step = stepAt(now);
  const codeAt = (s: number) => hotp(SEED_SHA1, s);

  it('accepts the current step and one step either side (clock drift), nothing further', () => {
    expect(checkTotp(SEED_SHA1, codeAt(step), now, null)).toEqual({ ok: true, step });
    expect(checkTotp(SEED_SHA1, codeAt(step - 1), now, null)).toEqual({ ok: true, step: step - 1 });
    expect(checkTotp(SEED_SHA1, codeAt(step + 1), now, null)).toEqual({ ok: true, step: step + 1 });
    for (const off of [-3, -2, 2, 3]) {
      if ([codeAt(step), codeAt(step - 1), codeAt(step + 1)].includes(codeAt(step + off))) continue; // a chance collision
      expect(checkTotp(SEED_SHA1, codeAt(step + off), now, null), `offset ${off}`).toEqual({
        ok: false,
        reason: 'wrong',
      });
    }
  });

  it('refuses a code of a step already used, and of any earlier step (replay)', () => {
    expect(checkTotp(SEED_SHA1, codeAt(step), now, step)).toEqual({ ok: false, reason: 'replay' });
    expect(checkTotp(SEED_SHA1, codeAt(step - 1), now, step)).toEqual({ ok: false, reason: 'replay' });
    expect(checkTotp(SEED_SHA1, codeAt(step + 1), now, step)).toEqual({ ok: true, step: step + 1 });
    expect(checkTotp(SEED_SHA1, codeAt(step), now, step - 1)).toEqual({ ok: true, step });
  });

  it('refuses anything that is not six digits', () => {
    for (const bad of ['', '12345', '1234567', 'abcdef', '12 34 5', codeAt(step).replace(/./, 'x')])
      expect(checkTotp(SEED_SHA1, bad, now, null).ok, bad).toBe(false);
  });
});

describe('MFA secrets at rest', () => {
  const key = Buffer.alloc(32, 7);
  it('seeds are AES-GCM encrypted, bound to tenant and user, and fail under another key', () => {
    const keys = mfaKeys(key);
    const enc = encryptSeed(keys, 1, 2, SEED_SHA1);
    expect(enc).not.toContain(base32Encode(SEED_SHA1));
    expect(decryptSeed(keys, 1, 2, enc).equals(SEED_SHA1)).toBe(true);
    expect(() => decryptSeed(keys, 1, 3, enc)).toThrow();
    expect(() => decryptSeed(mfaKeys(Buffer.alloc(32, 8)), 1, 2, enc)).toThrow();
    expect(encryptSeed(keys, 1, 2, SEED_SHA1)).not.toBe(enc); // a fresh IV every time
  });
  it('recovery codes are random, keyed-hashed, and the hash ignores case and dashes', () => {
    const keys = mfaKeys(key);
    const codes = newRecoveryCodes();
    expect(new Set(codes).size).toBe(10);
    for (const c of codes) expect(c).toMatch(/^[a-z2-9]{4}-[a-z2-9]{4}-[a-z2-9]{4}$/);
    expect(hashRecoveryCode(keys, 1, 2, codes[0])).toBe(
      hashRecoveryCode(keys, 1, 2, codes[0].toUpperCase().replace(/-/g, ' ')),
    );
    expect(hashRecoveryCode(keys, 1, 2, codes[0])).not.toBe(hashRecoveryCode(keys, 1, 3, codes[0]));
    expect(hashRecoveryCode(keys, 1, 2, codes[0])).not.toContain(codes[0].replace(/-/g, ''));
  });
});
