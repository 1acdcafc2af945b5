/**
 * Taking a coverage off a patient, as a billing office does: end it on a date (it stays on file for the
 * claims it paid), or delete one entered by mistake while no claim uses it. Both audited with the
 * patient and what changed, refused to roles without patient:write, and walled off between tenants.
 */
import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyAudit } from '../src/audit/verify-audit.ts';
import { withTenant, type Store } from '../src/db/open-database.ts';
import { buildApp } from '../src/http/app.ts';
import { createTenantFixture, login, testDeps, type TenantFixture } from './fixtures.ts';
import { openTestStore } from './test-store.ts';

let store: Store;
let app: Awaited<ReturnType<typeof buildApp>>;
let auditKey: Buffer;
let t: TenantFixture;
let other: TenantFixture;
let rep: string;
let coder: string;

beforeAll(async () => {
  store = await openTestStore();
  auditKey = crypto.randomBytes(32);
  app = await buildApp(testDeps(store, { auditKey }));
  t = await createTenantFixture(store, 'cov');
  other = await createTenantFixture(store, 'othercov');
  rep = await login(app, t.users.account_rep.username);
  coder = await login(app, t.users.coder.username);
});
afterAll(async () => {
  await app?.close();
  await store?.close();
});

const call = (cookie: string, method: string, url: string, payload?: unknown) =>
  app.inject({
    method: method as 'GET',
    url,
    payload: (payload ?? (method === 'GET' ? undefined : {})) as object,
    headers: { cookie },
  });

const auditSince = async (seq: number) =>
  store.db
    .selectFrom('audit_event')
    .selectAll()
    .where('tenant_id', '=', t.tenantId)
    .where('seq', '>', seq)
    .orderBy('seq')
    .execute();
const lastSeq = async () =>
  Number(
    (await store.db.selectFrom('audit_chain_head').select('seq').where('tenant_id', '=', t.tenantId).executeTakeFirst())
      ?.seq ?? 0,
  );

