/**
 * Claims work done outside a request handler audits itself: sending a batch (before the bytes leave, and
 * with the move to `submitted`), and every 999, 277CA and 835 processed — one row per file naming the file,
 * the claims and their patients, in the transaction that moves the claims. A file received twice changes
 * nothing and leaves one `read` row marked duplicate. If the audit row cannot be written, nothing is kept.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../actor.ts';
import { verifyAudit } from '../audit/verify-audit.ts';
import { FolderAdapter } from '../clearinghouse/folder-adapter.ts';
import { withTenant, type Store } from '../db/open-database.ts';
import { demoPayerContracts } from '../payer-sim/demo-contracts.ts';
import { createPayerSimResponder } from '../payer-sim/payer-sim-responder.ts';
import { auditKeyForTests, createTenantFixture, type TenantFixture } from '../../test/fixtures.ts';
import { openTestStore } from '../../test/test-store.ts';
import { buildBatches } from './build-batches.ts';
import { processFile, processInbound } from './inbound/intake.ts';
import { sendBatches } from './send-batches.ts';

const NOW = new Date('2026-11-23T15:00:00Z');
const key = auditKeyForTests();
const root = fs.mkdtempSync(path.join(os.tmpdir(), 'medbill-claims-audit-'));
const ours = new FolderAdapter({
  outboundDir: path.join(root, 'to-payer'),
  inboundDir: path.join(root, 'from-payer'),
  processedDir: path.join(root, 'processed'),
});
const payerSide = new FolderAdapter({
  outboundDir: path.join(root, 'from-payer'),
  inboundDir: path.join(root, 'to-payer'),
  processedDir: path.join(root, 'payer-processed'),
});

let store: Store;
let t: TenantFixture;
let secondPatient: number;
let claimIds: number[];
let batchId: number;
let clearinghouseId: number;
let actor: Actor;
let deps: { db: Store['db']; auditKey: Buffer };

const auditRows = (afterSeq: number) =>
  store.db
    .selectFrom('audit_event')
    .selectAll()
    .where('tenant_id', '=', t.tenantId)
    .where('seq', '>', afterSeq)
    .orderBy('seq')
    .execute();
const headSeq = async () =>
  Number(
    (await store.db.selectFrom('audit_chain_head').select('seq').where('tenant_id', '=', t.tenantId).executeTakeFirst())
      ?.seq ?? 0,
  );
const claimEvents = async () =>
  Number(
    (
      await store.db
        .selectFrom('claim_event')
        .select((eb) => eb.fn.countAll().as('n'))
        .where('tenant_id', '=', t.tenantId)
        .executeTakeFirstOrThrow()
    ).n,
  );
const sorted = (ids: number[]) => [...ids].sort((a, b) => a - b);

beforeAll(async () => {
  store = await openTestStore();
  t = await createTenantFixture(store, 'claud');
  actor = { tenantId: t.tenantId, userId: null, username: 'cli:tester', sourceIp: null };
  deps = { db: store.db, auditKey: key };
  await withTenant(store.db, t.tenantId, async (tx) => {
    await tx
      .updateTable('payer')
      .set({ payer_code: 'DEMOACME', name: 'Acme Health PPO' })
      .where('tenant_id', '=', t.tenantId)
      .where('id', '=', t.payerId)
      .execute();
    await tx.updateTable('practice').set({ service_zip: '787012345' }).where('tenant_id', '=', t.tenantId).execute();
    await tx.updateTable('coverage').set({ group_number: 'G1000' }).where('tenant_id', '=', t.tenantId).execute();
    clearinghouseId = (
      await tx
        .insertInto('clearinghouse')
        .values({
          tenant_id: t.tenantId,
          name: 'Audit test folder',
          transport: 'folder',
          submitter_id: 'AUDSUB',
          submitter_name: 'Audit Billing',
          receiver_id: 'DEMOCH',
          receiver_name: 'Demo CH',
        })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
    // a second patient with a claim to the same payer: the batch and every response file concern both
    secondPatient = (
      await tx
        .insertInto('patient')
        .values({
          tenant_id: t.tenantId,
          account_number: `T${t.tenantId}P2`,
          first_name: 'Robin',
          last_name: 'Otherclaud',
          birth_date: '1975-06-01',
          sex: 'M',
          line1: '4 Elm St',
          city: 'Austin',
          state: 'TX',
          zip: '78701',
        })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
    const coverage = await tx
      .insertInto('coverage')
      .values({
        tenant_id: t.tenantId,
        patient_id: secondPatient,
        payer_id: t.payerId,
        coverage_order: 1,
        member_id: 'MEM67890',
        relationship_code: '18',
        subscriber_first_name: 'Robin',
        subscriber_last_name: 'Otherclaud',
        group_number: 'G1000',
        effective_date: '2025-01-01',
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const enc = await tx
      .insertInto('encounter')
      .values({
        tenant_id: t.tenantId,
        patient_id: secondPatient,
        practice_id: t.practiceId,
        rendering_provider_id: t.providerId,
        place_of_service: '11',
        service_date_from: '2026-11-04',
        service_date_to: '2026-11-04',
        status: 'coded',
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await tx
      .insertInto('encounter_diagnosis')
      .values({ tenant_id: t.tenantId, encounter_id: enc.id, position: 1, code: 'I10' })
      .execute();
    await tx
      .insertInto('service_line')
      .values({
        tenant_id: t.tenantId,
        encounter_id: enc.id,
        line_number: 1,
        procedure_code: '99213',
        units: 1,
        charge_cents: 13000,
        diagnosis_pointers: [1],
        service_date: '2026-11-04',
      })
      .execute();
    const second = await tx
      .insertInto('claim')
      .values({
        tenant_id: t.tenantId,
        claim_number: `T${t.tenantId}C2`,
        encounter_id: enc.id,
        coverage_id: coverage.id,
        payer_id: t.payerId,
        kind: 'professional',
        total_charge_cents: 13000,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    claimIds = sorted([t.claimId, second.id]);
    await tx
      .updateTable('claim')
      .set({ state: 'ready' })
      .where('tenant_id', '=', t.tenantId)
      .where('id', 'in', claimIds)
      .execute();
    const built = await buildBatches(tx, t.tenantId, { clearinghouseId, claimIds, now: NOW, actor });
    expect(built).toHaveLength(1);
    batchId = built[0].batchId;
  });
});
afterAll(async () => {
  await ours.close();
  await payerSide.close();
  await store?.close();
  fs.rmSync(root, { recursive: true, force: true });
});

describe('claims work outside HTTP is audited', () => {
  it('sending a batch: an export row before the upload and an update row with the move, naming claims and patients', async () => {
    const before = await headSeq();
    const sent = await sendBatches(deps, actor, ours, { clearinghouseId, batchIds: [batchId], now: NOW });
    expect(sent).toHaveLength(1);
    const rows = await auditRows(before);
    expect(rows.map((r) => [r.action, r.resource_type, r.resource_id])).toEqual([
      ['export', 'batch', String(batchId)],
      ['update', 'batch', String(batchId)],
    ]);
    for (const r of rows) {
      expect(r).toMatchObject({
        username: 'cli:tester',
        user_id: null,
        source_ip: null,
        outcome: 'success',
        data_category: 'claim',
        patient_id: null,
      });
      expect(r.details).toMatchObject({
        claimIds,
        patientIds: sorted([t.patientId, secondPatient]),
        fileName: sent[0].fileName,
        to: ours.name,
      });
    }
  });

  it('each 999, 277CA and 835 processed writes one row naming the file, the claims and their patients', async () => {
    const respond = createPayerSimResponder({
      contracts: demoPayerContracts(),
      seed: 'claims-audit',
      rejectRate: 0,
      now: () => NOW,
    });
    for (const f of await payerSide.listInbound()) {
      for (const r of await respond(f.name, Buffer.from(await payerSide.download(f)).toString('utf8')))
        await payerSide.upload(r.name, Buffer.from(r.text));
      await payerSide.markProcessed(f);
    }
    const before = await headSeq();
    const { files: results } = await processInbound(deps, actor, ours, { clearinghouseId });
    expect(results.map((r) => r.kind)).toEqual(['999', '277CA', '835']);
    expect(results.flatMap((r) => r.problems)).toEqual([]);
    const files = await store.db
      .selectFrom('edi_file')
      .select(['id', 'kind', 'file_name'])
      .where('tenant_id', '=', t.tenantId)
      .where('direction', '=', 'inbound')
      .orderBy('id')
      .execute();
    const rows = await auditRows(before);
    expect(rows.map((r) => [r.action, r.resource_type, r.resource_id])).toEqual(
      files.map((f) => ['create', 'edi_file', String(f.id)]),
    );
    for (const [i, r] of rows.entries()) {
      expect(r).toMatchObject({
        username: 'cli:tester',
        user_id: null,
        source_ip: null,
        outcome: 'success',
        data_category: 'claim',
        patient_id: null,
      });
      expect(r.details).toMatchObject({
        direction: 'inbound',
        kind: files[i].kind,
        fileName: files[i].file_name,
        claimIds,
        patientIds: sorted([t.patientId, secondPatient]),
        claimsMoved: 2,
        problems: 0,
      });
    }
    expect(rows[0].details).toMatchObject({ batchIds: [batchId] });
    const states = await store.db
      .selectFrom('claim')
      .select('state')
      .where('tenant_id', '=', t.tenantId)
      .where('id', 'in', claimIds)
      .execute();
    expect(states.map((s) => s.state)).toEqual(['paid', 'paid']);
    expect(await verifyAudit(store.db, key, { tenantId: t.tenantId })).toMatchObject({ ok: true, problems: [] });
  });

  it('the same file again changes nothing and leaves one read row marked duplicate', async () => {
    const f = await store.db
      .selectFrom('edi_file')
      .select(['id', 'content'])
      .where('tenant_id', '=', t.tenantId)
      .where('kind', '=', '835')
      .executeTakeFirstOrThrow();
    const [before, events] = [await headSeq(), await claimEvents()];
    const again = await withTenant(store.db, t.tenantId, (tx) =>
      processFile(tx, key, actor, { fileName: 'resent.835', text: f.content }, { clearinghouseId }),
    );
    expect(again).toMatchObject({ duplicate: true, claimsMoved: 0 });
    expect(await claimEvents()).toBe(events);
    const rows = await auditRows(before);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      action: 'read',
      resource_type: 'edi_file',
      resource_id: String(f.id),
      username: 'cli:tester',
      patient_id: null,
    });
    expect(rows[0].details).toMatchObject({ duplicate: true, fileName: 'resent.835', kind: '835' });
  });

  it('a file whose audit row cannot be written is not kept, moves no claim and stays to be picked up again', async () => {
    const f = await store.db
      .selectFrom('edi_file')
      .select(['content'])
      .where('tenant_id', '=', t.tenantId)
      .where('kind', '=', '835')
      .executeTakeFirstOrThrow();
    // a second payment for the same claims (another trace): a new file that would move both claims again
    await payerSide.upload('again.835.x12', Buffer.from(f.content.replace(/TRN\*1\*(\w+)/, 'TRN*1*$1X')));
    const [files, events] = [
      await store.db.selectFrom('edi_file').select('id').where('tenant_id', '=', t.tenantId).execute(),
      await claimEvents(),
    ];
    await sql
      .raw(
        `CREATE FUNCTION claims_audit_fault() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'injected audit fault'; END $$`,
      )
      .execute(store.db);
    await sql
      .raw(
        `CREATE TRIGGER claims_audit_fault BEFORE INSERT ON audit_event FOR EACH ROW WHEN (NEW.tenant_id = ${t.tenantId}) EXECUTE FUNCTION claims_audit_fault()`,
      )
      .execute(store.db);
    try {
      await expect(processInbound(deps, actor, ours, { clearinghouseId })).rejects.toThrow(/injected audit fault/);
    } finally {
      await sql.raw('DROP TRIGGER claims_audit_fault ON audit_event').execute(store.db);
      await sql.raw('DROP FUNCTION claims_audit_fault()').execute(store.db);
    }
    expect(
      await store.db.selectFrom('edi_file').select('id').where('tenant_id', '=', t.tenantId).execute(),
    ).toHaveLength(files.length);
    expect(await claimEvents()).toBe(events);
    expect((await ours.listInbound()).map((r) => r.name)).toEqual(['again.835.x12']);
    // with the log writable again it goes through, audited
    const before = await headSeq();
    const [result] = (await processInbound(deps, actor, ours, { clearinghouseId })).files;
    expect(result).toMatchObject({ kind: '835', duplicate: false, claimsMoved: 2 });
    expect(
      (await auditRows(before)).map((r) => [r.action, r.resource_type, (r.details as { claimIds: number[] }).claimIds]),
    ).toEqual([['create', 'edi_file', claimIds]]);
    expect(await verifyAudit(store.db, key, { tenantId: t.tenantId })).toMatchObject({ ok: true });
  });
});
