/**
 * SECURITY.md C3/C4: the audit log is append-only for the application role and a trigger refuses
 * changes; someone who can write to the database anyway (owner, trigger disabled) is caught by
 * `verifyAudit`: edit, recompute-without-key, delete, insert, reorder, cut tail and forged head.
 */
import crypto from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { entryHash } from '../src/audit/audit-chain.ts';
import { recordAudit } from '../src/audit/record-audit.ts';
import { verifyAudit, type AuditVerifyResult } from '../src/audit/verify-audit.ts';
import { auditAnchorOf } from '../src/audit/audit-anchor.ts';
import { seedAuditChain } from '../src/audit/seed-audit-chain.test-util.ts';
import { withTenant, type Db, type Store, type Tx } from '../src/db/open-database.ts';
import { openTestStore } from './test-store.ts';

/** SECURITY.md C4: 6 attacks × 20 positions in a 10,000-entry log (the last 40 written by recordAudit itself). */
const N = 10_000;
const BY_RECORD_AUDIT = 40;
let store: Store;
let tenantId: number;
const key = crypto.randomBytes(32);

beforeAll(async () => {
  store = await openTestStore();
  tenantId = (
    await store.db
      .insertInto('tenant')
      .values({ name: 'Audit', slug: `audit-${crypto.randomBytes(3).toString('hex')}` })
      .returning('id')
      .executeTakeFirstOrThrow()
  ).id;
  await seedAuditChain(store.db, key, tenantId, N - BY_RECORD_AUDIT);
  for (let i = 0; i < BY_RECORD_AUDIT; i++) {
    await withTenant(store.db, tenantId, (tx) =>
      recordAudit(
        tx,
        key,
        { tenantId, userId: 1, username: 'u1', sourceIp: '10.0.0.1' },
        {
          action: i % 2 ? 'read' : 'update',
          resourceType: 'patient',
          resourceId: i,
          patientId: 100 + i,
          dataCategory: 'demographics',
          details: { i, nested: { b: 1, a: [1, 'x'] } },
        },
      ),
    );
  }
});
afterAll(() => store?.close());

class Rollback extends Error {}

/** Tampers inside a transaction as the owner with the trigger off, verifies, then rolls everything back. */
async function tamperAndVerify(attack: (tx: Tx) => Promise<unknown>): Promise<AuditVerifyResult> {
  let result!: AuditVerifyResult;
  await store.db
    .transaction()
    .execute(async (tx) => {
      await sql`ALTER TABLE audit_event DISABLE TRIGGER USER`.execute(tx);
      await attack(tx);
      result = await verifyAudit(tx as unknown as Db, key, { tenantId, anchor: auditAnchorOf(store.db) });
      throw new Rollback();
    })
    .catch((e) => {
      if (!(e instanceof Rollback)) throw e;
    });
  return result;
}

const kinds = (r: AuditVerifyResult) => [...new Set(r.problems.map((p) => p.kind))].sort();
const positions = [
  1,
  2,
  3,
  ...Array.from({ length: 13 }, (_, i) => Math.round(((i + 1) * N) / 14)),
  N - BY_RECORD_AUDIT + 1,
  N - 20,
  N - 1,
  N,
];

