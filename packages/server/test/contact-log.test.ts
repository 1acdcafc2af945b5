/** The contact log on a patient's account: logged, listed with its summary, audited, walled by role and tenant. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Store } from '../src/db/open-database.ts';
import { buildApp } from '../src/http/app.ts';
import { createTenantFixture, login, testDeps, type TenantFixture } from './fixtures.ts';
import { openTestStore } from './test-store.ts';

let store: Store;
let app: Awaited<ReturnType<typeof buildApp>>;
let t: TenantFixture;
let rep: string;
const NOW = new Date('2026-11-23T15:00:00Z');

beforeAll(async () => {
  store = await openTestStore();
  const deps = testDeps(store);
  deps.claims.now = () => NOW;
  app = await buildApp(deps);
  t = await createTenantFixture(store, 'contacts');
  rep = await login(app, t.users.account_rep.username);
});
afterAll(async () => {
  await app?.close();
  await store?.close();
});

const call = (cookie: string, method: string, url: string, payload?: unknown) =>
  app.inject({ method: method as 'GET', url, payload: payload as object, headers: { cookie } });

describe('contact log', () => {
  it('logs a call with a promise to pay and a letter, lists them newest first with a summary', async () => {
    const call1 = await call(rep, 'POST', `/api/patients/${t.patientId}/contacts`, {
      channel: 'call',
      direction: 'outbound',
      outcome: 'promise_to_pay',
      note: 'Will pay half on the 1st',
      occurredAt: '2026-11-20T16:00:00Z',
      promiseDate: '2026-12-01',
      promiseCents: 4500,
      followUpDate: '2026-12-02',
    });
    expect(call1.statusCode, call1.body).toBe(201);
    expect(call1.json()).toMatchObject({ username: t.users.account_rep.username, promiseCents: 4500, channel: 'call' });
    const letter = await call(rep, 'POST', `/api/patients/${t.patientId}/contacts`, {
      channel: 'letter',
      direction: 'outbound',
      outcome: 'sent',
    });
    expect(letter.statusCode).toBe(201);
    const list = await call(rep, 'GET', `/api/patients/${t.patientId}/contacts`);
    expect(list.json().items.map((i: { channel: string }) => i.channel)).toEqual(['letter', 'call']);
    expect(list.json().summary).toMatchObject({
      count: 2,
      last30Days: 2,
      lastChannel: 'letter',
      promise: { date: '2026-12-01', cents: 4500 },
      nextFollowUp: '2026-12-02',
    });
    const audit = await store.db
      .selectFrom('audit_event')
      .select(['action', 'patient_id'])
      .where('tenant_id', '=', t.tenantId)
      .where('resource_type', '=', 'contact_log')
      .orderBy('seq')
      .execute();
    expect(audit).toEqual([
      { action: 'create', patient_id: t.patientId },
      { action: 'create', patient_id: t.patientId },
      { action: 'query', patient_id: t.patientId },
    ]);
  });

  it('refuses half a promise, unknown channels, and roles without account rights', async () => {
    const half = await call(rep, 'POST', `/api/patients/${t.patientId}/contacts`, {
      channel: 'call',
      direction: 'outbound',
      outcome: 'promise_to_pay',
      promiseDate: '2026-12-01',
    });
    expect(half.statusCode).toBe(400);
    expect(half.json().issues[0].location.field).toBe('promiseCents');
    const fax = await call(rep, 'POST', `/api/patients/${t.patientId}/contacts`, {
      channel: 'fax',
      direction: 'outbound',
      outcome: 'sent',
    });
    expect(fax.statusCode).toBe(400);
    const coder = await login(app, t.users.coder.username);
    expect((await call(coder, 'GET', `/api/patients/${t.patientId}/contacts`)).statusCode).toBe(403);
  });
});
