/**
 * Writes a long, valid audit chain fast (for the C4 tests and the verify benchmark): the same fields,
 * hashes and HMACs as `recordAudit`, computed here and inserted in multi-row batches as the owner.
 */
import { sql } from 'kysely';
import type { Db } from '../db/open-database.ts';
import { entryHash, entryHmac, GENESIS_HASH, headHmac, type AuditFields } from './audit-chain.ts';

const ACTIONS = ['read', 'update', 'query', 'create', 'export'] as const;

export async function seedAuditChain(
  db: Db,
  key: Buffer,
  tenantId: number,
  count: number,
  opts: { batch?: number; onProgress?: (done: number) => void } = {},
): Promise<void> {
  const batch = opts.batch ?? 1000;
  let prevHash = GENESIS_HASH;
  const start = Date.UTC(2026, 0, 1);
  for (let from = 1; from <= count; from += batch) {
    const rows = [];
    for (let seq = from; seq < Math.min(from + batch, count + 1); seq++) {
      const fields: AuditFields = {
        tenantId,
        seq,
        occurredAt: new Date(start + seq * 1000).toISOString(),
        userId: 1 + (seq % 5),
        username: `user${seq % 5}`,
        action: ACTIONS[seq % ACTIONS.length]!,
        resourceType: seq % 3 ? 'patient' : 'claim',
        resourceId: String(seq % 997),
        patientId: 1 + (seq % 4000),
        dataCategory: 'demographics',
        sourceIp: `10.0.${seq % 250}.${1 + (seq % 200)}`,
        outcome: 'success',
        details: seq % 7 ? {} : { claimIds: [seq, seq + 1], note: `batch ${seq % 13}` },
      };
      const hash = entryHash(fields, prevHash);
      rows.push({
        tenant_id: tenantId,
        seq,
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
        prev_hash: prevHash,
        hash,
        hmac: entryHmac(key, hash),
      });
      prevHash = hash;
    }
    await db.insertInto('audit_event').values(rows).execute();
    opts.onProgress?.(from + rows.length - 1);
  }
  await sql`INSERT INTO audit_chain_head (tenant_id, seq, hash, hmac) VALUES (${tenantId}, ${count}, ${prevHash}, ${headHmac(key, tenantId, count, prevHash)})
    ON CONFLICT (tenant_id) DO UPDATE SET seq = EXCLUDED.seq, hash = EXCLUDED.hash, hmac = EXCLUDED.hmac`.execute(db);
}
