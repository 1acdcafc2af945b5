/** Reading eligibility answers: one check, or a patient's checks newest first. Each read is audited. */
import { recordAudit } from '../audit/record-audit.ts';
import { withTenant } from '../db/open-database.ts';
import { notFound } from '../app-error.ts';
import type { UseCaseContext } from '../accounts/use-case-context.ts';
import { eligibilityCheckView, type EligibilityCheckView } from './eligibility-view.ts';

export async function loadEligibilityCheck(ctx: UseCaseContext, checkId: number): Promise<EligibilityCheckView> {
  return withTenant(ctx.db, ctx.tenantId, async (tx) => {
    const row = await tx
      .selectFrom('eligibility_check as e')
      .innerJoin('payer as p', (j) => j.onRef('p.tenant_id', '=', 'e.tenant_id').onRef('p.id', '=', 'e.payer_id'))
      .selectAll('e')
      .select('p.name as payer_name')
      .where('e.tenant_id', '=', ctx.tenantId)
      .where('e.id', '=', checkId)
      .executeTakeFirst();
    if (!row) throw notFound('Eligibility check');
    await recordAudit(tx, ctx.auditKey, ctx.actor, {
      action: 'read',
      resourceType: 'eligibility_check',
      resourceId: row.id,
      patientId: row.patient_id,
      dataCategory: 'insurance',
    });
    return eligibilityCheckView(row, row.payer_name);
  });
}

export async function listEligibilityChecks(
  ctx: UseCaseContext,
  patientId: number,
  limit = 20,
): Promise<EligibilityCheckView[]> {
  return withTenant(ctx.db, ctx.tenantId, async (tx) => {
    const patient = await tx
      .selectFrom('patient')
      .select('id')
      .where('tenant_id', '=', ctx.tenantId)
      .where('id', '=', patientId)
      .executeTakeFirst();
    if (!patient) throw notFound('Patient');
    const rows = await tx
      .selectFrom('eligibility_check as e')
      .innerJoin('payer as p', (j) => j.onRef('p.tenant_id', '=', 'e.tenant_id').onRef('p.id', '=', 'e.payer_id'))
      .selectAll('e')
      .select('p.name as payer_name')
      .where('e.tenant_id', '=', ctx.tenantId)
      .where('e.patient_id', '=', patientId)
      .orderBy('e.id', 'desc')
      .limit(limit)
      .execute();
    await recordAudit(tx, ctx.auditKey, ctx.actor, {
      action: 'query',
      resourceType: 'eligibility_check',
      patientId,
      dataCategory: 'insurance',
      details: { checks: rows.length },
    });
    return rows.map((r) => eligibilityCheckView(r, r.payer_name));
  });
}
