/** Admins manage the users of their own tenant; every role change or disabling is audited as a privilege change. */
import { z } from 'zod';
import { recordAudit } from '../audit/record-audit.ts';
import { withTenant } from '../db/open-database.ts';
import type { AppDeps } from '../deps.ts';
import type { App } from '../http/app-types.ts';
import { notFound } from '../app-error.ts';
import { actorOf } from '../http/request-context.ts';
import { idParams } from '../registration/fields.ts';
import { hashPassword, passwordProblem } from './password.ts';
import { ROLES } from './permissions.ts';
import { revokeUserSessions } from './sessions.ts';

const password = z.string().superRefine((v, ctx) => {
  const p = passwordProblem(v);
  if (p) ctx.addIssue({ code: 'custom', message: p });
});
const userCreate = z.strictObject({
  username: z
    .string()
    .trim()
    .regex(/^[a-zA-Z0-9._-]{2,60}$/, 'A user name is 2–60 letters, digits, dots, dashes or underscores'),
  displayName: z.string().trim().min(1).max(100),
  role: z.enum(ROLES),
  password,
});
const userPatch = z.strictObject({
  displayName: z.string().trim().min(1).max(100).optional(),
  role: z.enum(ROLES).optional(),
  disabled: z.boolean().optional(),
  password: password.optional(),
});

const userView = (u: {
  id: number;
  username: string;
  display_name: string;
  role: string;
  disabled: boolean;
  created_at: Date;
}) => ({
  id: u.id,
  username: u.username,
  displayName: u.display_name,
  role: u.role,
  disabled: u.disabled,
  createdAt: new Date(u.created_at).toISOString(),
});

export function registerUserRoutes(app: App, deps: AppDeps): void {
  const cols = ['id', 'username', 'display_name', 'role', 'disabled', 'created_at'] as const;

  app.get(
    '/api/users',
    { schema: { tags: ['admin'], summary: 'List users' }, config: { permission: 'user:read' } },
    async (req) => {
      const u = req.user!;
      return withTenant(deps.db, u.tenantId, async (tx) => {
        const withMfa = new Set(
          (
            await tx
              .selectFrom('user_mfa')
              .select('user_id')
              .where('tenant_id', '=', u.tenantId)
              .where('enabled_at', 'is not', null)
              .execute()
          ).map((r) => r.user_id),
        );
        const rows = await tx
          .selectFrom('app_user')
          .select(cols)
          .where('tenant_id', '=', u.tenantId)
          .orderBy('username')
          .execute();
        return { items: rows.map((r) => ({ ...userView(r), mfaEnabled: withMfa.has(r.id) })) };
      });
    },
  );

  app.post(
    '/api/users',
    { schema: { tags: ['admin'], summary: 'Create a user', body: userCreate }, config: { permission: 'user:manage' } },
    async (req, reply) => {
      const u = req.user!;
      const hash = await hashPassword(req.body.password);
      const row = await withTenant(deps.db, u.tenantId, async (tx) => {
        const created = await tx
          .insertInto('app_user')
          .values({
            tenant_id: u.tenantId,
            username: req.body.username,
            display_name: req.body.displayName,
            role: req.body.role,
            password_hash: hash,
          })
          .returning(cols)
          .executeTakeFirstOrThrow();
        await recordAudit(tx, deps.auditKey, actorOf(req), {
          action: 'privilege_change',
          resourceType: 'user',
          resourceId: created.id,
          details: { created: created.username, role: created.role },
        });
        return created;
      });
      return reply.status(201).send(userView(row));
    },
  );

  app.patch(
    '/api/users/:id',
    {
      schema: {
        tags: ['admin'],
        summary: 'Change a user (role, disable, password)',
        params: idParams,
        body: userPatch,
      },
      config: { permission: 'user:manage' },
    },
    async (req) => {
      const u = req.user!;
      const { password: newPassword, displayName, role, disabled } = req.body;
      const hash = newPassword ? await hashPassword(newPassword) : undefined;
      return withTenant(deps.db, u.tenantId, async (tx) => {
        const before = await tx
          .selectFrom('app_user')
          .select(cols)
          .where('tenant_id', '=', u.tenantId)
          .where('id', '=', req.params.id)
          .executeTakeFirst();
        if (!before) throw notFound('User');
        const after = await tx
          .updateTable('app_user')
          .set({
            ...(displayName ? { display_name: displayName } : {}),
            ...(role ? { role } : {}),
            ...(disabled !== undefined ? { disabled } : {}),
            ...(hash ? { password_hash: hash } : {}),
            updated_at: new Date(),
          })
          .where('tenant_id', '=', u.tenantId)
          .where('id', '=', req.params.id)
          .returning(cols)
          .executeTakeFirstOrThrow();
        if (disabled || hash || (role && role !== before.role))
          await revokeUserSessions(tx as never, u.tenantId, before.id);
        await recordAudit(tx, deps.auditKey, actorOf(req), {
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
    },
  );
}
