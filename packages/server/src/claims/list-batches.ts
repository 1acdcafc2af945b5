/** Batches with their acknowledgment state, newest first (totals by payer: no claim or patient is named). */
import type { BatchList } from '@medbill/api';
import type { Actor } from '../actor.ts';
import { toCamel } from '../db/case.ts';
import { withTenant } from '../db/open-database.ts';
import type { Deps } from '../deps.ts';

export async function listBatches(deps: Pick<Deps, 'db'>, actor: Actor): Promise<BatchList> {
  return withTenant(deps.db, actor.tenantId, async (tx) => {
    const rows = await tx
      .selectFrom('batch as b')
      .innerJoin('payer as p', (j) => j.onRef('p.tenant_id', '=', 'b.tenant_id').onRef('p.id', '=', 'b.payer_id'))
      .selectAll('b')
      .select('p.name as payer_name')
      .where('b.tenant_id', '=', actor.tenantId)
      .orderBy('b.id', 'desc')
      .limit(500)
      .execute();
    return { items: rows.map(toCamel) };
  });
}
