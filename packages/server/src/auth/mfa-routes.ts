/**
 * TOTP multi-factor authentication (SECURITY.md B2).
 *
 * Log-in with MFA is two steps. A right password for a user with MFA (or any user of a tenant that
 * requires it) gets no session: it gets a short-lived challenge token in its own cookie, scoped to
 * /api/auth/mfa, which no other route reads. Only a valid TOTP or recovery code (or, for a user who must
 * enrol, a confirmed enrolment) turns it into a session. Wrong codes count toward the log-in brake.
 */
import crypto from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { recordAudit, type AuditActor, type AuditRecord } from '../audit/record-audit.ts';
import { withTenant } from '../db/open-database.ts';
import type { AppDeps } from '../deps.ts';
import type { App } from '../http/app-types.ts';
import { AppError, invalid, notFound } from '../app-error.ts';
import { actorOf } from '../http/request-context.ts';
import { idParams } from '../registration/fields.ts';
import { beginSession } from './login-flow.ts';
import { mfaKeys } from './mfa-crypto.ts';
import {
  checkSecondFactor,
  confirmEnrolment,
  mfaStatus,
  removeMfa,
  replaceRecoveryCodes,
  startEnrolment,
  type FactorResult,
} from './mfa-store.ts';
import { isRole } from './permissions.ts';
import { hashToken } from './sessions.ts';
import { base32Encode, otpauthUri } from './totp.ts';

export const MFA_COOKIE = 'medbill_mfa';
const MFA_COOKIE_PATH = '/api/auth/mfa';
export const CHALLENGE_LIFETIME_MS = 5 * 60 * 1000;
/** wrong codes one challenge takes before it is void (the per-account brake still applies across challenges) */
export const CHALLENGE_MAX_FAILURES = 5;

const codeBody = z.strictObject({ code: z.string().trim().min(6).max(40) });
const tenantSecurityBody = z.strictObject({ mfaRequired: z.boolean() });

type ChallengeUser = { tenantId: number; userId: number; username: string };

export async function issueChallenge(
  deps: AppDeps,
  reply: FastifyReply,
  req: FastifyRequest,
  user: ChallengeUser,
  purpose: 'verify' | 'enrol',
): Promise<void> {
  const token = crypto.randomBytes(32).toString('base64url');
  const now = new Date();
  await deps.db
    .insertInto('login_challenge')
    .values({
      tenant_id: user.tenantId,
      user_id: user.userId,
      token_hash: hashToken(token),
      purpose,
      created_at: now,
      expires_at: new Date(now.getTime() + CHALLENGE_LIFETIME_MS),
      source_ip: req.ip,
    })
    .execute();
  reply.setCookie(MFA_COOKIE, token, {
    path: MFA_COOKIE_PATH,
    httpOnly: true,
    sameSite: 'strict',
    secure: req.protocol === 'https',
    maxAge: CHALLENGE_LIFETIME_MS / 1000,
  });
}

const EXPIRED = 'Your log-in step has expired; log in again with your password';

