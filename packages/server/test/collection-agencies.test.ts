/**
 * An admin adds the collection agencies the office places accounts with: listed at once with nothing placed, the
 * code unique in the office (not across offices), the fee within 0–100%, audited; an account rep may place with an
 * agency but not sign one up.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Store } from '../src/db/open-database.ts';
import { buildApp } from '../src/http/app.ts';
import { createTenantFixture, login, testDeps, type TenantFixture } from './fixtures.ts';
import { openTestStore } from './test-store.ts';

let store: Store;
let app: Awaited<ReturnType<typeof buildApp>>;
let t: TenantFixture;
let other: TenantFixture;
let admin: string;
let rep: string;
let otherAdmin: string;

beforeAll(async () => {
  store = await openTestStore();
  app = await buildApp(testDeps(store));
  t = await createTenantFixture(store, 'agy');
  other = await createTenantFixture(store, 'agz');
  admin = await login(app, t.users.admin.username);
  rep = await login(app, t.users.account_rep.username);
  otherAdmin = await login(app, other.users.admin.username);
});
afterAll(async () => {
  await app?.close();
  await store?.close();
});

const add = (cookie: string, payload: unknown) =>
  app.inject({ method: 'POST', url: '/api/collection-agencies', headers: { cookie }, payload: payload as object });

describe('collection agencies', () => {
  it('an admin adds one; it is listed with nothing placed and the add is audited', async () => {
    const res = await add(admin, { name: 'Lone Star Recovery', code: 'lsr-1', feeBasisPoints: 2500 });
    expect(res.statusCode, res.body).toBe(201);
    const made = res.json();
    expect(made).toMatchObject({ name: 'Lone Star Recovery', code: 'LSR-1', feeBasisPoints: 2500, placedAccounts: 0 });
    const list = await app.inject({ method: 'GET', url: '/api/collection-agencies', headers: { cookie: rep } });
    expect(list.json().items).toContainEqual({ ...made, placedCents: 0 });
    const audit = await store.db
      .selectFrom('audit_event')
      .select(['action', 'resource_id', 'username', 'patient_id'])
      .where('tenant_id', '=', t.tenantId)
      .where('resource_type', '=', 'collection_agency')
      .execute();
    expect(audit).toEqual([
      { action: 'create', resource_id: String(made.id), username: t.users.admin.username, patient_id: null },
    ]);
  });

  it('refuses a code the office already gave another agency, but another office may use it', async () => {
    const dup = await add(admin, { name: 'Another', code: 'LSR-1', feeBasisPoints: 1000 });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().message).toMatch(/LSR-1 is already Lone Star Recovery's/);
    expect(dup.json().issues).toEqual([
      { code: 'duplicate', severity: 'error', message: 'Code is already in use', location: { field: 'code' } },
    ]);
    expect((await add(otherAdmin, { name: 'Theirs', code: 'LSR-1', feeBasisPoints: 0 })).statusCode).toBe(201);
    const theirs = await app.inject({ method: 'GET', url: '/api/collection-agencies', headers: { cookie: admin } });
    expect(theirs.json().items.map((a: { name: string }) => a.name)).not.toContain('Theirs');
  });

  it('says in words what is wrong with the fee or the code, and a rep may not add one', async () => {
    const fee = await add(admin, { name: 'Greedy', code: 'GR', feeBasisPoints: 10001 });
    expect(fee.statusCode).toBe(400);
    expect(fee.json().issues[0].location.field).toBe('feeBasisPoints');
    const code = await add(admin, { name: 'Odd', code: 'A B', feeBasisPoints: 100 });
    expect(code.statusCode).toBe(400);
    expect(code.json().issues[0]).toMatchObject({ location: { field: 'code' } });
    expect(code.json().issues[0].message).toMatch(/letters, digits and dashes/);
    expect((await add(rep, { name: 'Rep Agency', code: 'REP', feeBasisPoints: 100 })).statusCode).toBe(403);
  });
});
