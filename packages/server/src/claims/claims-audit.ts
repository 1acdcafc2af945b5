/**
 * Audit rows for work on many claims at once (a scrub run, a batch, an inbound 999/277CA/835): one row
 * naming the claims and their patients in details (claimIds, patientIds), with the patient column set
 * when exactly one patient is concerned — the pattern of searches and batch routes, so a 5,000-claim
 * 835 is one row, not 5,000.
 */
import type { Actor } from '../actor.ts';
import { recordAudit, type AuditRecord } from '../audit/record-audit.ts';
import type { Tx } from '../db/open-database.ts';

const CHUNK = 5000;

/** The patients whose claims these are (through each claim's encounter), sorted. */
export async function patientsOfClaims(tx: Tx, tenantId: number, claimIds: readonly number[]): Promise<number[]> {
  const ids = [...new Set(claimIds)];
  const patients = new Set<number>();
  for (let i = 0; i < ids.length; i += CHUNK) {
    const rows = await tx
      .selectFrom('claim as c')
      .innerJoin('encounter as e', (j) =>
        j.onRef('e.tenant_id', '=', 'c.tenant_id').onRef('e.id', '=', 'c.encounter_id'),
      )
      .select('e.patient_id')
      .distinct()
      .where('c.tenant_id', '=', tenantId)
      .where('c.id', 'in', ids.slice(i, i + CHUNK))
      .execute();
    for (const r of rows) patients.add(r.patient_id);
  }
  return [...patients].sort((a, b) => a - b);
}

/** One audit row for an action on these claims, in the caller's transaction; details gain claimIds and patientIds. */
export async function recordClaimsAudit(
  tx: Tx,
  key: Buffer,
  actor: Actor,
  rec: Omit<AuditRecord, 'patientId'>,
  claimIds: readonly number[],
  now = new Date(),
): Promise<number> {
  const claims = [...new Set(claimIds)].sort((a, b) => a - b);
  const patientIds = await patientsOfClaims(tx, actor.tenantId, claims);
  return recordAudit(
    tx,
    key,
    actor,
    {
      ...rec,
      patientId: patientIds.length === 1 ? patientIds[0] : null,
      details: { ...rec.details, claimIds: claims, patientIds },
    },
    now,
  );
}

/**
 * What work outside a request needs to write its own rows: the key and the caller's address (null outside HTTP).
 * @deprecated pass the use case's `Actor` (it carries the address) and the key from `deps`
 */
export interface AuditSink {
  key: Buffer;
  sourceIp: string | null;
}

/** @deprecated see AuditSink */
export const auditActor = (
  tenantId: number,
  actor: { userId: number | null; username: string | null },
  sink: AuditSink,
): Actor => ({ tenantId, userId: actor.userId, username: actor.username, sourceIp: sink.sourceIp });
