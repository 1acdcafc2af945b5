import { z } from 'zod';
import { recordAudit } from '../audit/record-audit.ts';
import { withTenant } from '../db/open-database.ts';
import type { AppDeps } from '../deps.ts';
import type { App } from '../http/app-types.ts';
import { AppError } from '../app-error.ts';
import { beginSession, publicUser } from './login-flow.ts';
import { issueChallenge } from './mfa-routes.ts';
import { dummyPasswordHash, hashPassword, passwordNeedsRehash, verifyPassword } from './password.ts';
import { revokeSession, SESSION_COOKIE, type SessionUser } from './sessions.ts';

const loginBody = z.strictObject({ username: z.string().trim().min(1).max(100), password: z.string().min(1).max(256) });

export function registerAuthRoutes(app: App, deps: AppDeps): void {
  const throttle = deps.throttle!;
  const WRONG = 'User name or password is wrong';

  app.post(
    '/api/auth/login',
    {
      schema: { tags: ['auth'], summary: 'Log in; sets the session cookie', body: loginBody },
      config: { public: true },
    },
    async (req, reply) => {
      const { username, password } = req.body;
      if (throttle.refuse(username, req.ip))
        throw new AppError('too_many_requests', 'Too many log-in attempts; wait 15 minutes or ask an admin');
      const user = await deps.db
        .selectFrom('app_user')
        .selectAll()
        .where(({ fn, eb }) => eb(fn('lower', ['username']), '=', username.toLowerCase()))
        .executeTakeFirst();
      const ok = await verifyPassword(password, user?.password_hash ?? (await dummyPasswordHash()));
      if (!user || !ok || user.disabled) {
        throttle.failed(username);
        if (user) {
          await withTenant(deps.db, user.tenant_id, (tx) =>
            recordAudit(
              tx,
              deps.auditKey,
              { tenantId: user.tenant_id, userId: user.id, username: user.username, sourceIp: req.ip },
              {
                action: 'login_failed',
                resourceType: 'session',
                outcome: 'failure',
                details: { reason: user.disabled ? 'disabled' : 'password' },
              },
            ),
          );
        }
        throw new AppError('unauthenticated', WRONG);
      }
      // a hash made with older (slower) parameters is replaced while the password is at hand
      if (passwordNeedsRehash(user.password_hash))
        await deps.store.db
          .updateTable('app_user')
          .set({ password_hash: await hashPassword(password) })
          .where('id', '=', user.id)
          .execute();
      // With MFA (or when the tenant requires it), a right password only opens a short-lived challenge: no session yet.
      const [tenant, mfa] = await Promise.all([
        deps.db.selectFrom('tenant').select('mfa_required').where('id', '=', user.tenant_id).executeTakeFirstOrThrow(),
        deps.db
          .selectFrom('user_mfa')
          .select('enabled_at')
          .where('tenant_id', '=', user.tenant_id)
          .where('user_id', '=', user.id)
          .executeTakeFirst(),
      ]);
      if (mfa?.enabled_at || tenant.mfa_required) {
        const purpose = mfa?.enabled_at ? 'verify' : 'enrol';
        await issueChallenge(
          deps,
          reply,
          req,
          { tenantId: user.tenant_id, userId: user.id, username: user.username },
          purpose,
        );
        return { mfa: purpose };
      }
      throttle.succeeded(username);
      return beginSession(deps, req, reply, {
        tenantId: user.tenant_id,
        userId: user.id,
        username: user.username,
        displayName: user.display_name,
        role: user.role as SessionUser['role'],
      });
    },
  );

  app.post(
    '/api/auth/logout',
    { schema: { tags: ['auth'], summary: 'End this session' }, config: { public: true } },
    async (req, reply) => {
      const u = req.user;
      if (u) {
        await revokeSession(deps.db, u.tenantId, u.sessionId);
        await withTenant(deps.db, u.tenantId, (tx) =>
          recordAudit(
            tx,
            deps.auditKey,
            { tenantId: u.tenantId, userId: u.userId, username: u.username, sourceIp: req.ip },
            { action: 'logout', resourceType: 'session' },
          ),
        );
      }
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return { ok: true };
    },
  );

  app.get(
    '/api/auth/me',
    { schema: { tags: ['auth'], summary: 'Who is logged in' }, config: { public: true } },
    async (req) => {
      if (!req.user) throw new AppError('unauthenticated', 'Not logged in');
      return publicUser(req.user);
    },
  );
}
