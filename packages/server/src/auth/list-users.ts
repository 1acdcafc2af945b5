/** The tenant's users, with whether each has MFA on. */
import type { Actor } from '../actor.ts';
import { withTenant } from '../db/open-database.ts';
import type { Deps } from '../deps.ts';
import { USER_COLUMNS, userView } from './user-schemas.ts';

export async function listUsers(deps: Pick<Deps, 'db'>, actor: Actor) {
  const tenantId = actor.tenantId;
  return withTenant(deps.db, tenantId, async (tx) => {
    const mfa = await tx
      .selectFrom('user_mfa')
      .select('user_id')
      .where('tenant_id', '=', tenantId)
      .where('enabled_at', 'is not', null)
      .execute();
    const withMfa = new Set(mfa.map((r) => r.user_id));
    const rows = await tx
      .selectFrom('app_user')
      .select(USER_COLUMNS)
      .where('tenant_id', '=', tenantId)
      .orderBy('username')
      .execute();
    return { items: rows.map((r) => ({ ...userView(r), mfaEnabled: withMfa.has(r.id) })) };
  });
}
