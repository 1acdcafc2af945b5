/** One statement as it was printed (PDF); the print is audited against the account's patients. */
import type { Actor } from '../actor.ts';
import { AppError } from '../app-error.ts';
import { recordAuditForPatients } from '../audit/record-audit.ts';
import { withTenant } from '../db/open-database.ts';
import type { Deps } from '../deps.ts';
import { renderStatementPdf, type StatementContent } from '../print/statement-pdf.ts';
import { loadAccount } from './account-of.ts';

export async function printStatement(
  deps: Pick<Deps, 'db' | 'auditKey'>,
  actor: Actor,
  input: { statementId: number },
): Promise<Uint8Array> {
  const tenantId = actor.tenantId;
  return withTenant(deps.db, tenantId, async (tx) => {
    const s = await tx
      .selectFrom('statement')
      .selectAll()
      .where('tenant_id', '=', tenantId)
      .where('id', '=', input.statementId)
      .executeTakeFirst();
    if (!s) throw new AppError('not_found', 'Statement not found');
    const account = await loadAccount(tx, tenantId, { accountId: s.account_id });
    await recordAuditForPatients(
      tx,
      deps.auditKey,
      actor,
      { action: 'print', resourceType: 'statement', resourceId: s.id, dataCategory: 'account' },
      account.patientIds,
    );
    return renderStatementPdf({ ...(s.content as StatementContent), statementNumber: `S${s.run_id}-${s.id}` });
  });
}
