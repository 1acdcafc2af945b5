/** The audit log filtered as an admin asks, and the patient a report concerns (helpers of the search use cases). */
import { sql } from 'kysely';
import type { Tx } from '../db/open-database.ts';
import type { AuditQuery } from './audit-schemas.ts';

export const AUDIT_COLUMNS = [
  'seq',
  'occurred_at',
  'username',
  'action',
  'resource_type',
  'resource_id',
  'patient_id',
  'data_category',
  'source_ip',
  'outcome',
  'details',
] as const;

export function filteredAudit(tx: Tx, tenantId: number, q: AuditQuery) {
  let s = tx.selectFrom('audit_event').where('tenant_id', '=', tenantId);
  if (q.from) s = s.where('occurred_at', '>=', new Date(q.from));
  if (q.to)
    s = s.where(
      'occurred_at',
      q.to.length === 10 ? '<' : '<=',
      q.to.length === 10 ? new Date(new Date(q.to).getTime() + 86_400_000) : new Date(q.to),
    );
  if (q.username) s = s.where('username', '=', q.username);
  if (q.action) s = s.where('action', '=', q.action);
  if (q.resourceType) s = s.where('resource_type', '=', q.resourceType);
  if (q.patientId) {
    const id = q.patientId;
    // rows about several patients (an 835, a batch, a search) name them in details.patientIds
    s = s.where((eb) =>
      eb.or([eb('patient_id', '=', id), sql<boolean>`details -> 'patientIds' @> ${JSON.stringify([id])}::jsonb`]),
    );
  }
  if (q.outcome) s = s.where('outcome', '=', q.outcome);
  return s;
}

/** The patient a report was asked about, when it is one of this tenant's (any other number names no one). */
export async function ownPatient(tx: Tx, tenantId: number, patientId: number | undefined): Promise<number | null> {
  if (!patientId) return null;
  const row = await tx
    .selectFrom('patient')
    .select('id')
    .where('tenant_id', '=', tenantId)
    .where('id', '=', patientId)
    .executeTakeFirst();
  return row?.id ?? null;
}
