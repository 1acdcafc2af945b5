/** The clearinghouses this office sends to (connection settings, and whether and when a secret was set: never the secret). */
import type { ClearinghouseListItem } from '@medbill/api';
import type { Actor } from '../actor.ts';
import { toCamel } from '../db/case.ts';
import { withTenant } from '../db/open-database.ts';
import type { Deps } from '../deps.ts';
import { secretStatuses } from './clearinghouse-secrets.ts';

export async function listClearinghouses(
  deps: Pick<Deps, 'db'>,
  actor: Actor,
): Promise<{ items: ClearinghouseListItem[] }> {
  return withTenant(deps.db, actor.tenantId, async (tx) => {
    const secrets = await secretStatuses(tx, actor.tenantId);
    const rows = await tx
      .selectFrom('clearinghouse')
      .select(['id', 'name', 'transport', 'submitter_id', 'receiver_id', 'usage_indicator'])
      .where('tenant_id', '=', actor.tenantId)
      .orderBy('id')
      .execute();
    return {
      items: rows.map((r) => ({ ...toCamel(r), secret: secrets.get(r.id) ?? null })) as ClearinghouseListItem[],
    };
  });
}
