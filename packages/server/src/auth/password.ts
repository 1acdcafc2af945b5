/**
 * Password hashing with Node's scrypt (async, on libuv's thread pool: never on the event loop); no native add-on.
 * Parameters: N=2^13, r=8, p=10, one of the OWASP Password Storage Cheat Sheet's equivalent scrypt settings (the list
 * runs from N=2^17/p=1 to N=2^13/p=10, same work, less memory). 8 MiB a hash stays in the CPU caches, so a log-in
 * takes about a quarter of the 2^17 setting's time (see docs/DECISIONS.md). Each hash names its parameters, so older
 * hashes still verify, and a log-in re-hashes them (passwordNeedsRehash).
 */
import crypto from 'node:crypto';
import { promisify } from 'node:util';

const scrypt = promisify(crypto.scrypt) as (
  pw: string,
  salt: Buffer,
  keylen: number,
  opts: crypto.ScryptOptions,
) => Promise<Buffer>;
const PARAMS = { N: 2 ** 13, r: 8, p: 10, maxmem: 256 * 1024 * 1024 };
const KEYLEN = 32;

export async function hashPassword(password: string): Promise<string> {
  const salt = crypto.randomBytes(16);
  const key = await scrypt(password.normalize('NFKC'), salt, KEYLEN, PARAMS);
  return `scrypt$${PARAMS.N}$${PARAMS.r}$${PARAMS.p}$${salt.toString('base64url')}$${key.toString('base64url')}`;
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, n, r, p, salt, hash] = stored.split('$');
  if (scheme !== 'scrypt' || !hash) return false;
  const expected = Buffer.from(hash, 'base64url');
  try {
    const key = await scrypt(password.normalize('NFKC'), Buffer.from(salt, 'base64url'), expected.length, {
      N: Number(n),
      r: Number(r),
      p: Number(p),
      maxmem: PARAMS.maxmem,
    });
    return key.length === expected.length && crypto.timingSafeEqual(key, expected);
  } catch {
    return false; // a damaged stored hash never lets anyone in, and never crashes log-in
  }
}

/** True when a stored hash was made with other parameters than today's (it verifies; re-hash it at log-in). */
export function passwordNeedsRehash(stored: string): boolean {
  const [scheme, n, r, p] = stored.split('$');
  return scheme !== 'scrypt' || Number(n) !== PARAMS.N || Number(r) !== PARAMS.r || Number(p) !== PARAMS.p;
}

/** A hash to verify against when the user does not exist, so both paths take the same time. */
let dummyHash: Promise<string> | null = null;
export function dummyPasswordHash(): Promise<string> {
  dummyHash ??= hashPassword(crypto.randomBytes(12).toString('hex'));
  return dummyHash;
}

export const PASSWORD_MIN_LENGTH = 12;
export function passwordProblem(password: string): string | null {
  if (password.length < PASSWORD_MIN_LENGTH) return `A password needs at least ${PASSWORD_MIN_LENGTH} characters`;
  if (password.length > 256) return 'A password may have at most 256 characters';
  return null;
}
