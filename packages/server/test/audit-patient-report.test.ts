/** A patient's audit report lists every row about that patient, rows about several patients included. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Store } from '../src/db/open-database.ts';
import { withTenant } from '../src/db/open-database.ts';
import { recordAudit } from '../src/audit/record-audit.ts';
import { buildApp } from '../src/http/app.ts';
import { createTenantFixture, login, testDeps, type TenantFixture } from './fixtures.ts';
import { openTestStore } from './test-store.ts';

let store: Store;
let app: Awaited<ReturnType<typeof buildApp>>;
let deps: ReturnType<typeof testDeps>;
let t: TenantFixture;
let other: TenantFixture;
let cookie: string;

beforeAll(async () => {
  store = await openTestStore();
  deps = testDeps(store);
  app = await buildApp(deps);
  t = await createTenantFixture(store, 'report');
  other = await createTenantFixture(store, 'report-other');
  cookie = await login(app, t.users.admin.username);
  const actor = { tenantId: t.tenantId, userId: null, username: 'system', sourceIp: null };
  await withTenant(store.db, t.tenantId, async (tx) => {
    await recordAudit(tx, deps.auditKey, actor, {
      action: 'create',
      resourceType: 'edi_file',
      resourceId: 991,
      dataCategory: 'claim',
      details: { patientIds: [t.patientId, t.patientId + 1000] },
    });
    await recordAudit(tx, deps.auditKey, actor, {
      action: 'read',
      resourceType: 'patient',
      resourceId: t.patientId,
      patientId: t.patientId,
      dataCategory: 'demographics',
    });
    await recordAudit(tx, deps.auditKey, actor, {
      action: 'create',
      resourceType: 'edi_file',
      resourceId: 992,
      dataCategory: 'claim',
      details: { patientIds: [t.patientId + 1000] },
    });
  });
});
afterAll(async () => {
  await app?.close();
  await store?.close();
});

const report = async (patientId: number, as = cookie) => {
  const res = await app.inject({
    method: 'GET',
    url: `/api/audit?patientId=${patientId}&limit=500`,
    headers: { cookie: as },
  });
  expect(res.statusCode).toBe(200);
  return (
    res.json() as { items: Array<{ resource_type: string; resource_id: string | null; patient_id: number | null }> }
  ).items;
};

describe("a patient's audit report", () => {
  it('holds the rows naming the patient in patient_id and in details.patientIds, and no others', async () => {
    const rows = await report(t.patientId);
    const files = rows.filter((r) => r.resource_type === 'edi_file').map((r) => r.resource_id);
    expect(files).toContain('991');
    expect(files).not.toContain('992');
    expect(rows.some((r) => r.patient_id === t.patientId)).toBe(true);
  });

  it("another tenant's admin asking for the same patient id sees none of it", async () => {
    const theirs = await login(app, other.users.admin.username);
    const rows = await report(t.patientId, theirs);
    expect(rows.filter((r) => r.resource_type === 'edi_file')).toEqual([]);
  });
});
