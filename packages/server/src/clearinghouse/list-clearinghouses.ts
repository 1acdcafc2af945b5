/** The clearinghouses this office sends to (connection settings only: no secret is ever stored or shown). */
import type { ClearinghouseListItem } from '@medbill/api';
import type { Actor } from '../actor.ts';
import { toCamel } from '../db/case.ts';
import { withTenant } from '../db/open-database.ts';
import type { Deps } from '../deps.ts';

export async function listClearinghouses(
  deps: Pick<Deps, 'db'>,
  actor: Actor,
): Promise<{ items: ClearinghouseListItem[] }> {
  return withTenant(deps.db, actor.tenantId, async (tx) => {
    const rows = await tx
      .selectFrom('clearinghouse')
      .select(['id', 'name', 'transport', 'submitter_id', 'receiver_id', 'usage_indicator'])
      .where('tenant_id', '=', actor.tenantId)
      .orderBy('id')
      .execute();
    return { items: rows.map(toCamel) as ClearinghouseListItem[] };
  });
}
