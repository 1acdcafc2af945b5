/** A new fee schedule for a practice, with its fees; audited. */
import type { Actor } from '../actor.ts';
import { recordAudit } from '../audit/record-audit.ts';
import { withTenant } from '../db/open-database.ts';
import type { Deps } from '../deps.ts';
import { insertFeeItems } from './fee-schedule-items.ts';
import type { FeeScheduleInput } from './fee-schedule-schemas.ts';

export async function createFeeSchedule(
  deps: Pick<Deps, 'db' | 'auditKey'>,
  actor: Actor,
  input: FeeScheduleInput,
): Promise<{ id: number }> {
  return withTenant(deps.db, actor.tenantId, async (tx) => {
    const fs = await tx
      .insertInto('fee_schedule')
      .values({
        tenant_id: actor.tenantId,
        practice_id: input.practiceId,
        name: input.name,
        effective_from: input.effectiveFrom,
        effective_to: input.effectiveTo ?? null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await insertFeeItems(tx, actor.tenantId, fs.id, input.items);
    await recordAudit(tx, deps.auditKey, actor, {
      action: 'create',
      resourceType: 'fee_schedule',
      resourceId: fs.id,
      details: { name: input.name, items: input.items.length },
    });
    return { id: fs.id };
  });
}
