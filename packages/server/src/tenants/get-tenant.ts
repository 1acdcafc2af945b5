/** The tenant the caller works in: its name, slug and whether it requires MFA. */
import type { Actor } from '../actor.ts';
import { withTenant } from '../db/open-database.ts';
import type { Deps } from '../deps.ts';

export async function getTenant(
  deps: Pick<Deps, 'db'>,
  actor: Actor,
): Promise<{ id: number; name: string; slug: string; mfaRequired: boolean }> {
  return withTenant(deps.db, actor.tenantId, (tx) =>
    tx
      .selectFrom('tenant')
      .select(['id', 'name', 'slug', 'mfa_required as mfaRequired'])
      .where('id', '=', actor.tenantId)
      .executeTakeFirstOrThrow(),
  );
}
