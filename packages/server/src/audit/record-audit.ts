/**
 * Appends one audit event in the caller's transaction, so a PHI response is never served without
 * its audit record (if the insert fails, the whole request fails). The chain head row is locked
 * (FOR UPDATE) so concurrent writers on PostgreSQL cannot fork the chain.
 */
import { sql } from 'kysely';
import type { Actor } from '../actor.ts';
import { afterCommit, type Tx } from '../db/open-database.ts';
import { anchorLine, auditAnchorOf } from './audit-anchor.ts';
import { entryHash, entryHmac, GENESIS_HASH, headHmac, type AuditFields } from './audit-chain.ts';

export const AUDIT_ACTIONS = [
  'create',
  'read',
  'update',
  'delete',
  'query',
  'print',
  'export',
  'login',
  'login_failed',
  'logout',
  'access_denied',
  'privilege_change',
  'verify',
  'mfa_enrol',
  'mfa_confirm',
  'mfa_success',
  'mfa_failure',
  'mfa_recovery_used',
  'mfa_recovery_codes',
  'mfa_disable',
  'mfa_reset',
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

/** who an audit row names: the actor of the use case that writes it */
export type AuditActor = Actor;

export interface AuditRecord {
  action: AuditAction;
  resourceType: string;
  resourceId?: string | number | null;
  patientId?: number | null;
  dataCategory?: string | null;
  outcome?: 'success' | 'failure' | 'denied';
  details?: Record<string, unknown>;
}

export async function recordAudit(
  tx: Tx,
  key: Buffer,
  actor: AuditActor,
  rec: AuditRecord,
  now = new Date(),
): Promise<number> {
  const tenantId = actor.tenantId;
  await sql`INSERT INTO audit_chain_head (tenant_id, seq, hash, hmac) VALUES (${tenantId}, 0, ${GENESIS_HASH}, ${headHmac(key, tenantId, 0, GENESIS_HASH)}) ON CONFLICT (tenant_id) DO NOTHING`.execute(
    tx,
  );
  const head = await tx
    .selectFrom('audit_chain_head')
    .select(['seq', 'hash'])
    .where('tenant_id', '=', tenantId)
    .forUpdate()
    .executeTakeFirstOrThrow();
  const fields: AuditFields = {
    tenantId,
    seq: head.seq + 1,
    occurredAt: now.toISOString(),
    userId: actor.userId,
    username: actor.username,
    action: rec.action,
    resourceType: rec.resourceType,
    resourceId: rec.resourceId === undefined || rec.resourceId === null ? null : String(rec.resourceId),
    patientId: rec.patientId ?? null,
    dataCategory: rec.dataCategory ?? null,
    sourceIp: actor.sourceIp,
    outcome: rec.outcome ?? 'success',
    details: rec.details ?? {},
  };
  const hash = entryHash(fields, head.hash);
  await tx
    .insertInto('audit_event')
    .values({
      tenant_id: tenantId,
      seq: fields.seq,
      occurred_at: fields.occurredAt,
      user_id: fields.userId,
      username: fields.username,
      action: fields.action,
      resource_type: fields.resourceType,
      resource_id: fields.resourceId,
      patient_id: fields.patientId,
      data_category: fields.dataCategory,
      source_ip: fields.sourceIp,
      outcome: fields.outcome,
      details: JSON.stringify(fields.details),
      prev_hash: head.hash,
      hash,
      hmac: entryHmac(key, hash),
    })
    .execute();
  await tx
    .updateTable('audit_chain_head')
    .set({ seq: fields.seq, hash, hmac: headHmac(key, tenantId, fields.seq, hash) })
    .where('tenant_id', '=', tenantId)
    .execute();
  // once committed, the tenant's newest head goes to the anchor file outside the database
  afterCommit(tx, `audit-anchor:${tenantId}`, (db) =>
    auditAnchorOf(db)?.append([anchorLine(key, tenantId, fields.seq, hash, now)]),
  );
  return fields.seq;
}

/**
 * Anchors the tenant's chain head as it stands in `tx` once `tx` commits: for audit rows written into `tx` by another
 * thread (the posting worker, jobs/post-in-worker.ts), whose own after-commit hooks never reach this transaction.
 */
export async function anchorHeadAfterCommit(tx: Tx, key: Buffer, tenantId: number, now = new Date()): Promise<void> {
  const head = await tx
    .selectFrom('audit_chain_head')
    .select(['seq', 'hash'])
    .where('tenant_id', '=', tenantId)
    .executeTakeFirst();
  if (!head || head.seq === 0) return;
  afterCommit(tx, `audit-anchor:${tenantId}`, (db) =>
    auditAnchorOf(db)?.append([anchorLine(key, tenantId, head.seq, head.hash, now)]),
  );
}

/**
 * One audit row per patient the record concerns (a guarantor may answer for several), so each
 * patient's audit report finds it through the indexed patient id; one row without a patient when
 * none is concerned. Rows written for one action list all the patients in details.patientIds.
 */
export async function recordAuditForPatients(
  tx: Tx,
  key: Buffer,
  actor: AuditActor,
  rec: Omit<AuditRecord, 'patientId'>,
  patientIds: readonly number[],
  now = new Date(),
): Promise<void> {
  const ids = [...new Set(patientIds)].sort((a, b) => a - b);
  if (ids.length <= 1) {
    await recordAudit(tx, key, actor, { ...rec, patientId: ids[0] ?? null }, now);
    return;
  }
  for (const patientId of ids)
    await recordAudit(tx, key, actor, { ...rec, patientId, details: { ...rec.details, patientIds: ids } }, now);
}
