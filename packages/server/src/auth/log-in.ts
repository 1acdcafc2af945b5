/**
 * The password step of log-in. A wrong name or password (or a disabled user) is one answer, audited for a known
 * user; with MFA on (or required by the tenant) a right password opens a challenge instead of a session.
 */
import { AppError } from '../app-error.ts';
import { recordAudit } from '../audit/record-audit.ts';
import { withTenant } from '../db/open-database.ts';
import { type AuthDeps, type OpenedSession, openSession } from './login-flow.ts';
import { type ChallengePurpose, openChallenge } from './mfa-challenge.ts';
import { dummyPasswordHash, hashPassword, passwordNeedsRehash, verifyPassword } from './password.ts';
import type { SessionUser } from './sessions.ts';

const WRONG = 'User name or password is wrong';

export type LogInResult =
  | ({ step: 'session' } & OpenedSession)
  | { step: 'mfa'; mfa: ChallengePurpose; challengeToken: string };

export async function logIn(
  deps: AuthDeps,
  input: { username: string; password: string; sourceIp: string },
): Promise<LogInResult> {
  const { username, password, sourceIp } = input;
  if (deps.throttle.refuse(username, sourceIp))
    throw new AppError('too_many_requests', 'Too many log-in attempts; wait 15 minutes or ask an admin');
  const user = await deps.db
    .selectFrom('app_user')
    .selectAll()
    .where(({ fn, eb }) => eb(fn('lower', ['username']), '=', username.toLowerCase()))
    .executeTakeFirst();
  const ok = await verifyPassword(password, user?.password_hash ?? (await dummyPasswordHash()));
  if (!user || !ok || user.disabled) {
    deps.throttle.failed(username);
    if (user)
      await withTenant(deps.db, user.tenant_id, (tx) =>
        recordAudit(
          tx,
          deps.auditKey,
          { tenantId: user.tenant_id, userId: user.id, username: user.username, sourceIp },
          {
            action: 'login_failed',
            resourceType: 'session',
            outcome: 'failure',
            details: { reason: user.disabled ? 'disabled' : 'password' },
          },
        ),
      );
    // no tenant has this name: the row goes where the operator, not a tenant, reads it (issue 8 item 11)
    else
      await deps.db
        .insertInto('login_failure_unknown')
        .values({ username: username.slice(0, 100), source_ip: sourceIp })
        .execute();
    throw new AppError('unauthenticated', WRONG);
  }
  // a hash made with older (slower) parameters is replaced while the password is at hand
  if (passwordNeedsRehash(user.password_hash))
    await deps.db
      .updateTable('app_user')
      .set({ password_hash: await hashPassword(password) })
      .where('id', '=', user.id)
      .execute();
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
    const challengeToken = await openChallenge(deps, { tenantId: user.tenant_id, userId: user.id }, purpose, sourceIp);
    return { step: 'mfa', mfa: purpose, challengeToken };
  }
  deps.throttle.succeeded(username);
  const opened = await openSession(
    deps,
    {
      tenantId: user.tenant_id,
      userId: user.id,
      username: user.username,
      displayName: user.display_name,
      role: user.role as SessionUser['role'],
    },
    sourceIp,
  );
  return { step: 'session', ...opened };
}
