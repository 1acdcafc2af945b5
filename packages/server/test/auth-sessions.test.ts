/** SECURITY.md B1/B3: log-in errors say nothing about which part was wrong; brute force is braked; sessions end. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LoginThrottle } from '../src/auth/login-throttle.ts';
import type { Store } from '../src/db/open-database.ts';
import { buildApp } from '../src/http/app.ts';
import { createTenantFixture, testDeps, login, TEST_PASSWORD, type TenantFixture } from './fixtures.ts';
import { openTestStore } from './test-store.ts';

let store: Store;
let app: Awaited<ReturnType<typeof buildApp>>;
let t: TenantFixture;
const throttle = new LoginThrottle();

beforeAll(async () => {
  store = await openTestStore();
  app = await buildApp(testDeps(store, { throttle }));
  t = await createTenantFixture(store, 'auth');
});
afterAll(async () => {
  await app?.close();
  await store?.close();
});

const tryLogin = (username: string, password: string) =>
  app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password } });
const me = (cookie: string) => app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie } });

describe('log-in', () => {
  it('sets an HTTP-only SameSite=Strict session cookie and returns the role and permissions', async () => {
    const res = await tryLogin(t.users.coder.username, TEST_PASSWORD);
    expect(res.statusCode).toBe(200);
    expect(String(res.headers['set-cookie'])).toMatch(/HttpOnly/);
    expect(String(res.headers['set-cookie'])).toMatch(/SameSite=Strict/);
    expect(res.json()).toMatchObject({ role: 'coder', permissions: expect.arrayContaining(['patient:read']) });
    expect(res.json().permissions).not.toContain('patient:write');
  });

  it('a wrong password and an unknown user get the same answer', async () => {
    const wrong = await tryLogin(t.users.biller.username, 'not-the-password');
    const unknown = await tryLogin('nobody-here', 'not-the-password');
    expect(wrong.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(401);
    expect(wrong.json()).toEqual(unknown.json());
  });

  it('the 11th failure in 15 minutes for one user name answers 429, even with the right password', async () => {
    const name = t.users.claims_analyst.username;
    for (let i = 0; i < 10; i++) expect((await tryLogin(name, `bad-${i}`)).statusCode).toBe(401);
    expect((await tryLogin(name, TEST_PASSWORD)).statusCode).toBe(429);
    const failures = await store.db
      .selectFrom('audit_event')
      .select('seq')
      .where('tenant_id', '=', t.tenantId)
      .where('action', '=', 'login_failed')
      .where('username', '=', name)
      .execute();
    expect(failures).toHaveLength(10);
  });
});

describe('log-in brake per address', () => {
  it('past 60 attempts in a minute from one address, log-in answers 429 for any user, even with the right password; other addresses are not braked', async () => {
    const ip = '10.9.9.9';
    const start = Date.now();
    // 60 attempts from this address in the last minute (each a different user name, so no account brake)
    for (let i = 0; i < 60; i++) expect(throttle.refuse(`spray-${i}`, ip, start)).toBe(false);
    const braked = await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      remoteAddress: ip,
      payload: { username: t.users.admin.username, password: TEST_PASSWORD },
    });
    expect(braked.statusCode).toBe(429);
    expect(braked.headers['set-cookie']).toBeUndefined();
    const elsewhere = await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      remoteAddress: '10.9.9.10',
      payload: { username: t.users.admin.username, password: TEST_PASSWORD },
    });
    expect(elsewhere.statusCode).toBe(200);
    // a minute later the address may try again
    expect(throttle.refuse(t.users.admin.username, ip, Date.now() + 61_000)).toBe(false);
  });
});

describe('sessions', () => {
  it('log-out ends the session', async () => {
    const cookie = await login(app, t.users.biller.username);
    expect((await me(cookie)).statusCode).toBe(200);
    await app.inject({ method: 'POST', url: '/api/auth/logout', headers: { cookie }, payload: {} });
    expect((await me(cookie)).statusCode).toBe(401);
  });

  it('a session idle for more than 15 minutes is over, and past 12 hours it is over whatever the activity', async () => {
    const cookie = await login(app, t.users.coder.username);
    await store.db
      .updateTable('user_session')
      .set({ last_seen_at: new Date(Date.now() - 15 * 60 * 1000 - 1000) })
      .where('tenant_id', '=', t.tenantId)
      .where('revoked_at', 'is', null)
      .execute();
    expect((await me(cookie)).statusCode).toBe(401);
    const cookie2 = await login(app, t.users.coder.username);
    await store.db
      .updateTable('user_session')
      .set({ expires_at: new Date(Date.now() - 1000) })
      .where('tenant_id', '=', t.tenantId)
      .where('revoked_at', 'is', null)
      .execute();
    expect((await me(cookie2)).statusCode).toBe(401);
  });

  it("disabling a user ends all of that user's sessions at once, and is audited as a privilege change", async () => {
    const admin = await login(app, t.users.admin.username);
    const rep1 = await login(app, t.users.account_rep.username);
    const rep2 = await login(app, t.users.account_rep.username);
    const res = await app.inject({
      method: 'PATCH',
      url: `/api/users/${t.users.account_rep.id}`,
      headers: { cookie: admin },
      payload: { disabled: true },
    });
    expect(res.statusCode).toBe(200);
    expect((await me(rep1)).statusCode).toBe(401);
    expect((await me(rep2)).statusCode).toBe(401);
    expect((await tryLogin(t.users.account_rep.username, TEST_PASSWORD)).statusCode).toBe(401);
    const ev = await store.db
      .selectFrom('audit_event')
      .selectAll()
      .where('tenant_id', '=', t.tenantId)
      .where('action', '=', 'privilege_change')
      .execute();
    expect(ev.at(-1)?.details).toMatchObject({ disabled: true });
  });

  it('an admin creates a user with a role; short passwords are refused', async () => {
    const admin = await login(app, t.users.admin.username);
    const short = await app.inject({
      method: 'POST',
      url: '/api/users',
      headers: { cookie: admin },
      payload: { username: 'newbie', displayName: 'New', role: 'coder', password: 'short' },
    });
    expect(short.statusCode).toBe(400);
    expect(short.json().issues[0].location.field).toBe('password');
    const ok = await app.inject({
      method: 'POST',
      url: '/api/users',
      headers: { cookie: admin },
      payload: { username: `newbie-${t.slug}`, displayName: 'New', role: 'coder', password: 'long-enough-pass' },
    });
    expect(ok.statusCode).toBe(201);
    expect((await tryLogin(`newbie-${t.slug}`, 'long-enough-pass')).json().role).toBe('coder');
  });
});

describe('audit screen', () => {
  it('filters, sorts by an allowed column only, and exports CSV with formula cells neutralised', async () => {
    const admin = await login(app, t.users.admin.username);
    const list = await app.inject({
      method: 'GET',
      url: '/api/audit?action=login&sort=username&order=asc',
      headers: { cookie: admin },
    });
    expect(list.statusCode).toBe(200);
    expect(list.json().items.every((e: { action: string }) => e.action === 'login')).toBe(true);
    expect(
      (await app.inject({ method: 'GET', url: '/api/audit?sort=password_hash', headers: { cookie: admin } }))
        .statusCode,
    ).toBe(400);
    // a user name that a spreadsheet would run as a formula
    await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: t.users.admin.username, password: 'wrong-wrong' },
    });
    await store.db
      .insertInto('app_user')
      .values({
        tenant_id: t.tenantId,
        username: `=HYPERLINK("x")-${t.slug}`,
        display_name: 'x',
        role: 'coder',
        password_hash: 'scrypt$1$1$1$x$x',
      })
      .execute();
    await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: `=HYPERLINK("x")-${t.slug}`, password: 'whatever-pass' },
    });
    const csv = await app.inject({
      method: 'GET',
      url: '/api/audit/export?action=login_failed',
      headers: { cookie: admin },
    });
    expect(csv.headers['content-type']).toMatch(/text\/csv/);
    expect(csv.body).toContain(`"'=HYPERLINK(""x"")-${t.slug}"`);
    expect(csv.body).not.toMatch(/(^|,)=HYPERLINK/m);
  });

  it('sorts by every field both ways, and filters by any time period (C5)', async () => {
    const admin = await login(app, t.users.admin.username);
    // reading the log is logged too: look at what was there before this test started reading
    const until = new Date(Date.now() + 1).toISOString();
    const get = async (q: string, bounded = true) => {
      const res = await app.inject({
        method: 'GET',
        url: `/api/audit?limit=1000&${q}${bounded ? `&to=${encodeURIComponent(until)}` : ''}`,
        headers: { cookie: admin },
      });
      expect(res.statusCode, q).toBe(200);
      return res.json().items as Array<Record<string, string | number | null>>;
    };
    const fields = [
      'seq',
      'occurred_at',
      'username',
      'action',
      'resource_type',
      'resource_id',
      'patient_id',
      'data_category',
      'source_ip',
      'outcome',
    ];
    for (const field of fields) {
      const asc = await get(`sort=${field}&order=asc`);
      const desc = await get(`sort=${field}&order=desc`);
      expect(asc.length, field).toBeGreaterThan(20);
      // ties are broken by seq in the same direction, so one order is the other reversed
      expect(
        desc.map((r) => r.seq),
        field,
      ).toEqual(asc.map((r) => r.seq).reverse());
      // and equal values sit together
      const runs = asc.map((r) => JSON.stringify(r[field])).filter((v, i, all) => i === 0 || v !== all[i - 1]);
      expect(new Set(runs).size, field).toBe(runs.length);
    }
    const all = await get('sort=occurred_at&order=asc');
    const times = all.map((r) => String(r.occurred_at));
    const [from, to] = [times[Math.floor(times.length / 4)], times[Math.floor((3 * times.length) / 4)]];
    const period = await get(
      `from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}&sort=occurred_at&order=asc`,
      false,
    );
    expect(period.map((r) => r.seq)).toEqual(
      all.filter((r) => String(r.occurred_at) >= from && String(r.occurred_at) <= to).map((r) => r.seq),
    );
    // a date-only period takes whole days (log-ins only, which reading the log does not add to)
    const day = from.slice(0, 10);
    const sessions = all.filter((r) => r.resource_type === 'session' && String(r.occurred_at).startsWith(day));
    expect(sessions.length).toBeGreaterThan(5);
    expect((await get(`resourceType=session&from=${day}&to=${day}`, false)).length).toBe(sessions.length);
    expect(await get('from=2000-01-01&to=2000-01-02', false)).toEqual([]);
  });
});
