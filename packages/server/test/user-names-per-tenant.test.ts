/**
 * Issue 8 item 12: user names are unique per tenant, not across tenants, and log-in names the office
 * (`slug/username` or a `tenant` field; a plain name goes to the default office, the first tenant). One office
 * never learns another's users: creating a name another office has succeeds, and a failed log-in answers the same
 * whether or not the name exists in another office (nothing is written to that office's audit chain either).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Store } from '../src/db/open-database.ts';
import { buildApp } from '../src/http/app.ts';
import { LoginThrottle } from '../src/auth/login-throttle.ts';
import { createTenantFixture, login, testDeps, type TenantFixture } from './fixtures.ts';
import { openTestStore } from './test-store.ts';

const PASSWORD_A = 'amber-lantern-quietly-9';
const PASSWORD_B = 'violet-harbour-slowly-4';

let store: Store;
let app: Awaited<ReturnType<typeof buildApp>>;
let a: TenantFixture;
let b: TenantFixture;

beforeAll(async () => {
  store = await openTestStore();
  app = await buildApp(testDeps(store, { throttle: new LoginThrottle() }));
  a = await createTenantFixture(store, 'namea');
  b = await createTenantFixture(store, 'nameb');
}, 120_000);
afterAll(async () => {
  await app?.close();
  await store?.close();
});

const tryLogin = (payload: Record<string, unknown>) =>
  app.inject({ method: 'POST', url: '/api/auth/login', payload, remoteAddress: '10.9.8.7' });
const auditRows = async (tenantId: number) =>
  (await store.db.selectFrom('audit_event').select('seq').where('tenant_id', '=', tenantId).execute()).length;

describe('user names per tenant', () => {
  it('two offices each create a user named "sam"; each logs in to its own office', async () => {
    for (const [t, password] of [
      [a, PASSWORD_A],
      [b, PASSWORD_B],
    ] as const) {
      const admin = await login(app, t.users.admin.username);
      const res = await app.inject({
        method: 'POST',
        url: '/api/users',
        headers: { cookie: admin },
        payload: { username: 'sam', displayName: `Sam of ${t.slug}`, role: 'coder', password },
      });
      expect(res.statusCode, res.body).toBe(201);
    }
    const inA = await tryLogin({ username: `${a.slug}/sam`, password: PASSWORD_A });
    expect(inA.statusCode, inA.body).toBe(200);
    expect(inA.json()).toMatchObject({ tenantId: a.tenantId, displayName: `Sam of ${a.slug}` });
    const inB = await tryLogin({ tenant: b.slug, username: 'Sam', password: PASSWORD_B });
    expect(inB.statusCode, inB.body).toBe(200);
    expect(inB.json()).toMatchObject({ tenantId: b.tenantId, displayName: `Sam of ${b.slug}` });
    // the same name a second time in one office is still refused, in words
    const admin = await login(app, a.users.admin.username);
    const again = await app.inject({
      method: 'POST',
      url: '/api/users',
      headers: { cookie: admin },
      payload: { username: 'SAM', displayName: 'Sam again', role: 'coder', password: PASSWORD_A },
    });
    expect(again.statusCode).toBe(409);
    expect(again.json()).toMatchObject({
      issues: [{ code: 'duplicate', message: 'That user name is taken', location: { field: 'username' } }],
    });
  });

  it('a plain user name logs in to the default office (the first tenant), never to another', async () => {
    const plainA = await tryLogin({ username: 'sam', password: PASSWORD_A });
    expect(plainA.statusCode, plainA.body).toBe(200);
    expect(plainA.json().tenantId).toBe(a.tenantId);
    // B's sam with B's password, not naming B: refused like any wrong password
    const plainB = await tryLogin({ username: 'sam', password: PASSWORD_B });
    expect(plainB.statusCode).toBe(401);
  });

  it('a failed log-in answers the same whether or not the name exists in another office', async () => {
    const bOnly = `only-b-${b.slug}`;
    const admin = await login(app, b.users.admin.username);
    const made = await app.inject({
      method: 'POST',
      url: '/api/users',
      headers: { cookie: admin },
      payload: { username: bOnly, displayName: 'Only in B', role: 'coder', password: PASSWORD_B },
    });
    expect(made.statusCode, made.body).toBe(201);
    const bAudit = await auditRows(b.tenantId);
    const exists = await tryLogin({ username: `${a.slug}/${bOnly}`, password: PASSWORD_B });
    const nowhere = await tryLogin({ username: `${a.slug}/nobody-${a.slug}`, password: PASSWORD_B });
    const noOffice = await tryLogin({ tenant: 'no-such-office', username: bOnly, password: PASSWORD_B });
    for (const res of [exists, nowhere, noOffice]) {
      expect(res.statusCode).toBe(401);
      expect(res.json()).toEqual(nowhere.json());
    }
    expect(nowhere.json().message).toBe('User name or password is wrong');
    // B's chain learns nothing of a log-in that named A
    expect(await auditRows(b.tenantId)).toBe(bAudit);
    const operatorRows = await store.db
      .selectFrom('login_failure_unknown')
      .select('username')
      .where('source_ip', '=', '10.9.8.7')
      .execute();
    expect(operatorRows.map((r) => r.username)).toEqual(
      expect.arrayContaining([`${a.slug}/${bOnly}`, `no-such-office/${bOnly}`.toLowerCase()]),
    );
  });

  it('a new tenant may give its admin a name another tenant uses', async () => {
    const { createTenant } = await import('../src/tenants/create-tenant.ts');
    const made = await createTenant(
      { db: store.db, auditKey: Buffer.alloc(32, 7) },
      { userId: null, username: 'cli:test', sourceIp: null },
      { name: 'Third Office', slug: `third-${a.slug}`.slice(0, 60), admin: 'sam', password: 'copper-meadow-gently-7' },
    );
    expect(made.admin).toBe('sam');
  });
});
