/**
 * The 837 of a batch, byte for byte as sent, for the caller to write somewhere (`destination` is recorded).
 * Audited as `export` naming the batch, the file, its claims and their patients, before the bytes leave.
 */
import type { Actor } from '../actor.ts';
import { notFound } from '../app-error.ts';
import type { AuditRecord } from '../audit/record-audit.ts';
import { withTenant } from '../db/open-database.ts';
import type { Deps } from '../deps.ts';
import { recordClaimsAudit } from './claims-audit.ts';

export interface ExportedBatchFile {
  fileName: string;
  content: string;
  /** the audit row written, so a caller whose own write fails can record that too */
  audit: AuditRecord;
}

export async function exportBatchFile(
  deps: Pick<Deps, 'db' | 'auditKey'>,
  actor: Actor,
  input: { batchId: number; destination?: string },
): Promise<ExportedBatchFile> {
  const tenantId = actor.tenantId;
  return withTenant(deps.db, tenantId, async (tx) => {
    const row = await tx
      .selectFrom('batch as b')
      .innerJoin('edi_file as f', (j) => j.onRef('f.tenant_id', '=', 'b.tenant_id').onRef('f.id', '=', 'b.file_id'))
      .select(['b.id', 'f.id as file_id', 'f.content', 'f.file_name'])
      .where('b.tenant_id', '=', tenantId)
      .where('b.id', '=', input.batchId)
      .executeTakeFirst();
    if (!row) throw notFound(`Batch ${input.batchId}`);
    const claims = await tx
      .selectFrom('claim')
      .select('id')
      .where('tenant_id', '=', tenantId)
      .where('batch_id', '=', row.id)
      .execute();
    const audit = {
      action: 'export',
      resourceType: 'batch',
      resourceId: row.id,
      dataCategory: 'claim',
      details: {
        fileId: row.file_id,
        fileName: row.file_name,
        ...(input.destination ? { to: input.destination } : {}),
      },
    } satisfies AuditRecord;
    await recordClaimsAudit(
      tx,
      deps.auditKey,
      actor,
      audit,
      claims.map((c) => c.id),
    );
    return { fileName: row.file_name, content: row.content, audit };
  });
}
