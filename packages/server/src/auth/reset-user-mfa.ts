/** An admin resets a user's MFA (lost device): seed and recovery codes removed, their sessions and challenges ended. */
import type { Actor } from '../actor.ts';
import { notFound } from '../app-error.ts';
import { recordAudit } from '../audit/record-audit.ts';
import { withTenant } from '../db/open-database.ts';
import type { Deps } from '../deps.ts';
import { removeMfa } from './mfa-store.ts';

/** By id (the admin page) or by user name (`medbill user reset-mfa`, for a tenant whose admins are locked out). */
export async function resetUserMfa(
  deps: Pick<Deps, 'db' | 'auditKey'>,
  actor: Actor,
  input: { userId: number } | { username: string },
) {
  const tenantId = actor.tenantId;
  return withTenant(deps.db, tenantId, async (tx) => {
    const target = await tx
      .selectFrom('app_user')
      .select(['id', 'username'])
      .where('tenant_id', '=', tenantId)
      .where((eb) =>
        'userId' in input
          ? eb('id', '=', input.userId)
          : eb(eb.fn('lower', ['username']), '=', input.username.toLowerCase()),
      )
      .executeTakeFirst();
    if (!target) throw notFound('User');
    const wasOn = await removeMfa(tx, tenantId, target.id);
    const now = new Date();
    await tx
      .updateTable('user_session')
      .set({ revoked_at: now })
      .where('tenant_id', '=', tenantId)
      .where('user_id', '=', target.id)
      .where('revoked_at', 'is', null)
      .execute();
    await tx
      .updateTable('login_challenge')
      .set({ consumed_at: now })
      .where('tenant_id', '=', tenantId)
      .where('user_id', '=', target.id)
      .where('consumed_at', 'is', null)
      .execute();
    await recordAudit(tx, deps.auditKey, actor, {
      action: 'mfa_reset',
      resourceType: 'user',
      resourceId: target.id,
      details: { username: target.username, wasEnabled: wasOn },
    });
    return { id: target.id, mfaEnabled: false as const };
  });
}
