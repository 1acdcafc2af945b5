/**
 * medbill claims follow-up | status-inquiry: a claim sent to the payer simulator (through a folder clearinghouse),
 * whose answers were never picked up, is on the follow-up worklist once it has waited its payer's follow-up days;
 * status-inquiry sends a 276 for it, reads the simulator's 277 and prints the claim's status in words; --json prints
 * what the API answers; the worklist then shows the answer. Audited as the OS user.
 */
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPayerSimResponder, demoPayerContracts, openStore, withTenant, type Db } from '@medbill/server';
import { runPayerDropBox, type PayerDropBox } from '@medbill/server/test-support';
import { createTenantFixture, type TenantFixture } from '../../server/test/fixtures.ts';
import { useCliTestEnv } from './cli-test-env.test-util.ts';

const { dataDir, medbill } = useCliTestEnv('medbill-status-cli-', { MEDBILL_ADMIN_PASSWORD: 'status-cli-admin-pw' });
const CLI_USER = `cli:${os.userInfo().username}`;

let t: TenantFixture;
let clearinghouseId: number;
let claimNumber: string;
let box: PayerDropBox | undefined;

async function withDb<T>(work: (db: Db) => Promise<T>): Promise<T> {
  const store = await openStore({ databaseUrl: process.env.DATABASE_URL, dataDir });
  try {
    return await work(store.db);
  } finally {
    await store.close();
  }
}

async function ok(...args: string[]) {
  const io = await medbill(...args, '--tenant', t.slug);
  expect(io.exitCode, `${args.join(' ')}: ${io.stderr}`).toBe(0);
  return io;
}

beforeAll(async () => {
  expect(
    (await medbill('tenant', 'create', '--name', 'CLI Office', '--slug', 'cli-office', '--admin', 'cli.admin'))
      .exitCode,
  ).toBe(0);
  const store = await openStore({ databaseUrl: process.env.DATABASE_URL, dataDir });
  try {
    t = await createTenantFixture(store, 'clistat');
    await withTenant(store.db, t.tenantId, async (tx) => {
      await tx
        .updateTable('payer')
        .set({ payer_code: 'DEMOACME', name: 'Acme Health PPO', followup_days: 25 })
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
            name: 'CLI folder',
            transport: 'folder',
            submitter_id: 'CLISUB',
            submitter_name: 'CLI Billing',
            receiver_id: 'DEMOCH',
            receiver_name: 'Demo CH',
          })
          .returning('id')
          .executeTakeFirstOrThrow()
      ).id;
      claimNumber = (
        await tx.selectFrom('claim').select('claim_number').where('id', '=', t.claimId).executeTakeFirstOrThrow()
      ).claim_number;
    });
  } finally {
    await store.close();
  }
  // the payer answers in the clearinghouse folder: 837 → 999, 277CA, 835 (never picked up); 276 → 277
  const root = path.join(dataDir, 'clearinghouse', String(t.tenantId), `clearinghouse-${clearinghouseId}`);
  const respond = createPayerSimResponder({ contracts: demoPayerContracts(), seed: 'status-cli', rejectRate: 0 });
  box = await runPayerDropBox({
    rootDir: root,
    outboundDir: 'outbound',
    inboundDir: 'inbound',
    stateFile: path.join(dataDir, 'drop-box.json'),
    pollMs: 50,
    onError: (e) => console.error(e),
    respond,
  });
});
afterAll(async () => {
  await box?.close();
});

describe('medbill claims follow-up and status-inquiry', () => {
  it('lists the claim once it has waited its payer’s follow-up days, and asks the payer where it is', async () => {
    await ok('claims', 'scrub', String(t.claimId));
    await ok('claims', 'batch', '--clearinghouse', String(clearinghouseId));
    await ok('claims', 'submit', '--clearinghouse', String(clearinghouseId));
    await box!.pollOnce();
    const none = await ok('claims', 'follow-up');
    expect(none.stdout).toContain('No claim is waiting on a payer past its follow-up days');
    // sent 26 days ago: past the payer's 25
    await withDb((db) =>
      withTenant(db, t.tenantId, (tx) =>
        tx
          .updateTable('batch')
          .set({ submitted_at: new Date(Date.now() - 26 * 86_400_000) })
          .where('tenant_id', '=', t.tenantId)
          .where('clearinghouse_id', '=', clearinghouseId)
          .execute(),
      ),
    );
    const list = JSON.parse((await ok('claims', 'follow-up', '--json')).stdout);
    expect(list.items).toHaveLength(1);
    expect(list.items[0]).toMatchObject({ claimId: t.claimId, daysWaiting: 26, followupDays: 25, lastInquiry: null });

    const asked = await ok('claims', 'status-inquiry', claimNumber, '--wait', '20');
    expect(asked.stdout).toMatch(/^Sent 276_CLISUB_\d{9}\.x12 to CLI folder$/m);
    expect(asked.stdout).toContain(
      `${claimNumber}  Acme Health PPO: Finalized: paid — claim has been paid [F1:65], paid `,
    );
    expect(asked.stdout).toContain('ask for the remittance (835)');

    const after = JSON.parse((await ok('claims', 'follow-up', '--json')).stdout);
    expect(after.items[0].state).toBe('accepted');
    expect(after.items[0].waitingFor).toBe('835');
    expect(after.items[0].lastInquiry).toMatchObject({ status: 'answered', category: 'F1', outcome: 'paid' });
    const text = (await ok('claims', 'follow-up')).stdout;
    expect(text).toContain('26 days (no 835)');
    expect(text).toContain('Finalized: paid');
  }, 240_000);

  it('--json prints what the API answers; a claim already asked today is not asked again; audited as the OS user', async () => {
    const before = await withDb(async (db) =>
      Number(
        (await db.selectFrom('audit_chain_head').select('seq').where('tenant_id', '=', t.tenantId).executeTakeFirst())
          ?.seq ?? 0,
      ),
    );
    await box!.close();
    box = undefined;
    const first = JSON.parse((await ok('claims', 'status-inquiry', '--json', '--wait', '0')).stdout);
    expect(first.inquiries.map((i: { claimId: number; status: string }) => [i.claimId, i.status])).toEqual([
      [t.claimId, 'sent'],
    ]);
    expect(first.files).toHaveLength(1);
    const again = JSON.parse((await ok('claims', 'status-inquiry', '--json', '--wait', '0', claimNumber)).stdout);
    expect(again.inquiries).toEqual([]);
    expect(again.skipped[0].reason).toContain('has not been answered yet');
    const rows = await withDb((db) =>
      db
        .selectFrom('audit_event')
        .selectAll()
        .where('tenant_id', '=', t.tenantId)
        .where('seq', '>', before)
        .where('resource_type', '=', 'claim_status_inquiry')
        .execute(),
    );
    // the file before it left, the first request, the second (which asked nothing): each names the patient
    expect(rows.map((r) => [r.action, r.username, r.patient_id])).toEqual([
      ['export', CLI_USER, t.patientId],
      ['export', CLI_USER, t.patientId],
      ['export', CLI_USER, t.patientId],
    ]);
    expect(rows[0]!.details).toMatchObject({ fileName: first.files[0].fileName, claimIds: [t.claimId] });
    expect(rows[2]!.details).toMatchObject({ files: [], skipped: 1, claimIds: [t.claimId] });
    const bad = await medbill('claims', 'status-inquiry', '--wait', '99', '--tenant', t.slug);
    expect(bad.exitCode).toBe(2);
  }, 240_000);
});
