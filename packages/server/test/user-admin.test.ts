/**
 * Issue 8 items 10 and 12: passwords that are common or built from breached patterns are refused (not only
 * short ones); a tenant is never left without an active admin.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Store } from '../src/db/open-database.ts';
import { buildApp } from '../src/http/app.ts';
import { createTenantFixture, login, testDeps, type TenantFixture } from './fixtures.ts';
import { openTestStore } from './test-store.ts';

let store: Store;
let app: Awaited<ReturnType<typeof buildApp>>;
let t: TenantFixture;

beforeAll(async () => {
  store = await openTestStore();
  app = await buildApp(testDeps(store));
  t = await createTenantFixture(store, 'users');
}, 120_000);
afterAll(async () => {
  await app?.close();
  await store?.close();
});

const patch = (cookie: string, id: number, payload: Record<string, unknown>) =>
  app.inject({ method: 'PATCH', url: `/api/users/${id}`, headers: { cookie }, payload });
const create = (cookie: string, payload: Record<string, unknown>) =>
  app.inject({ method: 'POST', url: '/api/users', headers: { cookie }, payload });

describe('password strength', () => {
  it.each(['Password123!', 'qwertyuiop12', 'P@ssw0rd2024', 'iloveyou2020!', '123456789012'])(
    'refuses the common or breached pattern %s, naming why',
    async (password) => {
      const admin = await login(app, t.users.admin.username);
      const res = await create(admin, { username: `weak-${t.slug}`, displayName: 'Weak One', role: 'coder', password });
      expect(res.statusCode).toBe(400);
      expect(res.json().issues[0]).toMatchObject({ location: { field: 'password' } });
      expect(res.json().issues[0].message).toMatch(/too easy to guess/);
    },
  );

  it("refuses a password made of the user's own name, and when an admin sets one", async () => {
    const admin = await login(app, t.users.admin.username);
    const own = await create(admin, {
      username: `jordan-${t.slug}`,
      displayName: 'Jordan Smithers',
      role: 'coder',
      password: 'jordansmithers',
    });
    expect(own.statusCode).toBe(400);
    const reset = await patch(admin, t.users.coder.id, { password: 'password1234' });
    expect(reset.statusCode).toBe(400);
    expect(reset.json().issues[0].location.field).toBe('password');
  });

  it('accepts a long, uncommon passphrase', async () => {
    const admin = await login(app, t.users.admin.username);
    const res = await create(admin, {
      username: `strong-${t.slug}`,
      displayName: 'Strong One',
      role: 'coder',
      password: 'copper kettle orbits lavender',
    });
    expect(res.statusCode).toBe(201);
  });
});

describe('last active admin', () => {
  it('cannot be disabled or demoted; with a second admin it can', async () => {
    const admin = await login(app, t.users.admin.username);
    const demote = await patch(admin, t.users.admin.id, { role: 'coder' });
    expect(demote.statusCode).toBe(409);
    expect(demote.json().message).toMatch(/last active admin/);
    const disable = await patch(admin, t.users.admin.id, { disabled: true });
    expect(disable.statusCode).toBe(409);
    // a disabled admin does not count as an active one
    expect((await patch(admin, t.users.biller.id, { role: 'admin', disabled: true })).statusCode).toBe(200);
    expect((await patch(admin, t.users.admin.id, { disabled: true })).statusCode).toBe(409);

    expect((await patch(admin, t.users.biller.id, { disabled: false })).statusCode).toBe(200);
    expect((await patch(admin, t.users.admin.id, { role: 'coder' })).statusCode).toBe(200);
    const biller = await login(app, t.users.biller.username);
    expect((await patch(biller, t.users.biller.id, { disabled: true })).statusCode).toBe(409);
    const admins = await store.db
      .selectFrom('app_user')
      .select('id')
      .where('tenant_id', '=', t.tenantId)
      .where('role', '=', 'admin')
      .where('disabled', '=', false)
      .execute();
    expect(admins.map((a) => a.id)).toEqual([t.users.biller.id]);
  });
});
