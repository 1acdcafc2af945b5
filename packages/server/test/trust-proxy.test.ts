/** Behind a TLS proxy (MEDBILL_TRUST_PROXY): Secure cookie, the client's address in the audit log, same-origin checks. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Store } from '../src/db/open-database.ts';
import { buildApp } from '../src/http/app.ts';
import { parseTrustProxy } from '../src/config.ts';
import { parsePublicOrigins } from '../src/http/public-origin.ts';
import { createTenantFixture, testDeps, TEST_PASSWORD, type TenantFixture } from './fixtures.ts';
import { openTestStore } from './test-store.ts';

let store: Store;
let direct: Awaited<ReturnType<typeof buildApp>>;
let proxied: Awaited<ReturnType<typeof buildApp>>;
let t: TenantFixture;

beforeAll(async () => {
  store = await openTestStore();
  direct = await buildApp(testDeps(store));
  proxied = await buildApp(
    testDeps(store, {
      trustProxy: parseTrustProxy('127.0.0.1'),
      publicOrigins: parsePublicOrigins('https://billing.example.org'),
    }),
  );
  t = await createTenantFixture(store, 'proxy');
});
afterAll(async () => {
  await direct?.close();
  await proxied?.close();
  await store?.close();
});

const forwarded = {
  'x-forwarded-for': '203.0.113.9',
  'x-forwarded-proto': 'https',
  'x-forwarded-host': 'billing.example.org',
};

async function lastLoginAddress(): Promise<string | null> {
  const row = await store.db
    .selectFrom('audit_event')
    .select(['source_ip'])
    .where('tenant_id', '=', t.tenantId)
    .where('action', '=', 'login')
    .orderBy('seq', 'desc')
    .limit(1)
    .executeTakeFirstOrThrow();
  return row.source_ip as string | null;
}

describe('MEDBILL_TRUST_PROXY', () => {
  it('from a trusted proxy: Secure cookie and the client address in the audit log', async () => {
    const res = await proxied.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: forwarded,
      payload: { username: t.users.biller.username, password: TEST_PASSWORD },
    });
    expect(res.statusCode).toBe(200);
    expect(String(res.headers['set-cookie'])).toMatch(/; Secure/);
    expect(await lastLoginAddress()).toBe('203.0.113.9');
  });

  it('without it the forwarded headers are ignored: no Secure flag over plain HTTP, the real peer is audited', async () => {
    const res = await direct.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: forwarded,
      payload: { username: t.users.biller.username, password: TEST_PASSWORD },
    });
    expect(res.statusCode).toBe(200);
    expect(String(res.headers['set-cookie'])).not.toMatch(/Secure/);
    expect(await lastLoginAddress()).toBe('127.0.0.1');
  });

  it('a sender that is not the named proxy cannot forge the audited address', async () => {
    const res = await proxied.inject({
      method: 'POST',
      url: '/api/auth/login',
      remoteAddress: '198.51.100.7',
      headers: forwarded,
      payload: { username: t.users.biller.username, password: TEST_PASSWORD },
    });
    expect(res.statusCode).toBe(200);
    expect(await lastLoginAddress()).toBe('198.51.100.7');
    expect(String(res.headers['set-cookie'])).not.toMatch(/Secure/);
  });

  it('the public origin the proxy forwards passes the same-origin check; another origin does not', async () => {
    const headers = { ...forwarded, host: '127.0.0.1:3000', 'content-type': 'application/json' };
    const ok = await proxied.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: { ...headers, origin: 'https://billing.example.org' },
      payload: { username: t.users.biller.username, password: TEST_PASSWORD },
    });
    expect(ok.statusCode).toBe(200);
    const evil = await proxied.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: { ...headers, origin: 'https://evil.example.com' },
      payload: { username: t.users.biller.username, password: TEST_PASSWORD },
    });
    expect(evil.statusCode).toBe(403);
  });

  it('a proxy forwarding a host name that is not the public origin is refused (DNS rebinding through the proxy)', async () => {
    const res = await proxied.inject({
      method: 'GET',
      url: '/api/health',
      headers: { ...forwarded, 'x-forwarded-host': 'rebound.example' },
    });
    expect(res.statusCode).toBe(421);
  });

  it('MEDBILL_PUBLIC_ORIGIN takes origins only, and names the bad value', () => {
    expect(parsePublicOrigins(' https://a.example.org , http://b.example.org:8080')).toEqual([
      { host: 'a.example.org', hostWithPort: 'a.example.org:443' },
      { host: 'b.example.org:8080', hostWithPort: 'b.example.org:8080' },
    ]);
    expect(() => parsePublicOrigins('billing.example.org')).toThrow(/"billing\.example\.org"/);
    expect(() => parsePublicOrigins('https://a.example.org/app')).toThrow(/app/);
  });

  it('refuses settings that would trust every sender, and names the bad value', () => {
    expect(parseTrustProxy(undefined)).toEqual([]);
    expect(parseTrustProxy('127.0.0.1, 10.0.0.0/8,loopback')).toEqual(['127.0.0.1', '10.0.0.0/8', 'loopback']);
    expect(() => parseTrustProxy('true')).toThrow(/"true"/);
    expect(() => parseTrustProxy('*')).toThrow(/"\*"/);
    expect(() => parseTrustProxy('proxy.example.org')).toThrow(/proxy\.example\.org/);
  });
});
