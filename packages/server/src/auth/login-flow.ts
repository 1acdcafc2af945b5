/**
 * The end of every log-in path (password alone, second factor, enrolment at log-in): the session is created and
 * the log-in audited. Its own module so the password step and the MFA step both reach it without importing each
 * other (no import cycle). The route sets the cookie from the token.
 */
import { recordAudit } from '../audit/record-audit.ts';
import { withTenant } from '../db/open-database.ts';
import type { Deps } from '../deps.ts';
import type { LoginThrottle } from './login-throttle.ts';
import { ROLE_PERMISSIONS } from './permissions.ts';
import { createSession, type SessionUser } from './sessions.ts';

/** What the log-in use cases need: the database, the audit key and the log-in brake. */
export type AuthDeps = Pick<Deps, 'db' | 'auditKey'> & { throttle: LoginThrottle };

export function publicUser(u: Omit<SessionUser, 'sessionId'>) {
  return {
    id: u.userId,
    tenantId: u.tenantId,
    username: u.username,
    displayName: u.displayName,
    role: u.role,
    permissions: [...ROLE_PERMISSIONS[u.role]],
  };
}
export type PublicUser = ReturnType<typeof publicUser>;

/** A started session: the token for the cookie, and the user as the API shows them. */
export interface OpenedSession {
  sessionToken: string;
  user: PublicUser;
}

/** Creates the session and audits the log-in: the only way a session comes to exist. */
export async function openSession(
  deps: Pick<Deps, 'db' | 'auditKey'>,
  user: Omit<SessionUser, 'sessionId'>,
  sourceIp: string,
  details?: Record<string, unknown>,
): Promise<OpenedSession> {
  const sessionToken = await createSession(deps.db, { tenantId: user.tenantId, userId: user.userId }, sourceIp);
  await withTenant(deps.db, user.tenantId, (tx) =>
    recordAudit(
      tx,
      deps.auditKey,
      { tenantId: user.tenantId, userId: user.userId, username: user.username, sourceIp },
      { action: 'login', resourceType: 'session', details },
    ),
  );
  return { sessionToken, user: publicUser(user) };
}
