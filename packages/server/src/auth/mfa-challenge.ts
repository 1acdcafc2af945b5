/**
 * The MFA log-in challenge (SECURITY.md B2): a right password for a user with MFA (or any user of a tenant that
 * requires it) gets no session but a short-lived challenge token. Only a valid TOTP or recovery code (or, for a
 * user who must enrol, a confirmed enrolment) turns it into a session. Wrong codes count toward the log-in brake
 * and the challenge's own limit.
 */
import crypto from 'node:crypto';
import type { AuditActor } from '../audit/record-audit.ts';
import { recordAudit } from '../audit/record-audit.ts';
import { AppError, invalid } from '../app-error.ts';
import { asOwner, withTenant } from '../db/open-database.ts';
import type { Deps } from '../deps.ts';
import { type AuthDeps, type OpenedSession, openSession } from './login-flow.ts';
import { isRole } from './permissions.ts';
import { hashToken } from './sessions.ts';

export const CHALLENGE_LIFETIME_MS = 5 * 60 * 1000;
/** wrong codes one challenge takes before it is void (the per-account brake still applies across challenges) */
export const CHALLENGE_MAX_FAILURES = 5;
export type ChallengePurpose = 'verify' | 'enrol';
const EXPIRED = 'Your log-in step has expired; log in again with your password';

/** Opens a challenge for a user whose password was right; the token goes into the challenge cookie. */
export async function openChallenge(
  deps: Pick<Deps, 'db'>,
  user: { tenantId: number; userId: number },
  purpose: ChallengePurpose,
  sourceIp: string,
): Promise<string> {
  const token = crypto.randomBytes(32).toString('base64url');
  const now = new Date();
  await withTenant(deps.db, user.tenantId, (tx) =>
    tx
      .insertInto('login_challenge')
      .values({
        tenant_id: user.tenantId,
        user_id: user.userId,
        token_hash: hashToken(token),
        purpose,
        created_at: now,
        expires_at: new Date(now.getTime() + CHALLENGE_LIFETIME_MS),
        source_ip: sourceIp,
      })
      .execute(),
  );
  return token;
}

/** The live challenge behind a cookie's token, or 401 when it is missing, spent, void or expired. */
export async function loadChallenge(deps: Pick<Deps, 'db'>, token: string | undefined, purpose: ChallengePurpose) {
  if (!token) throw new AppError('unauthenticated', EXPIRED);
  // an owner path: the challenge token is all there is to find the tenant by
  const row = await asOwner(deps.db, (tx) =>
    tx
      .selectFrom('login_challenge as c')
      .innerJoin('app_user as u', (j) => j.onRef('u.tenant_id', '=', 'c.tenant_id').onRef('u.id', '=', 'c.user_id'))
      .select([
        'c.id',
        'c.tenant_id',
        'c.user_id',
        'c.purpose',
        'c.expires_at',
        'c.consumed_at',
        'c.failures',
        'u.username',
        'u.display_name',
        'u.role',
        'u.disabled',
      ])
      .where('c.token_hash', '=', hashToken(token))
      .executeTakeFirst(),
  );
  if (
    !row ||
    row.consumed_at ||
    row.disabled ||
    row.purpose !== purpose ||
    row.failures >= CHALLENGE_MAX_FAILURES ||
    !isRole(row.role)
  )
    throw new AppError('unauthenticated', EXPIRED);
  if (Date.now() >= new Date(row.expires_at).getTime()) throw new AppError('unauthenticated', EXPIRED);
  return { ...row, role: row.role };
}
export type Challenge = Awaited<ReturnType<typeof loadChallenge>>;

export const challengeActor = (c: Challenge, sourceIp: string): AuditActor => ({
  tenantId: c.tenant_id,
  userId: c.user_id,
  username: c.username,
  sourceIp,
});

export function failureMessage(reason: string): string {
  return reason === 'replay'
    ? 'That code has already been used; wait for the next one'
    : 'The code is wrong or has expired';
}

/** Refuses a second log-in step while the brake holds the user name or address. */
export function brake(deps: AuthDeps, username: string | null, sourceIp: string | null): void {
  if (deps.throttle.refuse(username ?? '', sourceIp ?? ''))
    throw new AppError('too_many_requests', 'Too many log-in attempts; wait 15 minutes or ask an admin');
}

/** A wrong code at the log-in step: counts toward the brake and the challenge's own limit, and is audited. */
export async function challengeFailed(
  deps: AuthDeps,
  c: Challenge,
  sourceIp: string,
  method: string,
  reason: string,
): Promise<never> {
  deps.throttle.failed(c.username);
  await withTenant(deps.db, c.tenant_id, (tx) =>
    tx
      .updateTable('login_challenge')
      .set((eb) => ({ failures: eb('failures', '+', 1) }))
      .where('tenant_id', '=', c.tenant_id)
      .where('id', '=', c.id)
      .execute(),
  );
  await withTenant(deps.db, c.tenant_id, (tx) =>
    recordAudit(tx, deps.auditKey, challengeActor(c, sourceIp), {
      action: 'mfa_failure',
      resourceType: 'session',
      outcome: 'failure',
      details: { step: c.purpose, method, reason },
    }),
  );
  throw invalid('code', failureMessage(reason));
}

/** Ends the challenge (once: a racing second request gets 401) and starts the session. */
export async function finishChallenge(
  deps: AuthDeps,
  c: Challenge,
  sourceIp: string,
  details: Record<string, unknown>,
): Promise<OpenedSession> {
  const spent = await withTenant(deps.db, c.tenant_id, (tx) =>
    tx
      .updateTable('login_challenge')
      .set({ consumed_at: new Date() })
      .where('tenant_id', '=', c.tenant_id)
      .where('id', '=', c.id)
      .where('consumed_at', 'is', null)
      .returning('id')
      .executeTakeFirst(),
  );
  if (!spent) throw new AppError('unauthenticated', EXPIRED);
  deps.throttle.succeeded(c.username);
  return openSession(
    deps,
    { tenantId: c.tenant_id, userId: c.user_id, username: c.username, displayName: c.display_name, role: c.role },
    sourceIp,
    details,
  );
}
