/** A new user of the tenant; audited as a privilege change. */
import type { Actor } from '../actor.ts';
import { recordAudit } from '../audit/record-audit.ts';
import { withTenant } from '../db/open-database.ts';
import type { Deps } from '../deps.ts';
import { hashPassword } from './password.ts';
import { checkPasswordStrength } from './user-guards.ts';
import { USER_COLUMNS, type UserCreate, userView } from './user-schemas.ts';

export async function createUser(deps: Pick<Deps, 'db' | 'auditKey'>, actor: Actor, input: UserCreate) {
  return withTenant(deps.db, actor.tenantId, async (tx) => {
    await checkPasswordStrength(tx, actor.tenantId, input.password, [input.username, input.displayName]);
    const hash = await hashPassword(input.password);
    const created = await tx
      .insertInto('app_user')
      .values({
        tenant_id: actor.tenantId,
        username: input.username,
        display_name: input.displayName,
        role: input.role,
        password_hash: hash,
      })
      .returning(USER_COLUMNS)
      .executeTakeFirstOrThrow();
    await recordAudit(tx, deps.auditKey, actor, {
      action: 'privilege_change',
      resourceType: 'user',
      resourceId: created.id,
      details: { created: created.username, role: created.role },
    });
    return userView(created);
  });
}
