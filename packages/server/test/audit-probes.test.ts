/**
 * Issue 8 item 11: EDI file reads and encounter lists name the patients they show; a probe of another tenant's id
 * (answered 404, like an id that exists nowhere) leaves a row in the prober's chain; a failed log-in for a name no
 * tenant has leaves a row for the operator.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Store } from '../src/db/open-database.ts';
import { buildApp } from '../src/http/app.ts';
import { createTenantFixture, login, testDeps, type TenantFixture } from './fixtures.ts';
import { openTestStore } from './test-store.ts';

let store: Store;
let app: Awaited<ReturnType<typeof buildApp>>;
let a: TenantFixture;
let b: TenantFixture;

beforeAll(async () => {
  store = await openTestStore();
  app = await buildApp(testDeps(store));
  a = await createTenantFixture(store, 'probea');
  b = await createTenantFixture(store, 'probeb');
}, 300_000);
afterAll(async () => {
  await app?.close();
  await store?.close();
});

const lastRow = (tenantId: number, action: string) =>
  store.db
    .selectFrom('audit_event')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('action', '=', action)
    .orderBy('seq', 'desc')
    .executeTakeFirstOrThrow();

describe('audit coverage', () => {
  it('reading an X12 file names the claims and patients in it', async () => {
    // the fixture's 837 batch carries the fixture's claim
    await store.db
      .updateTable('claim')
      .set({ batch_id: a.batchId })
      .where('tenant_id', '=', a.tenantId)
      .where('id', '=', a.claimId)
      .execute();
    const cookie = await login(app, a.users.biller.username);
    const res = await app.inject({ method: 'GET', url: `/api/edi-files/${a.ediFileId}`, headers: { cookie } });
    expect(res.statusCode).toBe(200);
    const row = await lastRow(a.tenantId, 'read');
    expect(row).toMatchObject({ resource_type: 'edi_file', resource_id: String(a.ediFileId), patient_id: a.patientId });
    expect(row.details).toMatchObject({ claimIds: [a.claimId], patientIds: [a.patientId] });
  });

  it('the encounter list names every patient it returned', async () => {
    const cookie = await login(app, a.users.coder.username);
    const res = await app.inject({ method: 'GET', url: '/api/encounters', headers: { cookie } });
    expect(res.statusCode).toBe(200);
    const shown = [...new Set(res.json().items.map((e: { patientId: number }) => e.patientId))];
    expect(shown.length).toBeGreaterThan(0);
    const row = await lastRow(a.tenantId, 'query');
    expect(row.resource_type).toBe('encounter');
    expect((row.details as { patientIds: number[] }).patientIds).toEqual(shown);
  });

  it("a probe of another tenant's id answers 404 and leaves a row in the prober's chain", async () => {
    const cookie = await login(app, a.users.biller.username);
    for (const url of [`/api/patients/${b.patientId}`, `/api/claims/${b.claimId}`, `/api/edi-files/${b.ediFileId}`]) {
      const res = await app.inject({ method: 'GET', url, headers: { cookie } });
      expect(res.statusCode, url).toBe(404);
      const row = await lastRow(a.tenantId, 'read');
      expect(row, url).toMatchObject({ outcome: 'failure', resource_type: 'route', username: a.users.biller.username });
      expect(row.details, url).toMatchObject({ reason: 'not_found' });
      expect(row.resource_id).toBe(`GET ${url.replace(/\d+$/, ':id')}`);
    }
    const inB = await store.db
      .selectFrom('audit_event')
      .select('seq')
      .where('tenant_id', '=', b.tenantId)
      .where('username', '=', a.users.biller.username)
      .execute();
    expect(inB).toEqual([]);
  });

  it('a failed log-in for a name no tenant has leaves a row for the operator', async () => {
    const name = `nobody-${Date.now()}`;
    const res = await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: name, password: 'not-the-password' },
    });
    expect(res.statusCode).toBe(401);
    const rows = await store.db.selectFrom('login_failure_unknown').selectAll().where('username', '=', name).execute();
    expect(rows).toHaveLength(1);
    expect(rows[0]!.source_ip).toBeTruthy();
  });
});
