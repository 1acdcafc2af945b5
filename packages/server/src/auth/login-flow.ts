/**
 * The end of every log-in path (password alone, second factor, enrolment at log-in): the session is created, the
 * log-in audited and the cookie set. Its own module so the password step and the MFA step both reach it without
 * importing each other (no import cycle).
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { recordAudit } from '../audit/record-audit.ts';
import { withTenant } from '../db/open-database.ts';
import type { AppDeps } from '../deps.ts';
import { ROLE_PERMISSIONS } from './permissions.ts';
import { ABSOLUTE_LIFETIME_MS, createSession, SESSION_COOKIE, type SessionUser } from './sessions.ts';

export function publicUser(u: SessionUser) {
  return {
    id: u.userId,
    tenantId: u.tenantId,
    username: u.username,
    displayName: u.displayName,
    role: u.role,
    permissions: [...ROLE_PERMISSIONS[u.role]],
  };
}

/** Creates the session, audits the log-in and sets the cookie: the only way a session comes to exist. */
export async function beginSession(
  deps: AppDeps,
  req: FastifyRequest,
  reply: FastifyReply,
  user: Omit<SessionUser, 'sessionId'>,
  details?: Record<string, unknown>,
) {
  const token = await createSession(deps.db, { tenantId: user.tenantId, userId: user.userId }, req.ip);
  await withTenant(deps.db, user.tenantId, (tx) =>
    recordAudit(
      tx,
      deps.auditKey,
      { tenantId: user.tenantId, userId: user.userId, username: user.username, sourceIp: req.ip },
      { action: 'login', resourceType: 'session', details },
    ),
  );
  reply.setCookie(SESSION_COOKIE, token, {
    path: '/',
    httpOnly: true,
    sameSite: 'strict',
    secure: req.protocol === 'https',
    maxAge: ABSOLUTE_LIFETIME_MS / 1000,
  });
  return publicUser({ sessionId: 0, ...user });
}
