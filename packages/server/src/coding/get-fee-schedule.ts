/** One fee schedule with its fees (no patient data: not audited). */
import type { Actor } from '../actor.ts';
import { notFound } from '../app-error.ts';
import { toCamel } from '../db/case.ts';
import { withTenant } from '../db/open-database.ts';
import type { Deps } from '../deps.ts';

export async function getFeeSchedule(deps: Pick<Deps, 'db'>, actor: Actor, input: { feeScheduleId: number }) {
  const tenantId = actor.tenantId;
  return withTenant(deps.db, tenantId, async (tx) => {
    const fs = await tx
      .selectFrom('fee_schedule')
      .selectAll()
      .where('tenant_id', '=', tenantId)
      .where('id', '=', input.feeScheduleId)
      .executeTakeFirst();
    if (!fs) throw notFound('Fee schedule');
    const rows = await tx
      .selectFrom('fee_schedule_item')
      .select(['procedure_code', 'modifier', 'charge_cents'])
      .where('tenant_id', '=', tenantId)
      .where('fee_schedule_id', '=', fs.id)
      .orderBy('procedure_code')
      .orderBy('modifier')
      .execute();
    return { ...toCamel(fs), items: rows.map(toCamel) };
  });
}
