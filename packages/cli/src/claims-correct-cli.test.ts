/**
 * Issue 9 item 4: a corrected or void claim from the CLI (`medbill claims correct|void CLAIM`) and the API
 * (POST /api/claims/:id/replacement), by the number people see; each is audited, linked to the original both
 * ways, and once scrubbed and batched its 837 says CLM05-3 7 or 8 with REF*F8 naming the payer's claim number —
 * read back from the file the batch wrote and passing our guide validation.
 */
import os from 'node:os';
import { buildApp, openStore, withTenant, type Db } from '@medbill/server';
import { validateFile } from '@medbill/x12';
import { parseX12File } from '@medbill/x12';
import { allClaims, type ClaimFile837 } from '@medbill/x12/837';
import { beforeAll, describe, expect, it } from 'vitest';
import { createTenantFixture, login, testDeps, type TenantFixture } from '../../server/test/fixtures.ts';
import { useCliTestEnv } from './cli-test-env.test-util.ts';

const { dataDir, medbill } = useCliTestEnv('medbill-claims-correct-', { MEDBILL_ADMIN_PASSWORD: 'correct-admin-pw' });
const PCN = '2631000777001';
let t: TenantFixture;
let original: string;
let corrected: { claimId: number; claimNumber: string };
let clearinghouseId: number;

/** The test's own connection, closed before the next command (one process at a time on PGlite). */
async function withDb<T>(work: (db: Db) => Promise<T>): Promise<T> {
  const store = await openStore({ databaseUrl: process.env.DATABASE_URL, dataDir });
  try {
    return await work(store.db);
  } finally {
    await store.close();
  }
}

const setClaim = (claimId: number, state: 'paid' | 'acknowledged', payerClaimNumber: string) =>
  withDb((db) =>
    withTenant(db, t.tenantId, (tx) =>
      tx
        .updateTable('claim')
        .set({ state, payer_claim_number: payerClaimNumber })
        .where('tenant_id', '=', t.tenantId)
        .where('id', '=', claimId)
        .execute(),
    ),
  );

/** The claim `claimNumber` as the 837 of batch `batchId` carries it, read back from the stored file. */
async function claimIn837(batchId: number, claimNumber: string) {
  const file = await withDb((db) =>
    db
      .selectFrom('edi_file as f')
      .innerJoin('batch as b', (j) => j.onRef('b.tenant_id', '=', 'f.tenant_id').onRef('b.file_id', '=', 'f.id'))
      .select(['f.file_name', 'f.content'])
      .where('b.id', '=', batchId)
      .executeTakeFirstOrThrow(),
  );
  expect(validateFile(file.content, { file: file.file_name }).issues.filter((i) => i.severity === 'error')).toEqual([]);
  const claims = parseX12File(file.content, { file: file.file_name }).transactions.flatMap((x) =>
    allClaims(x.value as ClaimFile837),
  );
  return claims.find((c) => c.id === claimNumber);
}

beforeAll(async () => {
  expect(
    (await medbill('tenant', 'create', '--name', 'Correct Office', '--slug', 'correct-office', '--admin', 'c.admin'))
      .exitCode,
  ).toBe(0);
  const store = await openStore({ databaseUrl: process.env.DATABASE_URL, dataDir });
  try {
    t = await createTenantFixture(store, 'corr');
    // as a real payer and practice are set up (the scrubber's payer rules and ZIP+4), so the claim scrubs clean
    await withTenant(store.db, t.tenantId, async (tx) => {
      await tx
        .updateTable('payer')
        .set({ payer_code: 'DEMOACME', name: 'Acme Health PPO' })
        .where('tenant_id', '=', t.tenantId)
        .execute();
      await tx.updateTable('practice').set({ service_zip: '787012345' }).where('tenant_id', '=', t.tenantId).execute();
      await tx.updateTable('coverage').set({ group_number: 'G1000' }).where('tenant_id', '=', t.tenantId).execute();
      // a clearinghouse of its own (the fixture's holds a batch whose control numbers ours would meet)
      clearinghouseId = (
        await tx
          .insertInto('clearinghouse')
          .values({
            tenant_id: t.tenantId,
            name: 'Correction folder',
            transport: 'folder',
            submitter_id: 'CORRSUB',
            submitter_name: 'Correction Billing',
            receiver_id: 'DEMOCH',
            receiver_name: 'Demo CH',
          })
          .returning('id')
          .executeTakeFirstOrThrow()
      ).id;
    });
  } finally {
    await store.close();
  }
  original = (
    await withDb((db) =>
      db.selectFrom('claim').select('claim_number').where('id', '=', t.claimId).executeTakeFirstOrThrow(),
    )
  ).claim_number;
});