async function addCoverage(order: number, memberId: string, effectiveDate = '2025-01-01') {
  const res = await call(rep, 'POST', '/api/coverages', {
    patientId: t.patientId,
    payerId: t.payerId,
    coverageOrder: order,
    memberId,
    relationshipCode: '18',
    subscriberFirstName: 'Quinn',
    subscriberLastName: 'Samplecov',
    effectiveDate,
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().id as number;
}

async function encounterOn(date: string) {
  return withTenant(store.db, t.tenantId, async (tx) => {
    const e = await tx
      .insertInto('encounter')
      .values({
        tenant_id: t.tenantId,
        patient_id: t.patientId,
        practice_id: t.practiceId,
        rendering_provider_id: t.providerId,
        place_of_service: '11',
        service_date_from: date,
        service_date_to: date,
        status: 'coded',
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await tx
      .insertInto('encounter_diagnosis')
      .values({ tenant_id: t.tenantId, encounter_id: e.id, position: 1, code: 'I10' })
      .execute();
    await tx
      .insertInto('service_line')
      .values({
        tenant_id: t.tenantId,
        encounter_id: e.id,
        line_number: 1,
        procedure_code: '99213',
        units: 1,
        charge_cents: 13000,
        diagnosis_pointers: [1],
        service_date: date,
      })
      .execute();
    return e.id;
  });
}

describe('ending a coverage', () => {
  it('sets the end date, audits it against the patient, and names the claims for visits after the end', async () => {
    const before = await lastSeq();
    const res = await call(rep, 'POST', `/api/coverages/${t.coverageId}/end`, { endDate: '2026-10-31' });
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({ id: t.coverageId, endDate: '2026-10-31', effectiveDate: '2025-01-01' });
    // the fixture's claim is for a visit on 2026-11-02: the payer will deny it, so it is listed
    expect(body.claimsAfterEnd).toEqual([
      expect.objectContaining({ id: t.claimId, claimNumber: `T${t.tenantId}C1`, serviceDateFrom: '2026-11-02' }),
    ]);
    const rows = await auditSince(before);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      action: 'update',
      resource_type: 'coverage',
      resource_id: String(t.coverageId),
      patient_id: t.patientId,
      data_category: 'insurance',
      username: t.users.account_rep.username,
      source_ip: '127.0.0.1',
      outcome: 'success',
    });
    expect(rows[0].details).toMatchObject({
      ended: true,
      changes: { end_date: { from: null, to: '2026-10-31' } },
      claimsAfterEnd: [t.claimId],
    });
    const patient = (await call(rep, 'GET', `/api/patients/${t.patientId}`)).json();
    expect(patient.coverages.find((c: { id: number }) => c.id === t.coverageId).endDate).toBe('2026-10-31');
  });

  it('an ended coverage is not billed for visits after its end; visits before it still are', async () => {
    const after = await encounterOn('2026-11-15');
    const refused = await call(
      await login(app, t.users.biller.username),
      'POST',
      `/api/encounters/${after}/claims`,
      {},
    );
    expect(refused.statusCode).toBe(400);
    expect(refused.json().issues[0].location.field).toBe('coverage');
    const beforeEnd = await encounterOn('2026-10-20');
    const ok = await call(await login(app, t.users.biller.username), 'POST', `/api/encounters/${beforeEnd}/claims`, {});
    expect(ok.statusCode, ok.body).toBe(201);
  });

  it('refuses an end date before the effective date or not a date, naming the field, and changes nothing', async () => {
    for (const endDate of ['2024-12-31', '2026-02-30', '10/31/2026']) {
      const res = await call(rep, 'POST', `/api/coverages/${t.coverageId}/end`, { endDate });
      expect(res.statusCode, endDate).toBe(400);
      expect(res.json().issues[0].location.field, endDate).toBe('endDate');
    }
    const row = await store.db
      .selectFrom('coverage')
      .select('end_date')
      .where('tenant_id', '=', t.tenantId)
      .where('id', '=', t.coverageId)
      .executeTakeFirstOrThrow();
    expect(row.end_date).toBe('2026-10-31');
  });

  it('a change of only the end date through PATCH is checked against the stored effective date (400 naming endDate, not a 500)', async () => {
    const res = await call(rep, 'PATCH', `/api/coverages/${t.coverageId}`, { endDate: '2020-01-01' });
    expect(res.statusCode, res.body).toBe(400);
    expect(res.json().issues[0].location.field).toBe('endDate');
    const payer = await call(rep, 'PATCH', `/api/coverages/${t.coverageId}`, { payerId: other.payerId });
    expect(payer.statusCode, payer.body).toBe(400);
    expect(payer.json().issues[0].location.field).toBe('payerId');
    expect(payer.body).not.toMatch(/othercov/i);
  });
});

describe('deleting a coverage entered by mistake', () => {
  it('deletes one no claim uses, and the audit row keeps what it held and the patient', async () => {
    const id = await addCoverage(2, 'TYPO12345');
    const before = await lastSeq();
    const res = await call(rep, 'DELETE', `/api/coverages/${id}`);
    expect(res.statusCode, res.body).toBe(204);
    expect((await call(rep, 'GET', `/api/coverages/${id}`)).statusCode).toBe(404);
    const patient = (await call(rep, 'GET', `/api/patients/${t.patientId}`)).json();
    expect(patient.coverages.map((c: { id: number }) => c.id)).not.toContain(id);
    const [row] = await auditSince(before);
    expect(row).toMatchObject({
      action: 'delete',
      resource_type: 'coverage',
      resource_id: String(id),
      patient_id: t.patientId,
      data_category: 'insurance',
      username: t.users.account_rep.username,
      outcome: 'success',
    });
    expect(row.details).toMatchObject({
      deleted: { id, memberId: 'TYPO12345', coverageOrder: 2, patientId: t.patientId, payerId: t.payerId },
    });
    expect((row.details as { deleted: Record<string, unknown> }).deleted.tenantId).toBeUndefined();
    expect((await verifyAudit(store.db, auditKey, { tenantId: t.tenantId })).ok).toBe(true);
  });

  it('refuses to delete a coverage a claim uses, naming the claim and pointing to the end date', async () => {
    const res = await call(rep, 'DELETE', `/api/coverages/${t.coverageId}`);
    expect(res.statusCode).toBe(409);
    expect(res.json().message).toMatch(new RegExp(`T${t.tenantId}C1.*end date`));
    expect(res.json().issues[0].location.field).toBe('coverage');
    const still = await store.db
      .selectFrom('coverage')
      .select('id')
      .where('tenant_id', '=', t.tenantId)
      .where('id', '=', t.coverageId)
      .execute();
    expect(still).toHaveLength(1);
  });

  it('the database backs the check: a coverage on a claim cannot be deleted even past the route', async () => {
    await expect(
      withTenant(store.db, t.tenantId, (tx) =>
        tx.deleteFrom('coverage').where('tenant_id', '=', t.tenantId).where('id', '=', t.coverageId).execute(),
      ),
    ).rejects.toThrow(/foreign key/);
  });
});

describe('who may, and whose', () => {
  it('a role without patient:write gets 403 on both, audited as refused', async () => {
    const id = await addCoverage(3, 'KEEP1234');
    expect((await call(coder, 'DELETE', `/api/coverages/${id}`)).statusCode).toBe(403);
    expect((await call(coder, 'POST', `/api/coverages/${id}/end`, { endDate: '2026-12-31' })).statusCode).toBe(403);
    const denied = await store.db
      .selectFrom('audit_event')
      .select(['resource_id'])
      .where('tenant_id', '=', t.tenantId)
      .where('action', '=', 'access_denied')
      .where('username', '=', t.users.coder.username)
      .execute();
    expect(denied.map((d) => d.resource_id)).toEqual(
      expect.arrayContaining(['DELETE /api/coverages/:id', 'POST /api/coverages/:id/end']),
    );
    expect(
      (
        await store.db
          .selectFrom('coverage')
          .select(['end_date'])
          .where('tenant_id', '=', t.tenantId)
          .where('id', '=', id)
          .executeTakeFirstOrThrow()
      ).end_date,
    ).toBeNull();
  });

  it("another tenant's coverage is 404 for both, and is left as it was", async () => {
    const admin = await login(app, t.users.admin.username);
    const del = await call(admin, 'DELETE', `/api/coverages/${other.coverageId}`);
    const end = await call(admin, 'POST', `/api/coverages/${other.coverageId}/end`, { endDate: '2026-12-31' });
    expect([del.statusCode, end.statusCode]).toEqual([404, 404]);
    expect(del.body + end.body).not.toMatch(/othercov|MEM12345/i);
    const theirs = await store.db
      .selectFrom('coverage')
      .select(['id', 'end_date'])
      .where('tenant_id', '=', other.tenantId)
      .where('id', '=', other.coverageId)
      .executeTakeFirstOrThrow();
    expect(theirs.end_date).toBeNull();
  });
});