async function loadChallenge(deps: AppDeps, req: FastifyRequest, purpose: 'verify' | 'enrol') {
  const token = req.cookies[MFA_COOKIE];
  if (!token) throw new AppError('unauthenticated', EXPIRED);
  const row = await deps.db
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
    .executeTakeFirst();
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

type Challenge = Awaited<ReturnType<typeof loadChallenge>>;

const challengeActor = (c: Challenge, req: FastifyRequest): AuditActor => ({
  tenantId: c.tenant_id,
  userId: c.user_id,
  username: c.username,
  sourceIp: req.ip,
});

function failureMessage(reason: string): string {
  return reason === 'replay'
    ? 'That code has already been used; wait for the next one'
    : 'The code is wrong or has expired';
}

export function registerMfaRoutes(app: App, deps: AppDeps): void {
  const throttle = deps.throttle!;
  const keys = () => mfaKeys(deps.auditKey);
  const audit = (actor: AuditActor, rec: AuditRecord) =>
    withTenant(deps.db, actor.tenantId, (tx) => recordAudit(tx, deps.auditKey, actor, rec));

  const brake = (username: string, ip: string) => {
    if (throttle.refuse(username, ip))
      throw new AppError('too_many_requests', 'Too many log-in attempts; wait 15 minutes or ask an admin');
  };

  /** A wrong code at the log-in step: counts toward the brake and the challenge's own limit, and is audited. */
  const challengeFailed = async (c: Challenge, req: FastifyRequest, method: string, reason: string): Promise<never> => {
    throttle.failed(c.username);
    await deps.db
      .updateTable('login_challenge')
      .set((eb) => ({ failures: eb('failures', '+', 1) }))
      .where('tenant_id', '=', c.tenant_id)
      .where('id', '=', c.id)
      .execute();
    await audit(challengeActor(c, req), {
      action: 'mfa_failure',
      resourceType: 'session',
      outcome: 'failure',
      details: { step: c.purpose, method, reason },
    });
    throw invalid('code', failureMessage(reason));
  };

  /** Ends the challenge (once: a racing second request gets 401) and starts the session. */
  const finish = async (c: Challenge, req: FastifyRequest, reply: FastifyReply, details: Record<string, unknown>) => {
    const spent = await deps.db
      .updateTable('login_challenge')
      .set({ consumed_at: new Date() })
      .where('tenant_id', '=', c.tenant_id)
      .where('id', '=', c.id)
      .where('consumed_at', 'is', null)
      .returning('id')
      .executeTakeFirst();
    if (!spent) throw new AppError('unauthenticated', EXPIRED);
    throttle.succeeded(c.username);
    reply.clearCookie(MFA_COOKIE, { path: MFA_COOKIE_PATH });
    return beginSession(
      deps,
      req,
      reply,
      { tenantId: c.tenant_id, userId: c.user_id, username: c.username, displayName: c.display_name, role: c.role },
      details,
    );
  };

  // ---- log-in, second step (public routes: they read only the challenge cookie) ----

  app.post(
    '/api/auth/mfa/verify',
    {
      schema: {
        tags: ['auth'],
        summary: 'Second log-in step: a TOTP or recovery code; sets the session cookie',
        body: codeBody,
      },
      config: { public: true },
    },
    async (req, reply) => {
      const c = await loadChallenge(deps, req, 'verify');
      brake(c.username, req.ip);
      const result: FactorResult = await withTenant(deps.db, c.tenant_id, (tx) =>
        checkSecondFactor(tx, keys(), c.tenant_id, c.user_id, req.body.code, { allowRecovery: true }),
      );
      if (!result.ok) return challengeFailed(c, req, result.method, result.reason);
      if (result.method === 'recovery') {
        await audit(challengeActor(c, req), {
          action: 'mfa_recovery_used',
          resourceType: 'user',
          resourceId: c.user_id,
        });
      }
      await audit(challengeActor(c, req), {
        action: 'mfa_success',
        resourceType: 'session',
        details: { method: result.method },
      });
      return finish(c, req, reply, { mfa: result.method });
    },
  );

  app.post(
    '/api/auth/mfa/setup',
    {
      schema: {
        tags: ['auth'],
        summary: 'Log-in when the tenant requires MFA: start enrolment (returns the otpauth URI)',
      },
      config: { public: true },
    },
    async (req) => {
      const c = await loadChallenge(deps, req, 'enrol');
      brake(c.username, req.ip);
      return withTenant(deps.db, c.tenant_id, async (tx) => {
        if ((await mfaStatus(tx, c.tenant_id, c.user_id)).enabled)
          throw new AppError('conflict', 'MFA is already set up for this user; log in again');
        const seed = await startEnrolment(tx, keys(), c.tenant_id, c.user_id);
        await recordAudit(tx, deps.auditKey, challengeActor(c, req), {
          action: 'mfa_enrol',
          resourceType: 'user',
          resourceId: c.user_id,
          details: { during: 'login' },
        });
        return { otpauthUri: otpauthUri(seed, c.username), secret: base32Encode(seed) };
      });
    },
  );

  app.post(
    '/api/auth/mfa/setup/confirm',
    {
      schema: {
        tags: ['auth'],
        summary: 'Log-in when the tenant requires MFA: confirm enrolment with a code; sets the session cookie',
        body: codeBody,
      },
      config: { public: true },
    },
    async (req, reply) => {
      const c = await loadChallenge(deps, req, 'enrol');
      brake(c.username, req.ip);
      const result = await withTenant(deps.db, c.tenant_id, async (tx) => {
        const r = await confirmEnrolment(tx, keys(), c.tenant_id, c.user_id, req.body.code);
        if (r.ok)
          await recordAudit(tx, deps.auditKey, challengeActor(c, req), {
            action: 'mfa_confirm',
            resourceType: 'user',
            resourceId: c.user_id,
            details: { during: 'login' },
          });
        return r;
      });
      if (!result.ok) {
        if (result.reason === 'no_enrolment') throw new AppError('conflict', 'Start the set-up first');
        return challengeFailed(c, req, 'totp', result.reason);
      }
      const user = await finish(c, req, reply, { mfa: 'enrolled' });
      return { ...user, recoveryCodes: result.recoveryCodes };
    },
  );

  // ---- the logged-in user's own MFA (Security page) ----

  const accountFailure = async (
    req: FastifyRequest,
    what: string,
    result: { method?: string; reason: string },
  ): Promise<never> => {
    const u = req.user!;
    throttle.failed(u.username);
    await audit(actorOf(req), {
      action: 'mfa_failure',
      resourceType: 'user',
      resourceId: u.userId,
      outcome: 'failure',
      details: { step: what, method: result.method ?? 'totp', reason: result.reason },
    });
    throw invalid('code', failureMessage(result.reason));
  };
  const mfaRequired = async (tenantId: number) =>
    (
      await withTenant(deps.db, tenantId, (tx) =>
        tx.selectFrom('tenant').select('mfa_required').where('id', '=', tenantId).executeTakeFirstOrThrow(),
      )
    ).mfa_required;

  app.get(
    '/api/account/mfa',
    {
      schema: { tags: ['account'], summary: 'Whether MFA is on for you, and recovery codes left' },
      config: { permission: 'account:self' },
    },
    async (req) => {
      const u = req.user!;
      return withTenant(deps.db, u.tenantId, async (tx) => ({
        ...(await mfaStatus(tx, u.tenantId, u.userId)),
        required: (
          await tx.selectFrom('tenant').select('mfa_required').where('id', '=', u.tenantId).executeTakeFirstOrThrow()
        ).mfa_required,
      }));
    },
  );

  app.post(
    '/api/account/mfa/enrol',
    {
      schema: {
        tags: ['account'],
        summary: 'Start (re-)enrolment: a new seed, active only after a code from it is confirmed',
      },
      config: { permission: 'account:self' },
    },
    async (req) => {
      const u = req.user!;
      return withTenant(deps.db, u.tenantId, async (tx) => {
        const seed = await startEnrolment(tx, keys(), u.tenantId, u.userId);
        await recordAudit(tx, deps.auditKey, actorOf(req), {
          action: 'mfa_enrol',
          resourceType: 'user',
          resourceId: u.userId,
        });
        return { otpauthUri: otpauthUri(seed, u.username), secret: base32Encode(seed) };
      });
    },
  );

  app.post(
    '/api/account/mfa/confirm',
    {
      schema: {
        tags: ['account'],
        summary: 'Confirm enrolment with a code; returns recovery codes (shown once)',
        body: codeBody,
      },
      config: { permission: 'account:self' },
    },
    async (req) => {
      const u = req.user!;
      brake(u.username, req.ip);
      const result = await withTenant(deps.db, u.tenantId, async (tx) => {
        const r = await confirmEnrolment(tx, keys(), u.tenantId, u.userId, req.body.code);
        if (r.ok)
          await recordAudit(tx, deps.auditKey, actorOf(req), {
            action: 'mfa_confirm',
            resourceType: 'user',
            resourceId: u.userId,
          });
        return r;
      });
      if (!result.ok) {
        if (result.reason === 'no_enrolment') throw new AppError('conflict', 'Start the set-up first');
        return accountFailure(req, 'confirm', result);
      }
      return { recoveryCodes: result.recoveryCodes };
    },
  );

  app.post(
    '/api/account/mfa/disable',
    {
      schema: { tags: ['account'], summary: 'Turn MFA off (needs a current code or a recovery code)', body: codeBody },
      config: { permission: 'account:self' },
    },
    async (req) => {
      const u = req.user!;
      brake(u.username, req.ip);
      if (await mfaRequired(u.tenantId))
        throw new AppError(
          'conflict',
          'Your organisation requires MFA; ask an admin to reset it if you lost your device',
        );
      const result = await withTenant(deps.db, u.tenantId, async (tx) => {
        const r = await checkSecondFactor(tx, keys(), u.tenantId, u.userId, req.body.code, { allowRecovery: true });
        if (r.ok) {
          await removeMfa(tx, u.tenantId, u.userId);
          await recordAudit(tx, deps.auditKey, actorOf(req), {
            action: 'mfa_disable',
            resourceType: 'user',
            resourceId: u.userId,
            details: { method: r.method },
          });
        }
        return r;
      });
      if (!result.ok) return accountFailure(req, 'disable', result);
      throttle.succeeded(u.username);
      return { enabled: false };
    },
  );

  app.post(
    '/api/account/mfa/recovery-codes',
    {
      schema: {
        tags: ['account'],
        summary: 'Replace your recovery codes (needs a current code); the new ones are shown once',
        body: codeBody,
      },
      config: { permission: 'account:self' },
    },
    async (req) => {
      const u = req.user!;
      brake(u.username, req.ip);
      const result = await withTenant(deps.db, u.tenantId, async (tx) => {
        const r = await checkSecondFactor(tx, keys(), u.tenantId, u.userId, req.body.code, { allowRecovery: false });
        if (!r.ok) return r;
        const codes = await replaceRecoveryCodes(tx, keys(), u.tenantId, u.userId);
        await recordAudit(tx, deps.auditKey, actorOf(req), {
          action: 'mfa_recovery_codes',
          resourceType: 'user',
          resourceId: u.userId,
        });
        return { ok: true as const, codes };
      });
      if (!result.ok) return accountFailure(req, 'recovery-codes', result);
      throttle.succeeded(u.username);
      return { recoveryCodes: result.codes };
    },
  );

  // ---- admin ----

  app.post(
    '/api/users/:id/mfa/reset',
    {
      schema: {
        tags: ['admin'],
        summary: "Reset a user's MFA (lost device): removes the seed and recovery codes, ends their sessions",
        params: idParams,
      },
      config: { permission: 'user:manage' },
    },
    async (req) => {
      const u = req.user!;
      return withTenant(deps.db, u.tenantId, async (tx) => {
        const target = await tx
          .selectFrom('app_user')
          .select(['id', 'username'])
          .where('tenant_id', '=', u.tenantId)
          .where('id', '=', req.params.id)
          .executeTakeFirst();
        if (!target) throw notFound('User');
        const wasOn = await removeMfa(tx, u.tenantId, target.id);
        const now = new Date();
        await tx
          .updateTable('user_session')
          .set({ revoked_at: now })
          .where('tenant_id', '=', u.tenantId)
          .where('user_id', '=', target.id)
          .where('revoked_at', 'is', null)
          .execute();
        await tx
          .updateTable('login_challenge')
          .set({ consumed_at: now })
          .where('tenant_id', '=', u.tenantId)
          .where('user_id', '=', target.id)
          .where('consumed_at', 'is', null)
          .execute();
        await recordAudit(tx, deps.auditKey, actorOf(req), {
          action: 'mfa_reset',
          resourceType: 'user',
          resourceId: target.id,
          details: { username: target.username, wasEnabled: wasOn },
        });
        return { id: target.id, mfaEnabled: false };
      });
    },
  );

  app.patch(
    '/api/tenant/security',
    {
      schema: {
        tags: ['admin'],
        summary: 'Tenant security settings: require MFA for every user',
        body: tenantSecurityBody,
      },
      config: { permission: 'tenant:manage' },
    },
    async (req) => {
      const u = req.user!;
      return withTenant(deps.db, u.tenantId, async (tx) => {
        const before = await tx
          .selectFrom('tenant')
          .select('mfa_required')
          .where('id', '=', u.tenantId)
          .executeTakeFirstOrThrow();
        await tx
          .updateTable('tenant')
          .set({ mfa_required: req.body.mfaRequired })
          .where('id', '=', u.tenantId)
          .execute();
        let sessionsEnded = 0;
        if (req.body.mfaRequired && !before.mfa_required) {
          // users without MFA must enrol before they work again: end their sessions (not the admin's own one)
          const ended = await tx
            .updateTable('user_session')
            .set({ revoked_at: new Date() })
            .where('tenant_id', '=', u.tenantId)
            .where('revoked_at', 'is', null)
            .where('id', '!=', u.sessionId)
            .where('user_id', 'not in', (eb) =>
              eb
                .selectFrom('user_mfa')
                .select('user_id')
                .where('tenant_id', '=', u.tenantId)
                .where('enabled_at', 'is not', null),
            )
            .returning('id')
            .execute();
          sessionsEnded = ended.length;
        }
        await recordAudit(tx, deps.auditKey, actorOf(req), {
          action: 'update',
          resourceType: 'tenant',
          resourceId: u.tenantId,
          details: { mfaRequired: { from: before.mfa_required, to: req.body.mfaRequired }, sessionsEnded },
        });
        return { mfaRequired: req.body.mfaRequired, sessionsEnded };
      });
    },
  );
}
