/**
 * The password step of log-in. A wrong office, name or password (or a disabled user) is one answer, audited for a
 * known user; with MFA on (or required by the tenant) a right password opens a challenge instead of a session.
 * The user is looked up only in the office the log-in names (login-name.ts), never across tenants.
 */
import { AppError } from '../app-error.ts';
import { recordAudit } from '../audit/record-audit.ts';
import { withTenant } from '../db/open-database.ts';
import { type AuthDeps, type OpenedSession, openSession } from './login-flow.ts';
import { type ChallengePurpose, openChallenge } from './mfa-challenge.ts';
import { loginKey, loginTenant, parseLoginName } from './login-name.ts';
import { dummyPasswordHash, hashPassword, passwordNeedsRehash, verifyPassword } from './password.ts';
import type { SessionUser } from './sessions.ts';

const WRONG = 'User name or password is wrong';

export type LogInResult =
  | ({ step: 'session' } & OpenedSession)
  | { step: 'mfa'; mfa: ChallengePurpose; challengeToken: string };

export async function logIn(
  deps: AuthDeps,
  input: { tenant?: string | null; username: string; password: string; sourceIp: string },
): Promise<LogInResult> {
  const { password, sourceIp } = input;
  const name = parseLoginName(input);
  const username = loginKey(name);
  if (deps.throttle.refuse(username, sourceIp))
    throw new AppError('too_many_requests', 'Too many log-in attempts; wait 15 minutes or ask an admin');
  const tenant = await loginTenant(deps.db, name);
  const user = tenant
    ? await withTenant(deps.db, tenant.id, (tx) =>
        tx
          .selectFrom('app_user')
          .selectAll()
          .where('tenant_id', '=', tenant.id)
          .where(({ fn, eb }) => eb(fn('lower', ['username']), '=', name.username.toLowerCase()))
          .executeTakeFirst(),
      )
    : undefined;
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
    // the named office has no such user: the row goes where the operator, not a tenant, reads it (issue 8 item 11)
    else
      await deps.db
        .insertInto('login_failure_unknown')
        .values({ username: username.slice(0, 100), source_ip: sourceIp })
        .execute();
    throw new AppError('unauthenticated', WRONG);
  }
  // a hash made with older (slower) parameters is replaced while the password is at hand
  if (passwordNeedsRehash(user.password_hash)) {
    const rehashed = await hashPassword(password);
    await withTenant(deps.db, user.tenant_id, (tx) =>
      tx
        .updateTable('app_user')
        .set({ password_hash: rehashed })
        .where('tenant_id', '=', user.tenant_id)
        .where('id', '=', user.id)
        .execute(),
    );
  }
  const mfa = await withTenant(deps.db, user.tenant_id, (tx) =>
    tx
      .selectFrom('user_mfa')
      .select('enabled_at')
      .where('tenant_id', '=', user.tenant_id)
      .where('user_id', '=', user.id)
      .executeTakeFirst(),
  );
  if (mfa?.enabled_at || tenant?.mfa_required) {
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
