/**
 * medbill claims … audits as the OS user (`cli:<user>`, no address): a claim list shown, a scrub, a batch
 * built, an 837 or claim PDF written to a file (before it is written), batches sent and files picked up —
 * each row naming the claims and patients — and `audit verify` still passes. When the audit row cannot be
 * written, no PDF is written.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import { FolderAdapter } from '@medbill/server';
import { openStore, withTenant, type Db } from '@medbill/server';
import { demoPayerContracts } from '@medbill/server';
import { createPayerSimResponder } from '@medbill/server';
import { createTenantFixture, type TenantFixture } from '../../server/test/fixtures.ts';
import { useCliTestEnv } from './cli-test-env.test-util.ts';

const { dataDir, medbill } = useCliTestEnv('medbill-claims-cli-', { MEDBILL_ADMIN_PASSWORD: 'claims-cli-admin-pw' });
const CLI_USER = `cli:${os.userInfo().username}`;
const out = (name: string) => path.join(dataDir, name);

let t: TenantFixture;
let clearinghouseId: number;
let batchId: number;

/** The test's own connection, closed before the next command (one process at a time on PGlite). */
async function withDb<T>(work: (db: Db) => Promise<T>): Promise<T> {
  const store = await openStore({ databaseUrl: process.env.DATABASE_URL, dataDir });
  try {
    return await work(store.db);
  } finally {
    await store.close();
  }
}
const headSeq = () =>
  withDb(async (db) =>
    Number(
      (await db.selectFrom('audit_chain_head').select('seq').where('tenant_id', '=', t.tenantId).executeTakeFirst())
        ?.seq ?? 0,
    ),
  );
const rowsAfter = (seq: number) =>
  withDb((db) =>
    db
      .selectFrom('audit_event')
      .selectAll()
      .where('tenant_id', '=', t.tenantId)
      .where('seq', '>', seq)
      .orderBy('seq')
      .execute(),
  );

/** Runs a command and returns the audit rows it wrote. */
async function audited(...args: string[]) {
  const before = await headSeq();
  const io = await medbill(...args, '--tenant', t.slug);
  expect(io.exitCode, `${args.join(' ')}: ${io.stderr}`).toBe(0);
  const rows = await rowsAfter(before);
  for (const r of rows)
    expect(r, args.join(' ')).toMatchObject({
      username: CLI_USER,
      user_id: null,
      source_ip: null,
      data_category: 'claim',
    });
  return { io, rows };
}

beforeAll(async () => {
  // tenant create makes the audit key (claims commands require one) and a first tenant; the fixture is a second
  expect(
    (await medbill('tenant', 'create', '--name', 'CLI Office', '--slug', 'cli-office', '--admin', 'cli.admin'))
      .exitCode,
  ).toBe(0);
  const store = await openStore({ databaseUrl: process.env.DATABASE_URL, dataDir });
  try {
    t = await createTenantFixture(store, 'clicl');
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
    });
  } finally {
    await store.close();
  }
});

