/**
 * The claims and patients an X12 file concerns (issue 8 item 11), so reading the file is audited against each
 * patient: an 837 through its batch, a 999/277CA/835 through the claim events and adjudications it caused (and
 * the batch it acknowledged), a 270/271 through its eligibility check.
 */
import { sql } from 'kysely';
import type { Tx } from '../db/open-database.ts';
import { patientsOfClaims } from './claims-audit.ts';

export async function ediFilePatients(
  tx: Tx,
  tenantId: number,
  fileId: number,
): Promise<{ claimIds: number[]; patientIds: number[] }> {
  const claims = await sql<{ id: number }>`
    SELECT c.id FROM claim c JOIN batch b ON b.tenant_id = c.tenant_id AND b.id = c.batch_id
     WHERE c.tenant_id = ${tenantId} AND (b.file_id = ${fileId} OR b.ack_file_id = ${fileId})
    UNION
    SELECT claim_id FROM claim_event WHERE tenant_id = ${tenantId} AND file_id = ${fileId}
    UNION
    SELECT claim_id FROM claim_adjudication WHERE tenant_id = ${tenantId} AND edi_file_id = ${fileId}`.execute(tx);
  const claimIds = claims.rows.map((r) => Number(r.id)).sort((a, b) => a - b);
  const checks = await tx
    .selectFrom('eligibility_check')
    .select('patient_id')
    .where('tenant_id', '=', tenantId)
    .where((eb) => eb.or([eb('request_file_id', '=', fileId), eb('response_file_id', '=', fileId)]))
    .execute();
  const patients = new Set([...(await patientsOfClaims(tx, tenantId, claimIds)), ...checks.map((c) => c.patient_id)]);
  return { claimIds, patientIds: [...patients].sort((a, b) => a - b) };
}
