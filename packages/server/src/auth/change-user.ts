/**
 * A user changed (name, role, disabled, password); a role change, disabling or a new password ends their
 * sessions. Audited as a privilege change.
 */
import type { Actor } from '../actor.ts';
import { notFound } from '../app-error.ts';
import { recordAudit } from '../audit/record-audit.ts';
import { withTenant } from '../db/open-database.ts';
import type { Deps } from '../deps.ts';
import { hashPassword } from './password.ts';
import { revokeUserSessions } from './sessions.ts';
import { checkPasswordStrength, guardLastAdmin } from './user-guards.ts';
import { USER_COLUMNS, type UserPatch, userView } from './user-schemas.ts';

export async function changeUser(
  deps: Pick<Deps, 'db' | 'auditKey'>,
  actor: Actor,
  input: UserPatch & { userId: number },
) {
  const { userId, password: newPassword, displayName, role, disabled } = input;
  const tenantId = actor.tenantId;
  return withTenant(deps.db, tenantId, async (tx) => {
    const before = await tx
      .selectFrom('app_user')
      .select(USER_COLUMNS)
      .where('tenant_id', '=', tenantId)
      .where('id', '=', userId)
      .executeTakeFirst();
    if (!before) throw notFound('User');
    if (before.role === 'admin' && !before.disabled && (disabled || (role && role !== 'admin')))
      await guardLastAdmin(tx, tenantId, before.id);
    if (newPassword) await checkPasswordStrength(tx, tenantId, newPassword, [before.username, before.display_name]);
    const hash = newPassword ? await hashPassword(newPassword) : undefined;
    const after = await tx
      .updateTable('app_user')
      .set({
        ...(displayName ? { display_name: displayName } : {}),
        ...(role ? { role } : {}),
        ...(disabled !== undefined ? { disabled } : {}),
        ...(hash ? { password_hash: hash } : {}),
        updated_at: new Date(),
      })
      .where('tenant_id', '=', tenantId)
      .where('id', '=', userId)
      .returning(USER_COLUMNS)
      .executeTakeFirstOrThrow();
    if (disabled || hash || (role && role !== before.role)) await revokeUserSessions(tx as never, tenantId, before.id);
    await recordAudit(tx, deps.auditKey, actor, {
      action: 'privilege_change',
      resourceType: 'user',
      resourceId: before.id,
      details: {
        username: before.username,
        role: role && role !== before.role ? { from: before.role, to: role } : undefined,
        disabled,
        passwordChanged: Boolean(hash) || undefined,
      },
    });
    return userView(after);
  });
}