describe('audit chain', () => {
  it('an untouched chain verifies with no false alarm', async () => {
    const r = await verifyAudit(store.db, key, { tenantId });
    expect(r).toMatchObject({ ok: true, entries: N, problems: [] });
  });

  it('the application role cannot update or delete, and the trigger stops even the owner', async () => {
    await expect(
      withTenant(store.db, tenantId, (tx) =>
        tx.updateTable('audit_event').set({ action: 'x' }).where('tenant_id', '=', tenantId).execute(),
      ),
    ).rejects.toThrow(/permission denied|append-only/);
    await expect(
      withTenant(store.db, tenantId, (tx) => tx.deleteFrom('audit_event').where('tenant_id', '=', tenantId).execute()),
    ).rejects.toThrow(/permission denied|append-only/);
    await expect(
      store.db.deleteFrom('audit_event').where('tenant_id', '=', tenantId).where('seq', '=', 1).execute(),
    ).rejects.toThrow(/append-only/);
    await expect(sql`TRUNCATE audit_event`.execute(store.db)).rejects.toThrow(/append-only/);
  });

  it.each(positions)('detects an edited entry at %i', async (seq) => {
    const r = await tamperAndVerify((tx) =>
      tx
        .updateTable('audit_event')
        .set({ username: 'someone-else' })
        .where('tenant_id', '=', tenantId)
        .where('seq', '=', seq)
        .execute(),
    );
    expect(r.ok).toBe(false);
    expect(r.problems.find((p) => p.seq === seq)?.kind).toBe('entry_altered');
  });

  it.each(positions)('detects an edit whose hash was recomputed without the key at %i', async (seq) => {
    const r = await tamperAndVerify(async (tx) => {
      const row = await tx
        .selectFrom('audit_event')
        .selectAll()
        .where('tenant_id', '=', tenantId)
        .where('seq', '=', seq)
        .executeTakeFirstOrThrow();
      const fields = {
        tenantId,
        seq,
        occurredAt: new Date(row.occurred_at).toISOString(),
        userId: row.user_id,
        username: row.username,
        action: 'delete',
        resourceType: row.resource_type,
        resourceId: row.resource_id,
        patientId: row.patient_id,
        dataCategory: row.data_category,
        sourceIp: row.source_ip,
        outcome: row.outcome,
        details: row.details as Record<string, unknown>,
      };
      await tx
        .updateTable('audit_event')
        .set({ action: 'delete', hash: entryHash(fields, row.prev_hash) })
        .where('tenant_id', '=', tenantId)
        .where('seq', '=', seq)
        .execute();
    });
    expect(r.problems.some((p) => p.seq === seq && p.kind === 'hmac_invalid')).toBe(true);
  });

  it.each(positions)('detects a deleted entry at %i', async (seq) => {
    const r = await tamperAndVerify((tx) =>
      tx.deleteFrom('audit_event').where('tenant_id', '=', tenantId).where('seq', '=', seq).execute(),
    );
    expect(r.ok).toBe(false);
    expect(kinds(r).some((k) => ['sequence_gap', 'chain_broken', 'tail_missing'].includes(k))).toBe(true);
  });

  it.each(positions.filter((p) => p < N))('detects two entries swapped at %i and the next', async (seq) => {
    const r = await tamperAndVerify(async (tx) => {
      await tx
        .updateTable('audit_event')
        .set({ seq: -1 })
        .where('tenant_id', '=', tenantId)
        .where('seq', '=', seq)
        .execute();
      await tx
        .updateTable('audit_event')
        .set({ seq })
        .where('tenant_id', '=', tenantId)
        .where('seq', '=', seq + 1)
        .execute();
      await tx
        .updateTable('audit_event')
        .set({ seq: seq + 1 })
        .where('tenant_id', '=', tenantId)
        .where('seq', '=', -1)
        .execute();
    });
    expect(r.ok).toBe(false);
    expect(kinds(r)).toContain('chain_broken');
  });

  it.each(positions)('detects an inserted forged entry after %i', async (after) => {
    const r = await tamperAndVerify(async (tx) => {
      // shift every later entry up by one (two steps: the (tenant, seq) key is checked row by row)
      await sql`UPDATE audit_event SET seq = -seq - 1 WHERE tenant_id = ${tenantId} AND seq > ${after}`.execute(tx);
      await sql`UPDATE audit_event SET seq = -seq WHERE tenant_id = ${tenantId} AND seq < 0`.execute(tx);
      const prev = await tx
        .selectFrom('audit_event')
        .select('hash')
        .where('tenant_id', '=', tenantId)
        .where('seq', '=', after)
        .executeTakeFirstOrThrow();
      const fields = {
        tenantId,
        seq: after + 1,
        occurredAt: new Date().toISOString(),
        userId: 9,
        username: 'ghost',
        action: 'read',
        resourceType: 'patient',
        resourceId: '1',
        patientId: 1,
        dataCategory: null,
        sourceIp: null,
        outcome: 'success',
        details: {},
      };
      const hash = entryHash(fields, prev.hash);
      await tx
        .insertInto('audit_event')
        .values({
          tenant_id: tenantId,
          seq: after + 1,
          occurred_at: fields.occurredAt,
          user_id: 9,
          username: 'ghost',
          action: 'read',
          resource_type: 'patient',
          resource_id: '1',
          patient_id: 1,
          data_category: null,
          source_ip: null,
          outcome: 'success',
          details: '{}',
          prev_hash: prev.hash,
          hash,
          hmac: crypto.randomBytes(32).toString('hex'),
        })
        .execute();
    });
    expect(r.problems.some((p) => p.seq === after + 1 && p.kind === 'hmac_invalid')).toBe(true);
  });

  it('detects an entry slipped in below the start of the chain', async () => {
    const r = await tamperAndVerify((tx) =>
      tx
        .updateTable('audit_event')
        .set({ seq: -7 })
        .where('tenant_id', '=', tenantId)
        .where('seq', '=', N - 1)
        .execute(),
    );
    expect(r.problems.find((p) => p.seq === -7)?.kind).toBe('outside_chain');
  });

  it('detects a cut tail, and a head rewritten to hide it', async () => {
    const cut = await tamperAndVerify((tx) =>
      tx
        .deleteFrom('audit_event')
        .where('tenant_id', '=', tenantId)
        .where('seq', '>', N - 5)
        .execute(),
    );
    expect(kinds(cut)).toEqual(['tail_missing']);
    const hidden = await tamperAndVerify(async (tx) => {
      await tx
        .deleteFrom('audit_event')
        .where('tenant_id', '=', tenantId)
        .where('seq', '>', N - 5)
        .execute();
      const last = await tx
        .selectFrom('audit_event')
        .select('hash')
        .where('tenant_id', '=', tenantId)
        .where('seq', '=', N - 5)
        .executeTakeFirstOrThrow();
      await tx
        .updateTable('audit_chain_head')
        .set({ seq: N - 5, hash: last.hash })
        .where('tenant_id', '=', tenantId)
        .execute();
    });
    // the forged head is caught by its HMAC, and by the anchor outside the database, which saw entry N
    expect(kinds(hidden)).toEqual(['head_hmac_invalid', 'rolled_back']);
  });

  it('verifying with a different key flags every entry (the key is what makes it trustworthy)', async () => {
    const r = await verifyAudit(store.db, crypto.randomBytes(32), { tenantId });
    expect(r.problems.filter((p) => p.kind === 'hmac_invalid')).toHaveLength(N);
  });
});

