/** An X12 file as it was sent or received. Audited as a read. */
import type { EdiFile } from '@medbill/api';
import type { Actor } from '../actor.ts';
import { notFound } from '../app-error.ts';
import { recordAudit } from '../audit/record-audit.ts';
import { toCamel } from '../db/case.ts';
import { withTenant } from '../db/open-database.ts';
import type { Deps } from '../deps.ts';

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
    await recordAudit(tx, deps.auditKey, actor, {
      action: 'read',
      resourceType: 'edi_file',
      resourceId: f.id,
      dataCategory: 'claim',
    });
    return toCamel(f);
  });
}
