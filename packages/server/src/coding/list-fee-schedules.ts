/** The practices' fee schedules, newest first per practice. */
import type { Actor } from '../actor.ts';
import { toCamel } from '../db/case.ts';
import { withTenant } from '../db/open-database.ts';
import type { Deps } from '../deps.ts';

export async function listFeeSchedules(deps: Pick<Deps, 'db'>, actor: Actor, input: { practiceId?: number }) {
  return withTenant(deps.db, actor.tenantId, async (tx) => {
    let q = tx.selectFrom('fee_schedule').selectAll().where('tenant_id', '=', actor.tenantId);
    if (input.practiceId) q = q.where('practice_id', '=', input.practiceId);
    return { items: (await q.orderBy('practice_id').orderBy('effective_from', 'desc').execute()).map(toCamel) };
  });
}