describe('corrected and void claims from the CLI and the API', () => {
  it('a claim the payer does not hold yet cannot be corrected; the CLI says why (exit 1)', async () => {
    const io = await medbill('claims', 'correct', original, '--tenant', t.slug);
    expect(io.exitCode).toBe(1);
    expect(io.stderr).toMatch(/is draft: only a claim the payer has accepted or adjudicated can be corrected/);
  });

  it('medbill claims correct makes the frequency 7 claim, audited; scrubbed and batched, its 837 carries 7 and REF*F8', async () => {
    await setClaim(t.claimId, 'paid', PCN);
    const io = await medbill(
      'claims',
      'correct',
      original,
      '--reason',
      'wrong units on line 1',
      '--json',
      '--tenant',
      t.slug,
    );
    expect(io.exitCode, io.stderr).toBe(0);
    const made = JSON.parse(io.stdout);
    expect(made).toMatchObject({
      frequencyCode: '7',
      replacesClaimId: t.claimId,
      replacesClaimNumber: original,
      originalPayerClaimNumber: PCN,
    });
    corrected = made;
    const row = await withDb((db) =>
      db
        .selectFrom('audit_event')
        .selectAll()
        .where('tenant_id', '=', t.tenantId)
        .where('resource_type', '=', 'claim')
        .where('resource_id', '=', String(made.claimId))
        .executeTakeFirstOrThrow(),
    );
    expect(row).toMatchObject({ action: 'create', username: `cli:${os.userInfo().username}`, patient_id: t.patientId });
    expect(row.details).toMatchObject({
      frequencyCode: '7',
      replacesClaimId: t.claimId,
      reason: 'wrong units on line 1',
    });

    // a second one while this one is on its way is refused, naming it
    const again = await medbill('claims', 'correct', original, '--tenant', t.slug);
    expect(again.exitCode).toBe(1);
    expect(again.stderr).toMatch(new RegExp(`already has a replacement on its way \\(${made.claimNumber}, draft\\)`));

    const scrub = await medbill('claims', 'scrub', made.claimNumber, '--json', '--tenant', t.slug);
    expect(JSON.parse(scrub.stdout).outcomes[0], scrub.stdout).toMatchObject({ state: 'ready' });
    const batch = await medbill(
      'claims',
      'batch',
      '--clearinghouse',
      String(clearinghouseId),
      made.claimNumber,
      '--json',
      '--tenant',
      t.slug,
    );
    expect(batch.exitCode, batch.stderr).toBe(0);
    const sent = await claimIn837(JSON.parse(batch.stdout).batches[0].batchId, made.claimNumber);
    expect(sent?.frequency).toBe('7'); // CLM05-3
    expect(sent?.originalReference).toBe(PCN); // REF*F8
  });

  it('POST /api/claims/:id/replacement voids a claim: 201, linked both ways, 837 with CLM05-3 8 and REF*F8', async () => {
    await setClaim(corrected.claimId, 'acknowledged', `${PCN}7`);
    const store = await openStore({ databaseUrl: process.env.DATABASE_URL, dataDir });
    const app = await buildApp(testDeps(store));
    try {
      const cookie = await login(app, t.users.biller.username);
      const call = (method: 'GET' | 'POST', url: string, payload?: object) =>
        app.inject({ method, url, payload, headers: { cookie } });
      const bad = await call('POST', `/api/claims/${corrected.claimId}/replacement`, { kind: 'undo' });
      expect(bad.statusCode).toBe(400);
      // a void says what becomes of the balance once the payer takes the claim back; a biller may not write it off
      const noChoice = await call('POST', `/api/claims/${corrected.claimId}/replacement`, {
        kind: 'void',
        reason: 'billed in error',
      });
      expect(noChoice.statusCode, noChoice.body).toBe(400);
      const writeOff = await call('POST', `/api/claims/${corrected.claimId}/replacement`, {
        kind: 'void',
        reason: 'billed in error',
        disposition: 'write_off',
      });
      expect(writeOff.statusCode, writeOff.body).toBe(403);
      const res = await call('POST', `/api/claims/${corrected.claimId}/replacement`, {
        kind: 'void',
        reason: 'billed in error',
        disposition: 'rebill',
      });
      expect(res.statusCode, res.body).toBe(201);
      const voided = res.json();
      expect(voided).toMatchObject({
        frequencyCode: '8',
        replacesClaimId: corrected.claimId,
        originalPayerClaimNumber: `${PCN}7`,
      });

      const before = (await call('GET', `/api/claims/${corrected.claimId}`)).json();
      expect(before.linked).toEqual([
        expect.objectContaining({ claimNumber: original, relation: 'replaces' }),
        expect.objectContaining({ claimNumber: voided.claimNumber, frequencyCode: '8', relation: 'replaced_by' }),
      ]);
      expect(before.events.at(-1).reason).toBe(`void requested by claim ${voided.claimNumber}: billed in error`);
      const detail = (await call('GET', `/api/claims/${voided.claimId}`)).json();
      expect(detail).toMatchObject({
        frequencyCode: '8',
        replacesClaimId: corrected.claimId,
        originalPayerClaimNumber: `${PCN}7`,
      });
      expect(detail.events[0].reason).toMatch(new RegExp(`^void \\(frequency 8\\) of claim ${corrected.claimNumber}`));

      const scrubbed = (await call('POST', '/api/claims/scrub', { claimIds: [voided.claimId] })).json();
      expect(scrubbed.outcomes[0], JSON.stringify(scrubbed)).toMatchObject({ state: 'ready' });
      const built = await call('POST', '/api/batches', {
        clearinghouseId: clearinghouseId,
        claimIds: [voided.claimId],
      });
      expect(built.statusCode, built.body).toBeLessThan(300);
      await app.close();
      await store.close();
      const sent = await claimIn837(built.json().batches[0].batchId, voided.claimNumber);
      expect(sent?.frequency).toBe('8');
      expect(sent?.originalReference).toBe(`${PCN}7`);
    } finally {
      await app.close().catch(() => {});
      await store.close().catch(() => {});
    }
  });
});
