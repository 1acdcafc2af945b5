/**
 * Issue 8 item 3: the two attacks the hash chain alone cannot see — a tenant's whole chain deleted, and a chain
 * rolled back (tail cut, an older copy of the head row put back) — are caught by the anchor file outside the
 * database; so is a tenant with no chain at all. A crash between the commit and the anchor append is no false
 * alarm, and the verifier will not run without the anchor.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditAnchorOf, type AuditAnchor } from '../src/audit/audit-anchor.ts';
import { recordAudit } from '../src/audit/record-audit.ts';
import { verifyAudit, type AuditVerifyResult } from '../src/audit/verify-audit.ts';
import { withTenant, type Store, type Tx } from '../src/db/open-database.ts';
import { openTestStore } from './test-store.ts';

let store: Store;
let anchor: AuditAnchor;
const key = crypto.randomBytes(32);

const newTenant = async (label: string) =>
  (
    await store.db
      .insertInto('tenant')
      .values({ name: label, slug: `${label}-${crypto.randomBytes(3).toString('hex')}` })
      .returning('id')
      .executeTakeFirstOrThrow()
  ).id;

const write = (tenantId: number, n: number) =>
  withTenant(store.db, tenantId, async (tx) => {
    for (let i = 0; i < n; i++)
      await recordAudit(
        tx,
        key,
        { tenantId, userId: 1, username: 'u', sourceIp: null },
        { action: 'read', resourceType: 'patient', resourceId: i, patientId: 7 },
      );
  });

/** One audit row per transaction, as requests write them. */
async function rows(tenantId: number, n: number) {
  for (let i = 0; i < n; i++) await write(tenantId, 1);
}

const headRow = (tenantId: number) =>
  store.db.selectFrom('audit_chain_head').selectAll().where('tenant_id', '=', tenantId).executeTakeFirstOrThrow();

/** An attacker with database rights (the append-only trigger off) but no access to the server's files. */
async function asDatabaseAttacker(work: (tx: Tx) => Promise<unknown>) {
  await store.db.transaction().execute(async (tx) => {
    await sql`ALTER TABLE audit_event DISABLE TRIGGER USER`.execute(tx);
    await work(tx);
    await sql`ALTER TABLE audit_event ENABLE TRIGGER USER`.execute(tx);
  });
}

const kinds = (r: AuditVerifyResult) => [...new Set(r.problems.map((p) => p.kind))].sort();

beforeAll(async () => {
  store = await openTestStore();
  anchor = auditAnchorOf(store.db)!;
});
afterAll(() => store?.close());

describe('audit chain anchored outside the database', () => {
  it('an untouched chain verifies; the anchor file holds its head, with an HMAC the key made', async () => {
    const t = await newTenant('anchored');
    await rows(t, 5);
    const r = await verifyAudit(store.db, key, { tenantId: t });
    expect(r).toMatchObject({ ok: true, entries: 5, problems: [] });
    expect(anchor.read(key).heads.get(t)).toMatchObject({ seq: 5, hash: (await headRow(t)).hash });
    expect(fs.readFileSync(anchor.file, 'utf8')).not.toMatch(/patient/); // heads only, no content
  });

  it('detects a whole chain deleted (entries and head row)', async () => {
    const t = await newTenant('deleted');
    await rows(t, 4);
    await asDatabaseAttacker(async (tx) => {
      await tx.deleteFrom('audit_event').where('tenant_id', '=', t).execute();
      await tx.deleteFrom('audit_chain_head').where('tenant_id', '=', t).execute();
    });
    for (const r of [await verifyAudit(store.db, key, { tenantId: t }), await verifyAudit(store.db, key)]) {
      const mine = r.problems.filter((p) => p.tenantId === t);
      expect(r.ok).toBe(false);
      expect(mine.map((p) => p.kind)).toEqual(['chain_deleted']);
      expect(mine[0].message).toMatch(/whole audit chain .* is gone/);
    }
  });

  it('detects a chain rolled back to an older head (tail cut, an older copy of the head row put back)', async () => {
    const t = await newTenant('rollback');
    await rows(t, 6);
    const older = await headRow(t); // a backup the attacker kept
    await rows(t, 3);
    await asDatabaseAttacker(async (tx) => {
      await tx.deleteFrom('audit_event').where('tenant_id', '=', t).where('seq', '>', older.seq).execute();
      await tx
        .updateTable('audit_chain_head')
        .set({ seq: older.seq, hash: older.hash, hmac: older.hmac })
        .where('tenant_id', '=', t)
        .execute();
    });
    const r = await verifyAudit(store.db, key, { tenantId: t });
    expect(kinds(r)).toEqual(['rolled_back']);
    expect(r.problems[0].message).toMatch(/ends at entry 6 but entry 9 was written/);
    // the chain in the database is internally sound: only the anchor shows what was lost
    expect(r.entries).toBe(6);
  });

  it('reports a tenant with no chain at all', async () => {
    const t = await newTenant('chainless');
    const r = await verifyAudit(store.db, key, { tenantId: t });
    expect(r.problems).toEqual([expect.objectContaining({ tenantId: t, kind: 'no_chain' })]);
  });

  it('a crash between the commit and the anchor append is no false alarm, and the next catch-up anchors it', async () => {
    const t = await newTenant('crash');
    await rows(t, 2);
    // committed, but the process died before the append: written outside withTenant, so no append happens
    await store.db.transaction().execute(async (tx) => {
      await sql`SET LOCAL ROLE medbill_app`.execute(tx);
      await sql`SELECT set_config('app.tenant_id', ${String(t)}, true)`.execute(tx);
      await recordAudit(
        tx,
        key,
        { tenantId: t, userId: 1, username: 'u', sourceIp: null },
        { action: 'read', resourceType: 'x' },
      );
    });
    expect(anchor.read(key).heads.get(t)?.seq).toBe(2);
    expect(await verifyAudit(store.db, key, { tenantId: t })).toMatchObject({ ok: true, entries: 3 });
    await anchor.catchUp(store.db, key);
    expect(anchor.read(key).heads.get(t)?.seq).toBe(3);
  });

  it('a catch-up never anchors a rolled-back head, and a forged anchor line is reported', async () => {
    const t = await newTenant('forged');
    await rows(t, 3);
    const older = await headRow(t);
    await rows(t, 1);
    await asDatabaseAttacker(async (tx) => {
      await tx.deleteFrom('audit_event').where('tenant_id', '=', t).where('seq', '>', older.seq).execute();
      await tx
        .updateTable('audit_chain_head')
        .set({ seq: older.seq, hmac: older.hmac, hash: older.hash })
        .where('tenant_id', '=', t)
        .execute();
    });
    await anchor.catchUp(store.db, key);
    expect(kinds(await verifyAudit(store.db, key, { tenantId: t }))).toEqual(['rolled_back']);
    fs.appendFileSync(anchor.file, `${t} 2 ${older.hash} 2026-01-01T00:00:00.000Z ${'0'.repeat(64)}\n`);
    expect(kinds(await verifyAudit(store.db, key, { tenantId: t }))).toEqual(['anchor_invalid', 'rolled_back']);
  });

  it('the verifier requires the anchor', async () => {
    const bare = { ...store.db } as typeof store.db; // another handle: no anchor attached
    await expect(verifyAudit(bare, key)).rejects.toThrow(/needs its anchor file/);
  });
});
