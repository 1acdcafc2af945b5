/**
 * The billing specialist's day through the API, end to end: encounter → claim → scrub → batch (837P)
 * → submit over real SFTP to a payer simulator on 127.0.0.1 → poll 999, 277CA and 835 → claim states,
 * each transition an event. Files are kept as received and processed once.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validateFile } from '@medbill/x12';
import { startPayerSftpSite, type PayerSftpSite } from '../src/clearinghouse/payer-sftp-site.ts';
import { verifyAudit } from '../src/audit/verify-audit.ts';
import { adapterFactory, defaultClaimServices } from '../src/claims/claim-services.ts';
import { withTenant, type Store } from '../src/db/open-database.ts';
import { buildApp } from '../src/http/app.ts';
import { demoPayerContracts } from '../src/payer-sim/demo-contracts.ts';
import { createPayerSimResponder } from '../src/payer-sim/payer-sim-responder.ts';
import { createTenantFixture, login, testDeps, type TenantFixture } from './fixtures.ts';
import { openTestStore } from './test-store.ts';

let store: Store;
let app: Awaited<ReturnType<typeof buildApp>>;
let t: TenantFixture;
let biller: string;
let coder: string;
let site: PayerSftpSite;
let clearinghouseId: number;
let auditKey: Buffer;
const root = fs.mkdtempSync(path.join(os.tmpdir(), 'medbill-cycle-'));
const NOW = new Date('2026-11-23T15:00:00Z');

beforeAll(async () => {
  store = await openTestStore();
  site = await startPayerSftpSite({
    rootDir: path.join(root, 'payer'),
    username: 'medbill',
    password: 'sftp-test-password',
    pollMs: 100,
    respond: async (name, text) =>
      (
        await createPayerSimResponder({
          contracts: demoPayerContracts(),
          seed: 'cycle-test',
          rejectRate: 0,
          now: () => NOW,
        })(name, text)
      ).map((f) => ({ name: f.name, text: f.text })),
  });
  const deps = testDeps(store);
  auditKey = deps.auditKey;
  deps.claims = defaultClaimServices(path.join(root, 'data'), {
    now: () => NOW,
    coding: deps.codes.check,
    adapterFor: adapterFactory(path.join(root, 'data')),
  });
  app = await buildApp(deps);
  t = await createTenantFixture(store, 'cycle');
  await withTenant(store.db, t.tenantId, async (tx) => {
    await tx
      .updateTable('payer')
      .set({ payer_code: 'DEMOACME', name: 'Acme Health PPO' })
      .where('tenant_id', '=', t.tenantId)
      .where('id', '=', t.payerId)
      .execute();
    await tx.updateTable('practice').set({ service_zip: '787012345' }).where('tenant_id', '=', t.tenantId).execute();
    await tx.updateTable('coverage').set({ group_number: 'G1000' }).where('tenant_id', '=', t.tenantId).execute();
    const fs1 = await tx
      .insertInto('fee_schedule')
      .values({ tenant_id: t.tenantId, practice_id: t.practiceId, name: 'Standard', effective_from: '2025-01-01' })
      .returning('id')
      .executeTakeFirstOrThrow();
    for (const [code, cents] of [
      ['99213', 13000],
      ['99214', 19000],
      ['36415', 2500],
    ] as const)
      await tx
        .insertInto('fee_schedule_item')
        .values({ tenant_id: t.tenantId, fee_schedule_id: fs1.id, procedure_code: code, charge_cents: cents })
        .execute();
    const c = site.clientConfig;
    clearinghouseId = (
      await tx
        .insertInto('clearinghouse')
        .values({
          tenant_id: t.tenantId,
          name: 'Test SFTP clearinghouse',
          transport: 'sftp',
          submitter_id: 'CYCLESUB',
          submitter_name: 'Cycle Billing',
          receiver_id: 'DEMOCH',
          receiver_name: 'Demo CH',
          config: JSON.stringify({
            host: c.host,
            port: c.port,
            username: c.username,
            hostKeySha256: c.hostKeySha256,
            outboundDir: c.outboundDir,
            inboundDir: c.inboundDir,
            processedDir: c.processedDir,
          }),
        })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
  });
  biller = await login(app, t.users.biller.username);
  coder = await login(app, t.users.coder.username);
  const admin = await login(app, t.users.admin.username);
  const secret = await call(admin, 'PUT', `/api/clearinghouses/${clearinghouseId}/secret`, {
    password: 'sftp-test-password',
  });
  expect(secret.statusCode, secret.body).toBe(200);
});
afterAll(async () => {
  await app?.close();
  await site?.close();
  await store?.close();
  fs.rmSync(root, { recursive: true, force: true });
});

const call = (cookie: string, method: string, url: string, payload?: unknown) =>
  app.inject({ method: method as 'GET', url, payload: payload as object, headers: { cookie } });

async function encounter(diagnoses: string[], lines: object[], cookie = coder) {
  const res = await call(cookie, 'POST', '/api/encounters', {
    patientId: t.patientId,
    practiceId: t.practiceId,
    renderingProviderId: t.providerId,
    placeOfService: '11',
    serviceDateFrom: '2026-11-10',
    noteText: 'Follow-up visit',
    diagnoses,
    lines,
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().id as number;
}

describe('claims cycle', () => {
  let goodClaim: number;
  let badClaim: number;

  it('prices lines from the fee schedule and asks a reason for any other charge', async () => {
    const noReason = await call(coder, 'POST', '/api/encounters', {
      patientId: t.patientId,
      practiceId: t.practiceId,
      renderingProviderId: t.providerId,
      placeOfService: '11',
      serviceDateFrom: '2026-11-10',
      diagnoses: ['I10'],
      lines: [{ procedureCode: '99213', units: 1, chargeCents: 9999, diagnosisPointers: [1] }],
    });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().issues[0].location.field).toBe('lines.0.chargeOverrideReason');
    const id = await encounter(
      ['E11.9', 'I10'],
      [
        { procedureCode: '99214', units: 1, diagnosisPointers: [1, 2] },
        { procedureCode: '36415', units: 1, diagnosisPointers: [1] },
      ],
    );
    const enc = (await call(coder, 'GET', `/api/encounters/${id}`)).json();
    expect(enc.lines.map((l: { chargeCents: number }) => l.chargeCents)).toEqual([19000, 2500]);
    expect(enc.diagnoses).toEqual(['E119', 'I10']);
    goodClaim = (await call(biller, 'POST', `/api/encounters/${id}/claims`, {})).json().id;
    const badEnc = await encounter(['E11'], [{ procedureCode: '99213', units: 1, diagnosisPointers: [1] }]);
    badClaim = (await call(biller, 'POST', `/api/encounters/${badEnc}/claims`, {})).json().id;
    expect((await call(coder, 'POST', `/api/encounters/${badEnc}/claims`, {})).statusCode).toBe(403);
  });

  it('scrubs: the clean claim is ready, the other stays draft with a plain message and the field to fix', async () => {
    const res = await call(biller, 'POST', '/api/claims/scrub', { claimIds: [goodClaim, badClaim] });
    expect(res.statusCode, res.body).toBe(200);
    const byId = Object.fromEntries(res.json().outcomes.map((o: { claimId: number }) => [o.claimId, o]));
    expect(byId[goodClaim].state).toBe('ready');
    expect(byId[badClaim].state).toBe('draft');
    expect(byId[badClaim].edits[0]).toMatchObject({
      code: 'dx-not-billable',
      ruleId: 'dx-not-billable',
      location: { field: 'diagnoses[0]' },
      severity: 'error',
    });
    const summary = (await call(biller, 'GET', '/api/claims/summary')).json();
    expect(summary.counts.ready).toBeGreaterThanOrEqual(1);
    expect(summary.cleanClaimRate).toBeGreaterThan(0);
    // the rate is counted from the events' typed cause, not the wording of their reasons
    const reword = (to: string) =>
      sql`UPDATE claim_event SET reason = ${to} WHERE tenant_id = ${t.tenantId} AND cause = 'scrub'`.execute(store.db);
    const reasons = await store.db
      .selectFrom('claim_event')
      .select(['id', 'reason'])
      .where('tenant_id', '=', t.tenantId)
      .where('cause', '=', 'scrub')
      .execute();
    await reword('checked by the rules engine');
    const reworded = (await call(biller, 'GET', '/api/claims/summary')).json();
    for (const r of reasons)
      await store.db.updateTable('claim_event').set({ reason: r.reason }).where('id', '=', r.id).execute();
    expect(reworded).toMatchObject({ scrubbed: summary.scrubbed, cleanAtFirstScrub: summary.cleanAtFirstScrub });
    expect(summary.scrubbed).toBeGreaterThanOrEqual(2);
  });

  it('fix and rescrub: the coder corrects the diagnosis and the claim becomes ready', async () => {
    const claim = (await call(biller, 'GET', `/api/claims/${badClaim}`)).json();
    const put = await call(coder, 'PUT', `/api/encounters/${claim.encounterId}/coding`, {
      diagnoses: ['E11.9'],
      lines: [{ procedureCode: '99213', units: 1, diagnosisPointers: [1] }],
    });
    expect(put.statusCode, put.body).toBe(200);
    const res = await call(biller, 'POST', '/api/claims/scrub', { claimIds: [badClaim] });
    expect(res.json().outcomes[0].state).toBe('ready');
  });

  it('batches ready claims into one 837P that passes our implementation-guide validation', async () => {
    const res = await call(biller, 'POST', '/api/batches', { clearinghouseId });
    expect(res.statusCode, res.body).toBe(201);
    const [batch] = res.json().batches;
    expect(batch.claimIds.sort()).toEqual([goodClaim, badClaim].sort());
    const file = (await call(biller, 'GET', `/api/edi-files/${batch.fileId}`)).json();
    const v = validateFile(file.content, { file: file.fileName });
    expect(v.issues.filter((i) => i.severity === 'error')).toEqual([]);
    expect((await call(biller, 'GET', `/api/claims/${goodClaim}`)).json().state).toBe('batched');
    // the audit row names the claims and their patients, so each patient's audit report finds it
    const row = await store.db
      .selectFrom('audit_event')
      .select(['details', 'patient_id'])
      .where('tenant_id', '=', t.tenantId)
      .where('action', '=', 'create')
      .where('resource_type', '=', 'batch')
      .orderBy('seq', 'desc')
      .executeTakeFirstOrThrow();
    const details = (typeof row.details === 'string' ? JSON.parse(row.details) : row.details) as {
      claimIds: number[];
      patientIds: number[];
    };
    expect(details.claimIds.sort()).toEqual([goodClaim, badClaim].sort());
    expect(details.patientIds.length).toBeGreaterThan(0);
  });

  it('submits over SFTP, and the 999, 277CA and 835 move every claim to what the payer decided', async () => {
    const sent = await call(biller, 'POST', `/api/clearinghouses/${clearinghouseId}/submit`, {});
    expect(sent.statusCode, sent.body).toBe(200);
    expect(sent.json().sent).toHaveLength(1);
    expect((await call(biller, 'GET', `/api/claims/${goodClaim}`)).json().state).toBe('submitted');
    let files: Array<{ kind: string; problems: string[] }> = [];
    for (let i = 0; i < 50 && !files.some((f) => f.kind === '835'); i++) {
      await new Promise((r) => setTimeout(r, 200));
      const poll = await call(biller, 'POST', `/api/clearinghouses/${clearinghouseId}/poll`, {});
      expect(poll.statusCode, poll.body).toBe(200);
      files = [...files, ...poll.json().files];
    }
    expect(files.map((f) => f.kind).sort()).toEqual(['277CA', '835', '999']);
    expect(files.flatMap((f) => f.problems)).toEqual([]);
    const claim = (await call(biller, 'GET', `/api/claims/${goodClaim}`)).json();
    expect(claim.state).toBe('paid');
    expect(claim.payerClaimNumber).toBeTruthy();
    expect(claim.events.map((e: { toState: string }) => e.toState)).toEqual([
      'draft',
      'ready',
      'batched',
      'submitted',
      'acknowledged',
      'accepted',
      'paid',
    ]);
    expect(claim.files.map((f: { kind: string }) => f.kind)).toEqual(['837P', '999', '277CA', '835']);
    // each file processed is audited as the biller who polled, from their address, naming the claims and the patient
    const rows = await store.db
      .selectFrom('audit_event')
      .selectAll()
      .where('tenant_id', '=', t.tenantId)
      .where('action', '=', 'create')
      .where('resource_type', '=', 'edi_file')
      .where('resource_id', 'is not', null)
      .orderBy('seq')
      .execute();
    expect(rows.map((r) => (r.details as { kind: string }).kind)).toEqual(['999', '277CA', '835']);
    for (const r of rows) {
      expect(r).toMatchObject({
        username: t.users.biller.username,
        user_id: t.users.biller.id,
        source_ip: '127.0.0.1',
        patient_id: t.patientId,
        data_category: 'claim',
      });
      expect(r.details).toMatchObject({
        claimIds: [goodClaim, badClaim].sort((a, b) => a - b),
        patientIds: [t.patientId],
        claimsMoved: 2,
      });
    }
    expect(await verifyAudit(store.db, auditKey, { tenantId: t.tenantId })).toMatchObject({ ok: true });
  });

  it('the same response file twice is stored and processed once', async () => {
    const { processFile } = await import('../src/claims/inbound/intake.ts');
    const f = await withTenant(store.db, t.tenantId, (tx) =>
      tx
        .selectFrom('edi_file')
        .select(['file_name', 'content'])
        .where('tenant_id', '=', t.tenantId)
        .where('kind', '=', '999')
        .executeTakeFirstOrThrow(),
    );
    const again = await withTenant(store.db, t.tenantId, (tx) =>
      processFile(
        tx,
        auditKey,
        { tenantId: t.tenantId, userId: null, username: 'test', sourceIp: null },
        { fileName: 'resent.999', text: f.content },
        { clearinghouseId },
      ),
    );
    expect(again).toMatchObject({ duplicate: true, claimsMoved: 0 });
  });

  it('coding cannot change once the claim has gone out', async () => {
    const claim = (await call(biller, 'GET', `/api/claims/${goodClaim}`)).json();
    const put = await call(coder, 'PUT', `/api/encounters/${claim.encounterId}/coding`, {
      diagnoses: ['I10'],
      lines: [{ procedureCode: '99213', units: 1, diagnosisPointers: [1] }],
    });
    expect(put.statusCode).toBe(409);
  });

  it('fee schedules: a new effective-dated schedule prices new encounters; bad rows are refused by field', async () => {
    const admin = await login(app, t.users.admin.username);
    const bad = await call(admin, 'POST', '/api/fee-schedules', {
      practiceId: t.practiceId,
      name: '2027',
      effectiveFrom: '2026-11-15',
      items: [{ procedureCode: '9921', chargeCents: 1 }],
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().issues[0].location.field).toBe('items.0.procedureCode');
    const made = await call(admin, 'POST', '/api/fee-schedules', {
      practiceId: t.practiceId,
      name: 'Late 2026',
      effectiveFrom: '2026-11-15',
      items: [
        { procedureCode: '99213', chargeCents: 14000 },
        { procedureCode: '99213', modifier: '25', chargeCents: 14500 },
      ],
    });
    expect(made.statusCode, made.body).toBe(201);
    expect((await call(biller, 'PUT', `/api/fee-schedules/${made.json().id}/items`, { items: [] })).statusCode).toBe(
      403,
    );
    const res = await call(coder, 'POST', '/api/encounters', {
      patientId: t.patientId,
      practiceId: t.practiceId,
      renderingProviderId: t.providerId,
      placeOfService: '11',
      serviceDateFrom: '2026-11-16',
      diagnoses: ['I10'],
      lines: [
        { procedureCode: '99213', units: 1, diagnosisPointers: [1] },
        { procedureCode: '99213', modifiers: ['25'], units: 1, diagnosisPointers: [1] },
      ],
    });
    const enc = (await call(coder, 'GET', `/api/encounters/${res.json().id}`)).json();
    expect(enc.lines.map((l: { chargeCents: number }) => l.chargeCents)).toEqual([14000, 14500]);
  });

  it('an admin sets up an SFTP clearinghouse; the password is sealed in the secret store and never sent back', async () => {
    const admin = await login(app, t.users.admin.username);
    const c = site.clientConfig;
    const body = {
      transport: 'sftp',
      name: 'Second SFTP',
      submitterId: 'SUB2',
      submitterName: 'Cycle Billing',
      receiverId: 'DEMOCH',
      receiverName: 'Demo CH',
      config: { host: c.host, port: c.port, username: c.username, hostKeySha256: c.hostKeySha256 },
      secret: { password: 'sftp-test-password' },
    };
    const made = await call(admin, 'POST', '/api/clearinghouses', body);
    expect(made.statusCode, made.body).toBe(201);
    expect(made.json().secret).toEqual({ kind: 'password', setAt: expect.any(String) });
    expect(made.body).not.toContain('sftp-test-password');
    for (const config of [
      { ...body.config, password: 'sftp-test-password' },
      { ...body.config, passwordEnv: 'MEDBILL_SFTP_PASSWORD_TEST' },
    ])
      expect((await call(admin, 'POST', '/api/clearinghouses', { ...body, config })).statusCode).toBe(400);
    expect((await call(biller, 'POST', '/api/clearinghouses', body)).statusCode).toBe(403);
    expect(
      (await call(biller, 'PUT', `/api/clearinghouses/${made.json().id}/secret`, { password: 'x' })).statusCode,
    ).toBe(403);
    const list = (await call(biller, 'GET', '/api/clearinghouses')).json();
    const second = list.items.find((x: { name: string }) => x.name === 'Second SFTP');
    expect(second.secret).toEqual({ kind: 'password', setAt: made.json().secret.setAt });
    expect(JSON.stringify(list)).not.toContain('sftp-test-password');
    const stored = await store.db
      .selectFrom('clearinghouse_secret')
      .selectAll()
      .where('tenant_id', '=', t.tenantId)
      .execute();
    expect(stored.length).toBe(2);
    for (const row of stored) {
      expect(row.secret_enc).toMatch(/^v1:/);
      expect(Buffer.from(row.secret_enc.slice(3), 'base64url').toString('latin1')).not.toContain('sftp-test');
    }
    const audit = await store.db
      .selectFrom('audit_event')
      .select('details')
      .where('tenant_id', '=', t.tenantId)
      .where('resource_type', '=', 'clearinghouse')
      .execute();
    expect(JSON.stringify(audit)).not.toContain('sftp-test-password');
  });

  it('prints the claim on a CMS-1500', async () => {
    const res = await call(biller, 'GET', `/api/claims/${goodClaim}/pdf`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
  });
});
