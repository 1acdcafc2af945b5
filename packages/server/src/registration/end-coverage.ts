/**
 * A coverage ended on a date (the policy stopped): it stays on file for the claims it paid, and the claims
 * already made on it for later dates of service are listed so they can be billed elsewhere. Audited.
 */
import type { Actor } from '../actor.ts';
import { invalid, notFound } from '../app-error.ts';
import { recordAudit } from '../audit/record-audit.ts';
import { toCamel } from '../db/case.ts';
import { withTenant } from '../db/open-database.ts';
import type { Deps } from '../deps.ts';

export async function endCoverage(
  deps: Pick<Deps, 'db' | 'auditKey'>,
  actor: Actor,
  input: { coverageId: number; endDate: string },
) {
  const tenantId = actor.tenantId;
  return withTenant(deps.db, tenantId, async (tx) => {
    const before = await tx
      .selectFrom('coverage')
      .selectAll()
      .where('tenant_id', '=', tenantId)
      .where('id', '=', input.coverageId)
      .forUpdate()
      .executeTakeFirst();
    if (!before) throw notFound('Coverage');
    const { endDate } = input;
    if (endDate < before.effective_date)
      throw invalid('endDate', `End date cannot be before the effective date (${before.effective_date})`);
    const after = await tx
      .updateTable('coverage')
      .set({ end_date: endDate, updated_at: new Date() })
      .where('tenant_id', '=', tenantId)
      .where('id', '=', before.id)
      .returningAll()
      .executeTakeFirstOrThrow();
    // claims already made on this coverage for visits after the end: the payer will deny them
    const claimsAfterEnd = await tx
      .selectFrom('claim as c')
      .innerJoin('encounter as e', (j) =>
        j.onRef('e.tenant_id', '=', 'c.tenant_id').onRef('e.id', '=', 'c.encounter_id'),
      )
      .select(['c.id', 'c.claim_number', 'c.state', 'e.service_date_from'])
      .where('c.tenant_id', '=', tenantId)
      .where('c.coverage_id', '=', before.id)
      .where('c.state', '<>', 'voided')
      .where('e.service_date_from', '>', endDate)
      .orderBy('e.service_date_from')
      .orderBy('c.id')
      .execute();
    await recordAudit(tx, deps.auditKey, actor, {
      action: 'update',
      resourceType: 'coverage',
      resourceId: before.id,
      patientId: before.patient_id,
      dataCategory: 'insurance',
      details: {
        ended: true,
        changes: { end_date: { from: before.end_date, to: endDate } },
        claimsAfterEnd: claimsAfterEnd.map((c) => c.id),
      },
    });
    return { ...toCamel(after), claimsAfterEnd: claimsAfterEnd.map(toCamel) };
  });
}
