/**
 * One code's contracted rate set over the API (PUT /api/payers/:id/contracts/:contractId/rates): new, then changed
 * (the answer and the audit row keep what it was) and read back with the contract; a coder may not, another
 * office's contract is not found.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditKeyForTests, createTenantFixture, login, testDeps, type TenantFixture } from '../../test/fixtures.ts';
import { openTestStore } from '../../test/test-store.ts';
import type { Store } from '../db/open-database.ts';
import { buildApp } from '../http/app.ts';

let store: Store;
let fx: TenantFixture;
let other: TenantFixture;
let app: Awaited<ReturnType<typeof buildApp>>;
let biller = '';
let coder = '';
let otherAdmin = '';
let contractId = 0;

const req = (method: 'GET' | 'POST' | 'PUT', url: string, cookie: string, payload?: unknown) =>
  app.inject({ method, url, headers: { cookie }, ...(payload === undefined ? {} : { payload: payload as object }) });

beforeAll(async () => {
  store = await openTestStore();
  fx = await createTenantFixture(store, 'rates');
  other = await createTenantFixture(store, 'rates-b');
  app = await buildApp(testDeps(store, { auditKey: auditKeyForTests() }));
  biller = await login(app, fx.users.biller.username);
  coder = await login(app, fx.users.coder.username);
  otherAdmin = await login(app, other.users.admin.username);
  const made = await req('POST', `/api/payers/${fx.payerId}/contracts`, biller, {
    name: 'Commercial 2026',
    effectiveFrom: '2026-01-01',
    rates: [{ procedureCode: '99213', allowedCents: 7500 }],
  });
  expect(made.statusCode, made.body).toBe(200);
  contractId = made.json().contractId;
});
afterAll(async () => {
  await app?.close();
  await store?.close();
});

describe("a contract's rate for one code", () => {
  it('is added, then changed, and read back with the contract', async () => {
    const url = `/api/payers/${fx.payerId}/contracts/${contractId}/rates`;
    const added = await req('PUT', url, biller, { procedureCode: '99214', modifier: '25', allowedCents: 11000 });
    expect(added.statusCode, added.body).toBe(200);
    expect(added.json()).toEqual({
      contractId,
      procedureCode: '99214',
      modifier: '25',
      allowedCents: 11000,
      previousCents: null,
    });
    const changed = await req('PUT', url, biller, { procedureCode: '99213', allowedCents: 8000 });
    expect(changed.json()).toEqual({
      contractId,
      procedureCode: '99213',
      modifier: '',
      allowedCents: 8000,
      previousCents: 7500,
    });
    const read = (await req('GET', `/api/payers/${fx.payerId}/contracts/${contractId}`, biller)).json();
    expect(read.items).toEqual([
      { procedureCode: '99213', modifier: '', allowedCents: 8000 },
      { procedureCode: '99214', modifier: '25', allowedCents: 11000 },
    ]);
    expect(read.rates).toBe(2);
    const audit = await store.db
      .selectFrom('audit_event')
      .select(['action', 'details'])
      .where('tenant_id', '=', fx.tenantId)
      .where('resource_type', '=', 'payer_contract')
      .where('action', '=', 'update')
      .execute();
    expect(audit.map((a) => a.details)).toEqual([
      expect.objectContaining({ procedureCode: '99214', allowedCents: 11000, previousCents: null }),
      expect.objectContaining({ procedureCode: '99213', allowedCents: 8000, previousCents: 7500 }),
    ]);
  });

  it('bad input names the field; a coder may not; another office finds no such contract', async () => {
    const url = `/api/payers/${fx.payerId}/contracts/${contractId}/rates`;
    const bad = await req('PUT', url, biller, { procedureCode: '9921', allowedCents: -1 });
    expect(bad.statusCode).toBe(400);
    expect((await req('PUT', url, coder, { procedureCode: '99213', allowedCents: 1 })).statusCode).toBe(403);
    const theirs = await req('PUT', url, otherAdmin, { procedureCode: '99213', allowedCents: 1 });
    expect(theirs.statusCode).toBe(404);
    const wrongPayer = await req('PUT', `/api/payers/${fx.payerId + 999}/contracts/${contractId}/rates`, biller, {
      procedureCode: '99213',
      allowedCents: 1,
    });
    expect(wrongPayer.statusCode).toBe(404);
    const read = (await req('GET', `/api/payers/${fx.payerId}/contracts/${contractId}`, biller)).json();
    expect(read.items[0]).toEqual({ procedureCode: '99213', modifier: '', allowedCents: 8000 });
  });
});
