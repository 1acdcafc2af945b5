/**
 * The logged-in user's own MFA (Security page): status, (re-)enrolment, confirmation, turning it off and new
 * recovery codes. Changes need a current code; wrong codes count toward the log-in brake and are audited.
 */
import type { Actor } from '../actor.ts';
import { AppError, invalid } from '../app-error.ts';
import { recordAudit } from '../audit/record-audit.ts';
import { type Tx, withTenant } from '../db/open-database.ts';
import type { AuthDeps } from './login-flow.ts';
import { brake, failureMessage } from './mfa-challenge.ts';
import { mfaKeys } from './mfa-crypto.ts';
import {
  checkSecondFactor,
  confirmEnrolment,
  mfaStatus,
  removeMfa,
  replaceRecoveryCodes,
  startEnrolment,
} from './mfa-store.ts';
import { base32Encode, otpauthUri } from './totp.ts';

type Who = Actor & { userId: number; username: string };

function who(actor: Actor): Who {
  if (actor.userId === null || actor.username === null) throw new AppError('unauthenticated', 'Log in first');
  return actor as Who;
}

const tenantRequiresMfa = async (tx: Tx, tenantId: number) =>
  (await tx.selectFrom('tenant').select('mfa_required').where('id', '=', tenantId).executeTakeFirstOrThrow())
    .mfa_required;

async function refused(
  deps: AuthDeps,
  u: Who,
  step: string,
  result: { method?: string; reason: string },
): Promise<never> {
  deps.throttle.failed(u.username);
  await withTenant(deps.db, u.tenantId, (tx) =>
    recordAudit(tx, deps.auditKey, u, {
      action: 'mfa_failure',
      resourceType: 'user',
      resourceId: u.userId,
      outcome: 'failure',
      details: { step, method: result.method ?? 'totp', reason: result.reason },
    }),
  );
  throw invalid('code', failureMessage(result.reason));
}

export async function getMyMfa(deps: Pick<AuthDeps, 'db'>, actor: Actor) {
  const u = who(actor);
  return withTenant(deps.db, u.tenantId, async (tx) => ({
    ...(await mfaStatus(tx, u.tenantId, u.userId)),
    required: await tenantRequiresMfa(tx, u.tenantId),
  }));
}

/** A new seed; while MFA is on this replaces the phone, so it needs the current code or a recovery code. */
export async function startMyEnrolment(deps: AuthDeps, actor: Actor, input: { code?: string } = {}) {
  const u = who(actor);
  brake(deps, u.username, u.sourceIp);
  const result = await withTenant(deps.db, u.tenantId, async (tx) => {
    const on = (await mfaStatus(tx, u.tenantId, u.userId)).enabled;
    if (on) {
      if (!input.code)
        throw invalid('code', 'Two-step log-in is on: give a current code or a recovery code to move to a new phone');
      const r = await checkSecondFactor(tx, mfaKeys(deps.auditKey), u.tenantId, u.userId, input.code, {
        allowRecovery: true,
      });
      if (!r.ok) return r;
    }
    const seed = await startEnrolment(tx, mfaKeys(deps.auditKey), u.tenantId, u.userId);
    await recordAudit(tx, deps.auditKey, u, {
      action: 'mfa_enrol',
      resourceType: 'user',
      resourceId: u.userId,
      details: on ? { replacing: true } : undefined,
    });
    return { ok: true as const, enrolment: { otpauthUri: otpauthUri(seed, u.username), secret: base32Encode(seed) } };
  });
  if (!result.ok) return refused(deps, u, 'enrol', result);
  return result.enrolment;
}

export async function confirmMyEnrolment(deps: AuthDeps, actor: Actor, input: { code: string }) {
  const u = who(actor);
  brake(deps, u.username, u.sourceIp);
  const result = await withTenant(deps.db, u.tenantId, async (tx) => {
    const r = await confirmEnrolment(tx, mfaKeys(deps.auditKey), u.tenantId, u.userId, input.code);
    if (r.ok)
      await recordAudit(tx, deps.auditKey, u, { action: 'mfa_confirm', resourceType: 'user', resourceId: u.userId });
    return r;
  });
  if (!result.ok) {
    if (result.reason === 'no_enrolment') throw new AppError('conflict', 'Start the set-up first');
    return refused(deps, u, 'confirm', result);
  }
  return { recoveryCodes: result.recoveryCodes };
}

export async function disableMyMfa(deps: AuthDeps, actor: Actor, input: { code: string }) {
  const u = who(actor);
  brake(deps, u.username, u.sourceIp);
  const result = await withTenant(deps.db, u.tenantId, async (tx) => {
    if (await tenantRequiresMfa(tx, u.tenantId))
      throw new AppError(
        'conflict',
        'Your organisation requires MFA; ask an admin to reset it if you lost your device',
      );
    const r = await checkSecondFactor(tx, mfaKeys(deps.auditKey), u.tenantId, u.userId, input.code, {
      allowRecovery: true,
    });
    if (r.ok) {
      await removeMfa(tx, u.tenantId, u.userId);
      await recordAudit(tx, deps.auditKey, u, {
        action: 'mfa_disable',
        resourceType: 'user',
        resourceId: u.userId,
        details: { method: r.method },
      });
    }
    return r;
  });
  if (!result.ok) return refused(deps, u, 'disable', result);
  deps.throttle.succeeded(u.username);
  return { enabled: false as const };
}

export async function replaceMyRecoveryCodes(deps: AuthDeps, actor: Actor, input: { code: string }) {
  const u = who(actor);
  brake(deps, u.username, u.sourceIp);
  const result = await withTenant(deps.db, u.tenantId, async (tx) => {
    const keys = mfaKeys(deps.auditKey);
    const r = await checkSecondFactor(tx, keys, u.tenantId, u.userId, input.code, { allowRecovery: true });
    if (!r.ok) return r;
    const codes = await replaceRecoveryCodes(tx, keys, u.tenantId, u.userId);
    await recordAudit(tx, deps.auditKey, u, {
      action: 'mfa_recovery_codes',
      resourceType: 'user',
      resourceId: u.userId,
    });
    return { ok: true as const, codes };
  });
  if (!result.ok) return refused(deps, u, 'recovery-codes', result);
  deps.throttle.succeeded(u.username);
  return { recoveryCodes: result.codes };
}
