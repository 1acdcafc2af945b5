/**
 * The front desk's eligibility check end to end: 270 built from the coverage, sent over real SFTP to the payer
 * simulator on 127.0.0.1, its 271 picked up, stored as received and explained; answers that come later are
 * applied by the inbound poller; every step audited with the patient; walls between roles and tenants.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validateFile } from '@medbill/x12';
import { processInbound } from '../src/claims/inbound/intake.ts';
import { adapterFactory, defaultClaimServices } from '../src/claims/claim-services.ts';
import { startPayerSftpSite, type PayerSftpSite } from '../src/clearinghouse/payer-sftp-site.ts';
import { setClearinghouseSecret } from '../src/clearinghouse/clearinghouse-secrets.ts';
import { withTenant, type Store } from '../src/db/open-database.ts';
import { buildApp } from '../src/http/app.ts';
import { demoPayerContracts } from '../src/payer-sim/demo-contracts.ts';
import { createPayerSimResponder } from '../src/payer-sim/payer-sim-responder.ts';
import { createTenantFixture, login, testDeps, type TenantFixture } from './fixtures.ts';
import { openTestStore } from './test-store.ts';

let store: Store;
let app: Awaited<ReturnType<typeof buildApp>>;
let t: TenantFixture;
let other: TenantFixture;
let rep: string;
let coder: string;
let site: PayerSftpSite;
let sftpClearinghouse: number;
let deps: ReturnType<typeof testDeps>;
const root = fs.mkdtempSync(path.join(os.tmpdir(), 'medbill-elig-'));
const NOW = new Date('2026-11-23T15:00:00Z');

beforeAll(async () => {
  store = await openTestStore();
  const respond = createPayerSimResponder({
    contracts: demoPayerContracts(),
    seed: 'elig',
    rejectRate: 0,
    now: () => NOW,
  });
  site = await startPayerSftpSite({
    rootDir: path.join(root, 'payer'),
    username: 'medbill',
    password: 'sftp-test-password',
    pollMs: 50,
    respond: async (name, text) => (await respond(name, text)).map((f) => ({ name: f.name, text: f.text })),
  });
  deps = testDeps(store);
  deps.claims = defaultClaimServices(path.join(root, 'data'), {
    now: () => NOW,
    adapterFor: adapterFactory(path.join(root, 'data')),
  });
  app = await buildApp({ ...deps, eligibilityWaitMs: 20_000 });
  t = await createTenantFixture(store, 'elig');
  other = await createTenantFixture(store, 'eligother');
  await withTenant(store.db, t.tenantId, async (tx) => {
    await tx
      .updateTable('payer')
      .set({ payer_code: 'DEMOACME', name: 'Acme Health PPO' })
      .where('tenant_id', '=', t.tenantId)
      .execute();
    await tx.updateTable('coverage').set({ group_number: 'G1000' }).where('tenant_id', '=', t.tenantId).execute();
    const c = site.clientConfig;
    sftpClearinghouse = (
      await tx
        .insertInto('clearinghouse')
        .values({
          tenant_id: t.tenantId,
          name: 'Test SFTP clearinghouse',
          transport: 'sftp',
          submitter_id: 'ELIGSUB',
          submitter_name: 'Elig Billing',
          receiver_id: 'DEMOCH',
          receiver_name: 'Demo CH',
          config: JSON.stringify({ ...c, password: undefined }),
        })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
    await setClearinghouseSecret(
      tx,
      deps.auditKey,
      t.tenantId,
      sftpClearinghouse,
      { password: 'sftp-test-password' },
      null,
    );
  });
  // the fixture's folder clearinghouse comes first by id: make the SFTP one the only choice (as the owner)
  await store.db.deleteFrom('batch').where('tenant_id', '=', t.tenantId).execute();
  await store.db.deleteFrom('edi_file').where('tenant_id', '=', t.tenantId).execute();
  await store.db.deleteFrom('control_number').where('tenant_id', '=', t.tenantId).execute();
  await store.db
    .deleteFrom('clearinghouse')
    .where('tenant_id', '=', t.tenantId)
    .where('id', '<>', sftpClearinghouse)
    .execute();
  rep = await login(app, t.users.account_rep.username);
  coder = await login(app, t.users.coder.username);
});
afterAll(async () => {
  await app?.close();
  await site?.close();
  await store?.close();
  fs.rmSync(root, { recursive: true, force: true });
});

const call = (cookie: string, method: string, url: string, payload?: unknown) =>
  app.inject({ method: method as 'GET', url, payload: payload as object, headers: { cookie } });

describe('eligibility check through the clearinghouse and the payer simulator', () => {
  let checkId: number;

  it('sends a valid 270 and shows the 271 the way a biller explains it', async () => {
    const res = await call(rep, 'POST', `/api/patients/${t.patientId}/eligibility-checks`, {
      serviceDate: '2026-11-23',
    });
    expect(res.statusCode, res.body).toBe(201);
    const check = res.json();
    checkId = check.id;
    expect(check).toMatchObject({ status: 'answered', payerName: 'ACME HEALTH PPO', serviceDate: '2026-11-23' });
    expect(check.benefits).toMatchObject({
      status: 'active',
      insuranceType: 'PPO',
      officeVisitCopay: { cents: 2500, network: 'in' },
      deductibles: [{ network: 'in', level: 'IND', total: 50000, remaining: 50000, met: 0 }],
      outOfPocket: [{ total: 600000, remaining: 600000 }],
    });
    expect(check.benefits.sentences[0]).toBe('The plan ACME HEALTH PPO DEMO is active on Nov 23, 2026.');
    expect(check.benefits.sentences).toContain('Copay for office visits (individual, in network): $25.00.');
    // the request went out as a valid 270, and the answer is kept as received
    const files = await withTenant(store.db, t.tenantId, (tx) =>
      tx
        .selectFrom('edi_file')
        .select(['id', 'kind', 'content', 'direction'])
        .where('tenant_id', '=', t.tenantId)
        .where('id', 'in', [check.requestFileId, check.responseFileId])
        .execute(),
    );
    const sent = files.find((f) => f.kind === '270')!;
    expect(validateFile(sent.content).issues.filter((i) => i.severity === 'error')).toEqual([]);
    expect(sent.content).toContain(`TRN*1*${check.traceNumber}*9741111111`);
    const got = files.find((f) => f.kind === '271')!;
    expect(got.direction).toBe('inbound');
    expect(got.content).toContain(`TRN*2*${check.traceNumber}`);
  });

  it('lists the answers on the patient and audits each step naming the patient', async () => {
    const list = await call(rep, 'GET', `/api/patients/${t.patientId}/eligibility-checks`);
    expect(list.statusCode).toBe(200);
    expect(list.json().items.map((c: { id: number }) => c.id)).toEqual([checkId]);
    const rows = await withTenant(store.db, t.tenantId, (tx) =>
      tx
        .selectFrom('audit_event')
        .select(['action', 'patient_id', 'resource_type'])
        .where('tenant_id', '=', t.tenantId)
        .where('resource_type', '=', 'eligibility_check')
        .orderBy('seq')
        .execute(),
    );
    expect(rows.map((r) => r.action)).toEqual(['export', 'update', 'read', 'query']);
    expect(new Set(rows.map((r) => r.patient_id))).toEqual(new Set([t.patientId]));
  });

  it('a member ID the payer does not accept comes back as a rejection in words', async () => {
    await withTenant(store.db, t.tenantId, (tx) =>
      tx.updateTable('coverage').set({ member_id: 'x1' }).where('tenant_id', '=', t.tenantId).execute(),
    );
    const res = await call(rep, 'POST', `/api/patients/${t.patientId}/eligibility-checks`, {});
    await withTenant(store.db, t.tenantId, (tx) =>
      tx.updateTable('coverage').set({ member_id: 'MEM12345' }).where('tenant_id', '=', t.tenantId).execute(),
    );
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ status: 'rejected', benefits: { status: 'not_found' } });
    expect(res.json().benefits.problems[0]).toMatch(/member ID is not valid/);
  });

  it('an answer that comes after the wait is applied by the inbound poller', async () => {
    const quick = await buildApp({ ...deps, eligibilityWaitMs: 0 });
    const cookie = await login(quick, t.users.account_rep.username);
    const res = await quick.inject({
      method: 'POST',
      url: `/api/patients/${t.patientId}/eligibility-checks`,
      payload: {},
      headers: { cookie },
    });
    expect(res.json().status).toBe('sent');
    const adapter = deps.claims.adapterFor(
      {
        tenant_id: t.tenantId,
        id: sftpClearinghouse,
        name: 'sftp',
        transport: 'sftp',
        config: { ...site.clientConfig },
      },
      { password: 'sftp-test-password' },
    );
    let answered = false;
    for (let i = 0; i < 100 && !answered; i++) {
      await new Promise((r) => setTimeout(r, 100));
      await processInbound(deps, { tenantId: t.tenantId, userId: null, username: 'poller', sourceIp: null }, adapter, {
        clearinghouseId: sftpClearinghouse,
      });
      const again = await call(rep, 'GET', `/api/eligibility-checks/${res.json().id}`);
      answered = again.json().status === 'answered';
    }
    await adapter.close();
    await quick.close();
    expect(answered).toBe(true);
  });

  it('a clearinghouse that cannot be reached leaves a failed check that says why', async () => {
    await withTenant(store.db, t.tenantId, (tx) =>
      tx
        .updateTable('clearinghouse')
        .set({ config: JSON.stringify({ ...site.clientConfig, port: 1 }) })
        .where('tenant_id', '=', t.tenantId)
        .execute(),
    );
    const res = await call(rep, 'POST', `/api/patients/${t.patientId}/eligibility-checks`, {});
    await withTenant(store.db, t.tenantId, (tx) =>
      tx
        .updateTable('clearinghouse')
        .set({ config: JSON.stringify({ ...site.clientConfig }) })
        .where('tenant_id', '=', t.tenantId)
        .execute(),
    );
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ status: 'failed', benefits: null });
    expect(res.json().problem).toMatch(/^Could not send the inquiry to Test SFTP clearinghouse/);
  });

  it('roles and tenants are walls; bad input is named', async () => {
    expect((await call(coder, 'POST', `/api/patients/${t.patientId}/eligibility-checks`, {})).statusCode).toBe(403);
    const outsider = await login(app, other.users.account_rep.username);
    expect((await call(outsider, 'GET', `/api/eligibility-checks/${checkId}`)).statusCode).toBe(404);
    expect((await call(outsider, 'POST', `/api/patients/${t.patientId}/eligibility-checks`, {})).statusCode).toBe(404);
    const bad = await call(rep, 'POST', `/api/patients/${t.patientId}/eligibility-checks`, {
      serviceDate: '2026-02-30',
      procedures: ['12'],
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().issues.map((i: { location: { field: string } }) => i.location.field)).toEqual(
      expect.arrayContaining(['serviceDate', expect.stringMatching(/^procedures/)]),
    );
    expect(bad.json().message).toMatch(/Date of service/);
    expect(bad.json().message).toMatch(/Procedures/);
  });
});