describe('database backstop (row-level security)', () => {
  it('the application role owns nothing and cannot bypass RLS', async () => {
    const role = await sql<{
      rolbypassrls: boolean;
      rolsuper: boolean;
    }>`SELECT rolbypassrls, rolsuper FROM pg_roles WHERE rolname = 'medbill_app'`.execute(store.db);
    expect(role.rows[0]).toEqual({ rolbypassrls: false, rolsuper: false });
    const owned = await sql<{
      n: number;
    }>`SELECT count(*)::int AS n FROM pg_tables WHERE schemaname = 'public' AND tableowner = 'medbill_app'`.execute(
      store.db,
    );
    expect(owned.rows[0].n).toBe(0);
    const noRls = await sql<{
      relname: string;
    }>`SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'public' AND c.relkind = 'r' AND NOT c.relrowsecurity AND c.relname NOT IN ('schema_migration', 'code_file')`.execute(
      store.db,
    );
    expect(noRls.rows.map((r) => r.relname)).toEqual([]);
  });

  it('a query as the application role with no tenant set sees no rows, and cannot write into another tenant', async () => {
    const rows = await store.db.transaction().execute(async (tx) => {
      await sql`SET LOCAL ROLE medbill_app`.execute(tx);
      return tx.selectFrom('audit_event').select('seq').execute();
    });
    expect(rows).toHaveLength(0);
    const other = (
      await store.db
        .insertInto('tenant')
        .values({ name: 'Other', slug: `other-${crypto.randomBytes(3).toString('hex')}` })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
    await expect(
      withTenant(store.db, tenantId, (tx) =>
        tx
          .insertInto('payer')
          .values({
            tenant_id: other,
            name: 'x',
            payer_code: 'X1',
            claim_filing_indicator: 'CI',
            timely_filing_days: 1,
          })
          .execute(),
      ),
    ).rejects.toThrow(/row-level security/);
  });
});
