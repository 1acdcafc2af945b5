/** The second log-in step: a TOTP or recovery code, or (when the tenant requires MFA) enrolment at log-in. */
import { AppError } from '../app-error.ts';
import { recordAudit } from '../audit/record-audit.ts';
import { withTenant } from '../db/open-database.ts';
import type { AuthDeps, OpenedSession } from './login-flow.ts';
import { brake, challengeActor, challengeFailed, finishChallenge, loadChallenge } from './mfa-challenge.ts';
import { mfaKeys } from './mfa-crypto.ts';
import { checkSecondFactor, confirmEnrolment, mfaStatus, startEnrolment } from './mfa-store.ts';
import { base32Encode, otpauthUri } from './totp.ts';

interface StepInput {
  challengeToken: string | undefined;
  sourceIp: string;
}

export async function verifySecondFactor(deps: AuthDeps, input: StepInput & { code: string }): Promise<OpenedSession> {
  const c = await loadChallenge(deps, input.challengeToken, 'verify');
  brake(deps, c.username, input.sourceIp);
  const actor = challengeActor(c, input.sourceIp);
  const result = await withTenant(deps.db, c.tenant_id, (tx) =>
    checkSecondFactor(tx, mfaKeys(deps.auditKey), c.tenant_id, c.user_id, input.code, { allowRecovery: true }),
  );
  if (!result.ok) return challengeFailed(deps, c, input.sourceIp, result.method, result.reason);
  await withTenant(deps.db, c.tenant_id, async (tx) => {
    if (result.method === 'recovery')
      await recordAudit(tx, deps.auditKey, actor, {
        action: 'mfa_recovery_used',
        resourceType: 'user',
        resourceId: c.user_id,
      });
    await recordAudit(tx, deps.auditKey, actor, {
      action: 'mfa_success',
      resourceType: 'session',
      details: { method: result.method },
    });
  });
  return finishChallenge(deps, c, input.sourceIp, { mfa: result.method });
}

export async function startEnrolmentAtLogIn(deps: AuthDeps, input: StepInput) {
  const c = await loadChallenge(deps, input.challengeToken, 'enrol');
  brake(deps, c.username, input.sourceIp);
  return withTenant(deps.db, c.tenant_id, async (tx) => {
    if ((await mfaStatus(tx, c.tenant_id, c.user_id)).enabled)
      throw new AppError('conflict', 'MFA is already set up for this user; log in again');
    const seed = await startEnrolment(tx, mfaKeys(deps.auditKey), c.tenant_id, c.user_id);
    await recordAudit(tx, deps.auditKey, challengeActor(c, input.sourceIp), {
      action: 'mfa_enrol',
      resourceType: 'user',
      resourceId: c.user_id,
      details: { during: 'login' },
    });
    return { otpauthUri: otpauthUri(seed, c.username), secret: base32Encode(seed) };
  });
}

export async function confirmEnrolmentAtLogIn(
  deps: AuthDeps,
  input: StepInput & { code: string },
): Promise<OpenedSession & { recoveryCodes: string[] }> {
  const c = await loadChallenge(deps, input.challengeToken, 'enrol');
  brake(deps, c.username, input.sourceIp);
  const result = await withTenant(deps.db, c.tenant_id, async (tx) => {
    const r = await confirmEnrolment(tx, mfaKeys(deps.auditKey), c.tenant_id, c.user_id, input.code);
    if (r.ok)
      await recordAudit(tx, deps.auditKey, challengeActor(c, input.sourceIp), {
        action: 'mfa_confirm',
        resourceType: 'user',
        resourceId: c.user_id,
        details: { during: 'login' },
      });
    return r;
  });
  if (!result.ok) {
    if (result.reason === 'no_enrolment') throw new AppError('conflict', 'Start the set-up first');
    return challengeFailed(deps, c, input.sourceIp, 'totp', result.reason);
  }
  const opened = await finishChallenge(deps, c, input.sourceIp, { mfa: 'enrolled' });
  return { ...opened, recoveryCodes: result.recoveryCodes };
}
