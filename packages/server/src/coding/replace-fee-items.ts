/** Replaces a fee schedule's fees as a whole; audited. */
import type { Actor } from '../actor.ts';
import { notFound } from '../app-error.ts';
import { recordAudit } from '../audit/record-audit.ts';
import { withTenant } from '../db/open-database.ts';
import type { Deps } from '../deps.ts';
import { insertFeeItems } from './fee-schedule-items.ts';
import type { FeeItem } from './fee-schedule-schemas.ts';

export async function replaceFeeItems(
  deps: Pick<Deps, 'db' | 'auditKey'>,
  actor: Actor,
  input: { feeScheduleId: number; items: FeeItem[] },
): Promise<{ id: number; items: number }> {
  const tenantId = actor.tenantId;
  return withTenant(deps.db, tenantId, async (tx) => {
    const fs = await tx
      .selectFrom('fee_schedule')
      .select('id')
      .where('tenant_id', '=', tenantId)
      .where('id', '=', input.feeScheduleId)
      .executeTakeFirst();
    if (!fs) throw notFound('Fee schedule');
    await tx
      .deleteFrom('fee_schedule_item')
      .where('tenant_id', '=', tenantId)
      .where('fee_schedule_id', '=', fs.id)
      .execute();
    await insertFeeItems(tx, tenantId, fs.id, input.items);
    await recordAudit(tx, deps.auditKey, actor, {
      action: 'update',
      resourceType: 'fee_schedule',
      resourceId: fs.id,
      details: { items: input.items.length },
    });
    return { id: fs.id, items: input.items.length };
  });
}