describe('medbill claims: audited as the OS user', () => {
  it('claims status --state lists claims and audits the search, naming the claims and the patient', async () => {
    const { io, rows } = await audited('claims', 'status', '--state', 'draft', '--json');
    expect(JSON.parse(io.stdout).claims.map((c: { id: number }) => c.id)).toEqual([t.claimId]);
    expect(rows.map((r) => [r.action, r.resource_type, r.patient_id])).toEqual([['query', 'claim', t.patientId]]);
    expect(rows[0].details).toMatchObject({
      filters: { state: 'draft' },
      claimIds: [t.claimId],
      patientIds: [t.patientId],
    });
    // counts alone name no one and write no row
    expect((await audited('claims', 'status')).rows).toEqual([]);
  });

  it('claims scrub audits the change in its transaction', async () => {
    const { io, rows } = await audited('claims', 'scrub', String(t.claimId), '--json');
    expect(JSON.parse(io.stdout).outcomes[0]).toMatchObject({ claimId: t.claimId, state: 'ready' });
    expect(rows.map((r) => [r.action, r.resource_type, r.patient_id])).toEqual([['update', 'claim', t.patientId]]);
    expect(rows[0].details).toMatchObject({ claimIds: [t.claimId], patientIds: [t.patientId], ready: 1 });
  });

  it('claims batch audits each batch built', async () => {
    const { io, rows } = await audited('claims', 'batch', '--clearinghouse', String(clearinghouseId), '--json');
    const [built] = JSON.parse(io.stdout).batches;
    batchId = built.batchId;
    expect(rows.map((r) => [r.action, r.resource_type, r.resource_id, r.patient_id])).toEqual([
      ['create', 'batch', String(batchId), t.patientId],
    ]);
    expect(rows[0].details).toMatchObject({ claimIds: [t.claimId], batches: [{ fileId: built.fileId }] });
  });

  it('claims export-837 writes the 837 and an export row naming the batch, the file, the claims and the patient', async () => {
    const file = out('batch.x12');
    const { rows } = await audited('claims', 'export-837', String(batchId), '-o', file);
    const sent = await withDb((db) =>
      db
        .selectFrom('batch as b')
        .innerJoin('edi_file as f', 'f.id', 'b.file_id')
        .select(['f.id', 'f.content'])
        .where('b.id', '=', batchId)
        .executeTakeFirstOrThrow(),
    );
    expect(fs.readFileSync(file, 'utf8')).toBe(sent.content);
    expect(rows.map((r) => [r.action, r.resource_type, r.resource_id, r.patient_id])).toEqual([
      ['export', 'batch', String(batchId), t.patientId],
    ]);
    expect(rows[0].details).toMatchObject({
      fileId: sent.id,
      to: file,
      claimIds: [t.claimId],
      patientIds: [t.patientId],
    });
  });

  it('claims pdf writes the claim form and a print row naming the claim and the patient', async () => {
    const file = out('claim.pdf');
    const { rows } = await audited('claims', 'pdf', String(t.claimId), '-o', file);
    expect(fs.readFileSync(file).subarray(0, 5).toString()).toBe('%PDF-');
    expect(rows.map((r) => [r.action, r.resource_type, r.resource_id, r.patient_id])).toEqual([
      ['print', 'claim', String(t.claimId), t.patientId],
    ]);
    expect(rows[0].details).toMatchObject({ form: 'CMS-1500', mode: 'full', to: file });
  });

  it('claims submit and poll audit each batch sent and each file processed; audit verify passes', async () => {
    const sent = await audited('claims', 'submit', '--clearinghouse', String(clearinghouseId));
    expect(sent.rows.map((r) => [r.action, r.resource_type, r.resource_id, r.patient_id])).toEqual([
      ['export', 'batch', String(batchId), t.patientId],
      ['update', 'batch', String(batchId), t.patientId],
      ['export', 'batch', null, null], // the request itself, naming what was sent
    ]);
    // the payer answers in the clearinghouse folder
    const root = path.join(dataDir, 'clearinghouse', String(t.tenantId), `clearinghouse-${clearinghouseId}`);
    const payer = new FolderAdapter({
      outboundDir: path.join(root, 'inbound'),
      inboundDir: path.join(root, 'outbound'),
      processedDir: path.join(root, 'payer-processed'),
    });
    const respond = createPayerSimResponder({ contracts: demoPayerContracts(), seed: 'claims-cli', rejectRate: 0 });
    for (const f of await payer.listInbound()) {
      for (const r of await respond(f.name, Buffer.from(await payer.download(f)).toString('utf8')))
        await payer.upload(r.name, Buffer.from(r.text));
      await payer.markProcessed(f);
    }
    await payer.close();
    const polled = await audited('claims', 'poll', '--clearinghouse', String(clearinghouseId), '--json');
    expect(
      JSON.parse(polled.io.stdout).files.map((f: { kind: string; claimsMoved: number }) => [f.kind, f.claimsMoved]),
    ).toEqual([
      ['999', 1],
      ['277CA', 1],
      ['835', 1],
    ]);
    expect(
      polled.rows.map((r) => [r.action, r.resource_type, r.patient_id, (r.details as { kind: string }).kind]),
    ).toEqual([
      ['create', 'edi_file', t.patientId, '999'],
      ['create', 'edi_file', t.patientId, '277CA'],
      ['create', 'edi_file', t.patientId, '835'],
      ['create', 'edi_file', null, undefined], // the poll itself, naming the files
    ]);
    for (const r of polled.rows.slice(0, 3))
      expect(r.details).toMatchObject({ claimIds: [t.claimId], patientIds: [t.patientId] });
    const verify = await medbill('audit', 'verify', '--json');
    expect(verify.exitCode, verify.stdout).toBe(0);
    expect(JSON.parse(verify.stdout)).toMatchObject({ ok: true, problems: [] });
  });

  it('writes no PDF when its audit row cannot be written', async () => {
    await withDb(async (db) => {
      await sql
        .raw(
          `CREATE FUNCTION cli_audit_fault() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'injected audit fault'; END $$`,
        )
        .execute(db);
      await sql
        .raw(
          `CREATE TRIGGER cli_audit_fault BEFORE INSERT ON audit_event FOR EACH ROW WHEN (NEW.tenant_id = ${t.tenantId}) EXECUTE FUNCTION cli_audit_fault()`,
        )
        .execute(db);
    });
    const file = out('refused.pdf');
    try {
      const io = await medbill('claims', 'pdf', String(t.claimId), '-o', file, '--tenant', t.slug);
      expect(io.exitCode).toBe(1);
      expect(io.stderr).toMatch(/injected audit fault/);
    } finally {
      await withDb(async (db) => {
        await sql.raw('DROP TRIGGER cli_audit_fault ON audit_event').execute(db);
        await sql.raw('DROP FUNCTION cli_audit_fault()').execute(db);
      });
    }
    expect(fs.existsSync(file)).toBe(false);
  });

  it("a database error reaches the user in words, never as the driver's SQL text (issue 8 item 16)", async () => {
    await withDb(async (db) => {
      await sql
        .raw(
          `CREATE FUNCTION cli_sql_fault() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN PERFORM no_such_column_q FROM claim; RETURN NEW; END $$`,
        )
        .execute(db);
      await sql
        .raw(
          `CREATE TRIGGER cli_sql_fault BEFORE INSERT ON audit_event FOR EACH ROW WHEN (NEW.tenant_id = ${t.tenantId}) EXECUTE FUNCTION cli_sql_fault()`,
        )
        .execute(db);
    });
    try {
      const io = await medbill('claims', 'pdf', String(t.claimId), '-o', out('sqlfault.pdf'), '--tenant', t.slug);
      expect(io.exitCode).toBe(1);
      expect(io.stderr).toMatch(/^medbill: the database could not do this \(error 42703\)/);
      expect(io.stderr).not.toMatch(/no_such_column_q|column "|PERFORM|PL\/pgSQL|claim\b/);
    } finally {
      await withDb(async (db) => {
        await sql.raw('DROP TRIGGER cli_sql_fault ON audit_event').execute(db);
        await sql.raw('DROP FUNCTION cli_sql_fault()').execute(db);
      });
    }
  });

  it('clearinghouse set-secret seals an SFTP password from a file (never from the command line), audited, never shown again', async () => {
    const sftpId = await withDb((db) =>
      withTenant(
        db,
        t.tenantId,
        async (tx) =>
          (
            await tx
              .insertInto('clearinghouse')
              .values({
                tenant_id: t.tenantId,
                name: 'CLI SFTP',
                transport: 'sftp',
                config: JSON.stringify({ host: '127.0.0.1', port: 22, username: 'u', hostKeySha256: 'SHA256:x' }),
                submitter_id: 'SUB1',
                submitter_name: 'x',
                receiver_id: 'RCV1',
                receiver_name: 'y',
              })
              .returning('id')
              .executeTakeFirstOrThrow()
          ).id,
      ),
    );
    const none = await medbill('clearinghouse', 'set-secret', '--clearinghouse', String(sftpId), '--tenant', t.slug);
    expect(none.exitCode).toBe(2);
    expect(none.stderr).toMatch(/--password-file/);
    const file = out('sftp-password.txt');
    fs.writeFileSync(file, 'cli-sftp-password-9z\n', { mode: 0o600 });
    const before = await headSeq();
    const set = await medbill(
      'clearinghouse',
      'set-secret',
      '--clearinghouse',
      String(sftpId),
      '--password-file',
      file,
      '--tenant',
      t.slug,
    );
    expect(set.exitCode, set.stderr).toBe(0);
    expect(set.stdout).toMatch(/password of clearinghouse \d+ is set/);
    expect(set.stdout + set.stderr).not.toContain('cli-sftp-password-9z');
    const rows = await rowsAfter(before);
    expect(rows.map((r) => [r.action, r.resource_type, r.resource_id, r.username])).toEqual([
      ['update', 'clearinghouse', String(sftpId), CLI_USER],
    ]);
    expect(JSON.stringify(rows)).not.toContain('cli-sftp-password-9z');
    const stored = await withDb((db) =>
      db
        .selectFrom('clearinghouse_secret')
        .selectAll()
        .where('clearinghouse_id', '=', sftpId)
        .executeTakeFirstOrThrow(),
    );
    expect(stored).toMatchObject({ tenant_id: t.tenantId, kind: 'password', set_by: CLI_USER });
    expect(stored.secret_enc).not.toContain('cli-sftp');
    const folder = await medbill(
      'clearinghouse',
      'set-secret',
      '--clearinghouse',
      String(clearinghouseId),
      '--password-file',
      file,
      '--tenant',
      t.slug,
    );
    expect(folder.exitCode).toBe(1);
    expect(folder.stderr).toMatch(/not SFTP/);
  });
});
