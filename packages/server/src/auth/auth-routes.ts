import { z } from 'zod';
import { recordAudit } from '../audit/record-audit.ts';
import { withTenant } from '../db/open-database.ts';
import type { App, AppDeps } from '../http/app.ts';
import { AppError } from '../http/errors.ts';
import { LoginThrottle } from './login-throttle.ts';
import { dummyPasswordHash, verifyPassword } from './password.ts';
import { ROLE_PERMISSIONS } from './permissions.ts';
import { ABSOLUTE_LIFETIME_MS, createSession, revokeSession, SESSION_COOKIE, type SessionUser } from './sessions.ts';

const loginBody = z.strictObject({ username: z.string().trim().min(1).max(100), password: z.string().min(1).max(256) });

export function publicUser(u: SessionUser) {
  return { id: u.userId, tenantId: u.tenantId, username: u.username, displayName: u.displayName, role: u.role, permissions: [...ROLE_PERMISSIONS[u.role]] };
}

export function registerAuthRoutes(app: App, deps: AppDeps): void {
  const throttle = deps.throttle ?? new LoginThrottle();
  const WRONG = 'User name or password is wrong';

  app.post('/api/auth/login', { schema: { tags: ['auth'], summary: 'Log in; sets the session cookie', body: loginBody }, config: { public: true } }, async (req, reply) => {
    const { username, password } = req.body;
    if (throttle.refuse(username, req.ip)) throw new AppError('too_many_requests', 'Too many log-in attempts; wait 15 minutes or ask an admin');
    const user = await deps.store.db.selectFrom('app_user').selectAll().where(({ fn, eb }) => eb(fn('lower', ['username']), '=', username.toLowerCase())).executeTakeFirst();
    const ok = await verifyPassword(password, user?.password_hash ?? (await dummyPasswordHash()));
    if (!user || !ok || user.disabled) {
      throttle.failed(username);
      if (user) {
        await withTenant(deps.store.db, user.tenant_id, (tx) =>
          recordAudit(tx, deps.auditKey, { tenantId: user.tenant_id, userId: user.id, username: user.username, sourceIp: req.ip }, {
            action: 'login_failed', resourceType: 'session', outcome: 'failure', details: { reason: user.disabled ? 'disabled' : 'password' },
          }),
        );
      }
      throw new AppError('unauthenticated', WRONG);
    }
    throttle.succeeded(username);
    const token = await createSession(deps.store.db, { tenantId: user.tenant_id, userId: user.id }, req.ip);
    await withTenant(deps.store.db, user.tenant_id, (tx) =>
      recordAudit(tx, deps.auditKey, { tenantId: user.tenant_id, userId: user.id, username: user.username, sourceIp: req.ip }, { action: 'login', resourceType: 'session' }),
    );
    reply.setCookie(SESSION_COOKIE, token, {
      path: '/', httpOnly: true, sameSite: 'strict', secure: req.protocol === 'https', maxAge: ABSOLUTE_LIFETIME_MS / 1000,
    });
    return publicUser({ sessionId: 0, tenantId: user.tenant_id, userId: user.id, username: user.username, displayName: user.display_name, role: user.role as SessionUser['role'] });
  });

  app.post('/api/auth/logout', { schema: { tags: ['auth'], summary: 'End this session' }, config: { public: true } }, async (req, reply) => {
    const u = req.user;
    if (u) {
      await revokeSession(deps.store.db, u.tenantId, u.sessionId);
      await withTenant(deps.store.db, u.tenantId, (tx) =>
        recordAudit(tx, deps.auditKey, { tenantId: u.tenantId, userId: u.userId, username: u.username, sourceIp: req.ip }, { action: 'logout', resourceType: 'session' }),
      );
    }
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return { ok: true };
  });

  app.get('/api/auth/me', { schema: { tags: ['auth'], summary: 'Who is logged in' }, config: { public: true } }, async (req) => {
    if (!req.user) throw new AppError('unauthenticated', 'Not logged in');
    return publicUser(req.user);
  });
}
