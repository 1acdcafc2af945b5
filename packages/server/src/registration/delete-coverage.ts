/**
 * A coverage entered by mistake removed; refused once a claim uses it (end it instead). The audit row keeps
 * what the record held, so the patient's chart history can be rebuilt from the log alone.
 */
import { issueAt } from '@medbill/api';
import type { Actor } from '../actor.ts';
import { AppError, notFound } from '../app-error.ts';
import { recordAudit } from '../audit/record-audit.ts';
import { toCamel } from '../db/case.ts';
import { withTenant } from '../db/open-database.ts';
import type { Deps } from '../deps.ts';

export async function deleteCoverage(
  deps: Pick<Deps, 'db' | 'auditKey'>,
  actor: Actor,
  input: { coverageId: number },
): Promise<void> {
  const tenantId = actor.tenantId;
  await withTenant(deps.db, tenantId, async (tx) => {
    // the row lock makes a claim being created on this coverage wait for us, or us see its claim
    const row = await tx
      .selectFrom('coverage')
      .selectAll()
      .where('tenant_id', '=', tenantId)
      .where('id', '=', input.coverageId)
      .forUpdate()
      .executeTakeFirst();
    if (!row) throw notFound('Coverage');
    const claims = await tx
      .selectFrom('claim')
      .select(['claim_number'])
      .where('tenant_id', '=', tenantId)
      .where('coverage_id', '=', row.id)
      .orderBy('id')
      .limit(6)
      .execute();
    if (claims.length) {
      const names =
        claims
          .slice(0, 5)
          .map((c) => c.claim_number)
          .join(', ') + (claims.length > 5 ? ' and more' : '');
      throw new AppError(
        'conflict',
        `This coverage is on claim ${names}: it cannot be deleted; end it with an end date instead`,
        [issueAt('coverage', 'in-use', `used by claim ${names}`)],
      );
    }
    await tx.deleteFrom('coverage').where('tenant_id', '=', tenantId).where('id', '=', row.id).execute();
    // what the record held, so the patient's chart history can be rebuilt from the audit log alone
    await recordAudit(tx, deps.auditKey, actor, {
      action: 'delete',
      resourceType: 'coverage',
      resourceId: row.id,
      patientId: row.patient_id,
      dataCategory: 'insurance',
      details: { deleted: toCamel(row) },
    });
  });
}
