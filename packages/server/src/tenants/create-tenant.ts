/**
 * A new billing company or office with its first admin (the platform operator's step, from the CLI). The admin's
 * creation is audited in the new tenant's chain as a privilege change.
 */
import { issueAt } from '@medbill/api';
import type { Actor } from '../actor.ts';
import { AppError } from '../app-error.ts';
import { recordAudit } from '../audit/record-audit.ts';
import { hashPassword, passwordProblem } from '../auth/password.ts';
import { weakPasswordProblem } from '../auth/password-strength.ts';
import { asOwner, withTenant } from '../db/open-database.ts';
import type { Deps } from '../deps.ts';

export interface CreateTenantInput {
  name: string;
  slug: string;
  admin: string;
  password: string;
}

export async function createTenant(
  deps: Pick<Deps, 'db' | 'auditKey'>,
  /** who runs it, without a tenant yet: the row is written as this user in the new tenant */
  by: Omit<Actor, 'tenantId'>,
  input: CreateTenantInput,
): Promise<{ tenantId: number; slug: string; adminUserId: number; admin: string }> {
  if (!/^[a-z0-9][a-z0-9-]{1,62}$/.test(input.slug))
    throw new AppError('validation', 'slug: 2–63 lower-case letters, digits or dashes', [
      issueAt('slug', 'invalid-format', 'is 2–63 lower-case letters, digits or dashes'),
    ]);
  if (!/^[a-zA-Z0-9._-]{2,60}$/.test(input.admin))
    throw new AppError('validation', 'admin: 2–60 letters, digits, dots, dashes or underscores', [
      issueAt('admin', 'invalid-format', 'is 2–60 letters, digits, dots, dashes or underscores'),
    ]);
  const problem =
    passwordProblem(input.password) ?? weakPasswordProblem(input.password, [input.admin, input.slug, input.name]);
  if (problem) throw new AppError('validation', `password: ${problem}`, [issueAt('password', 'invalid', problem)]);
  const hash = await hashPassword(input.password);
  const { db } = deps;
  // an owner path: the slug is checked across tenants and the tenant row is made before any tenant is set
  const t = await asOwner(db, async (tx) => {
    const taken = await tx.selectFrom('tenant').select('id').where('slug', '=', input.slug).executeTakeFirst();
    // user names are per tenant: the new tenant's admin may share a name with a user of another tenant
    if (taken)
      throw new AppError('conflict', `the slug "${input.slug}" is taken`, [issueAt('slug', 'duplicate', 'is taken')]);
    return tx
      .insertInto('tenant')
      .values({ name: input.name, slug: input.slug, mfa_required: true }) // a new office requires two-step log-in
      .returning('id')
      .executeTakeFirstOrThrow();
  });
  const user = await withTenant(db, t.id, async (tx) => {
    const u = await tx
      .insertInto('app_user')
      .values({ tenant_id: t.id, username: input.admin, display_name: input.admin, role: 'admin', password_hash: hash })
      .returning('id')
      .executeTakeFirstOrThrow();
    await recordAudit(
      tx,
      deps.auditKey,
      { ...by, tenantId: t.id },
      {
        action: 'privilege_change',
        resourceType: 'user',
        resourceId: u.id,
        details: { created: input.admin, role: 'admin', tenant: input.slug },
      },
    );
    return u;
  });
  return { tenantId: t.id, slug: input.slug, adminUserId: user.id, admin: input.admin };
}
