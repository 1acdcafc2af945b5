/**
 * Password hashes: today's parameters are OWASP's scrypt N=2^13, r=8, p=10; a hash made with the former N=2^17, r=8,
 * p=1 still verifies, and logging in replaces it with one of today's.
 */
import crypto from 'node:crypto';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTenantFixture, login, TEST_PASSWORD, testDeps, type TenantFixture } from '../../test/fixtures.ts';
import { openTestStore } from '../../test/test-store.ts';
import type { Store } from '../db/open-database.ts';
import { buildApp } from '../http/app.ts';
import { hashPassword, passwordNeedsRehash, verifyPassword } from './password.ts';

const scrypt = promisify(crypto.scrypt) as (
  pw: string,
  salt: Buffer,
  len: number,
  opts: crypto.ScryptOptions,
) => Promise<Buffer>;

/** A hash as medbill made them before: N=2^17, r=8, p=1. */
async function formerHash(password: string): Promise<string> {
  const salt = crypto.randomBytes(16);
  const key = await scrypt(password.normalize('NFKC'), salt, 32, { N: 2 ** 17, r: 8, p: 1, maxmem: 256 * 1024 * 1024 });
  return `scrypt$${2 ** 17}$8$1$${salt.toString('base64url')}$${key.toString('base64url')}`;
}

describe('password hashes', () => {
  it('are scrypt N=2^13, r=8, p=10 and verify', async () => {
    const h = await hashPassword('a long enough password');
    expect(h).toMatch(/^scrypt\$8192\$8\$10\$/);
    expect(await verifyPassword('a long enough password', h)).toBe(true);
    expect(await verifyPassword('another password entirely', h)).toBe(false);
    expect(passwordNeedsRehash(h)).toBe(false);
  });

  it('made with the former parameters still verify, and are marked for re-hashing', async () => {
    const old = await formerHash('a long enough password');
    expect(await verifyPassword('a long enough password', old)).toBe(true);
    expect(passwordNeedsRehash(old)).toBe(true);
  });
});

describe('log-in with a hash made with the former parameters', () => {
  let store: Store;
  let t: TenantFixture;
  beforeAll(async () => {
    store = await openTestStore();
    t = await createTenantFixture(store, 'rehash');
  });
  afterAll(() => store?.close());

  it('succeeds and stores a hash with today’s parameters', async () => {
    const user = t.users.biller;
    await store.db
      .updateTable('app_user')
      .set({ password_hash: await formerHash(TEST_PASSWORD) })
      .where('id', '=', user.id)
      .execute();
    const app = await buildApp(testDeps(store));
    try {
      await login(app, user.username);
      const row = await store.db
        .selectFrom('app_user')
        .select('password_hash')
        .where('id', '=', user.id)
        .executeTakeFirstOrThrow();
      expect(row.password_hash).toMatch(/^scrypt\$8192\$8\$10\$/);
      await login(app, user.username); // and the new hash lets the same password in
    } finally {
      await app.close();
    }
  });
});
