/** An X12 file as it was sent or received. Audited as a read naming the claims and patients in it. */
import type { EdiFile } from '@medbill/api';
import type { Actor } from '../actor.ts';
import { notFound } from '../app-error.ts';
import { recordAudit } from '../audit/record-audit.ts';
import { toCamel } from '../db/case.ts';
import { withTenant } from '../db/open-database.ts';
import type { Deps } from '../deps.ts';
import { ediFilePatients } from './edi-file-patients.ts';
import { readFileIssues } from './inbound/file-issues.ts';

export async function getEdiFile(
  deps: Pick<Deps, 'db' | 'auditKey'>,
  actor: Actor,
  input: { fileId: number },
): Promise<EdiFile> {
  return withTenant(deps.db, actor.tenantId, async (tx) => {
    const f = await tx
      .selectFrom('edi_file')
      .selectAll()
      .where('tenant_id', '=', actor.tenantId)
      .where('id', '=', input.fileId)
      .executeTakeFirst();
    if (!f) throw notFound('File');
    const { claimIds, patientIds } = await ediFilePatients(tx, actor.tenantId, f.id);
    await recordAudit(tx, deps.auditKey, actor, {
      action: 'read',
      resourceType: 'edi_file',
      resourceId: f.id,
      dataCategory: 'claim',
      patientId: patientIds.length === 1 ? patientIds[0] : null,
      details: { claimIds, patientIds },
    });
    return { ...toCamel(f), issues: readFileIssues(f.issues, f.file_name) };
  });
}
