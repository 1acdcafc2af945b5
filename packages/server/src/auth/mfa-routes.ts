/**
 * TOTP multi-factor authentication over HTTP (SECURITY.md B2): the second log-in step (public routes that read
 * only the challenge cookie, scoped to /api/auth/mfa), the user's own MFA, and the admin's reset and tenant
 * setting. Each route parses, calls the use case and sets or clears cookies.
 */
import { z } from 'zod';
import {
  enrolledAtLogin,
  mfaDisabled,
  mfaReset,
  mfaSetup,
  myMfa,
  recoveryCodes,
  sessionUser,
  tenantSecurity,
} from '@medbill/api';
import type { AppDeps } from '../deps.ts';
import type { App } from '../http/app-types.ts';
import { actorOf, currentUser } from '../http/request-context.ts';
import { idParams } from '../registration/fields.ts';
import { setTenantSecurity } from '../tenants/set-tenant-security.ts';
import { confirmEnrolmentAtLogIn, startEnrolmentAtLogIn, verifySecondFactor } from './mfa-log-in.ts';
import { confirmMyEnrolment, disableMyMfa, getMyMfa, replaceMyRecoveryCodes, startMyEnrolment } from './my-mfa.ts';
import { resetUserMfa } from './reset-user-mfa.ts';
import { clearChallengeCookie, MFA_COOKIE, setSessionCookie } from './session-cookies.ts';

const codeBody = z.strictObject({ code: z.string().trim().min(6).max(40) });
/** re-enrolling while MFA is on replaces the seed: that needs the current code or a recovery code */
const enrolBody = z.strictObject({ code: z.string().trim().min(6).max(40).optional() });
const tenantSecurityBody = z.strictObject({ mfaRequired: z.boolean() });

export function registerMfaRoutes(app: App, deps: AppDeps): void {
  const authDeps = { ...deps, throttle: deps.throttle! };

  // ---- log-in, second step (public routes: they read only the challenge cookie) ----

  app.post(
    '/api/auth/mfa/verify',
    {
      schema: {
        tags: ['auth'],
        summary: 'Second log-in step: a TOTP or recovery code; sets the session cookie',
        body: codeBody,
        response: { 200: sessionUser },
      },
      config: { public: true },
    },
    async (req, reply) => {
      const opened = await verifySecondFactor(authDeps, {
        challengeToken: req.cookies[MFA_COOKIE],
        sourceIp: req.ip,
        code: req.body.code,
      });
      clearChallengeCookie(reply);
      setSessionCookie(req, reply, opened.sessionToken);
      return opened.user;
    },
  );

  app.post(
    '/api/auth/mfa/setup',
    {
      schema: {
        tags: ['auth'],
        summary: 'Log-in when the tenant requires MFA: start enrolment (returns the otpauth URI)',
        response: { 200: mfaSetup },
      },
      config: { public: true },
    },
    (req) => startEnrolmentAtLogIn(authDeps, { challengeToken: req.cookies[MFA_COOKIE], sourceIp: req.ip }),
  );

  app.post(
    '/api/auth/mfa/setup/confirm',
    {
      schema: {
        tags: ['auth'],
        summary: 'Log-in when the tenant requires MFA: confirm enrolment with a code; sets the session cookie',
        body: codeBody,
        response: { 200: enrolledAtLogin },
      },
      config: { public: true },
    },
    async (req, reply) => {
      const opened = await confirmEnrolmentAtLogIn(authDeps, {
        challengeToken: req.cookies[MFA_COOKIE],
        sourceIp: req.ip,
        code: req.body.code,
      });
      clearChallengeCookie(reply);
      setSessionCookie(req, reply, opened.sessionToken);
      return { ...opened.user, recoveryCodes: opened.recoveryCodes };
    },
  );

  // ---- the logged-in user's own MFA (Security page) ----

  app.get(
    '/api/account/mfa',
    {
      schema: {
        tags: ['account'],
        summary: 'Whether MFA is on for you, and recovery codes left',
        response: { 200: myMfa },
      },
      config: { permission: 'account:self' },
    },
    (req) => getMyMfa(deps, actorOf(req)),
  );

  app.post(
    '/api/account/mfa/enrol',
    {
      schema: {
        tags: ['account'],
        summary:
          'Start (re-)enrolment: a new seed, active only after a code from it is confirmed; while MFA is on, needs the current code or a recovery code',
        body: enrolBody,
        response: { 200: mfaSetup },
      },
      config: { permission: 'account:self' },
    },
    (req) => startMyEnrolment(authDeps, actorOf(req), req.body ?? {}),
  );

  app.post(
    '/api/account/mfa/confirm',
    {
      schema: {
        tags: ['account'],
        summary: 'Confirm enrolment with a code; returns recovery codes (shown once)',
        body: codeBody,
        response: { 200: recoveryCodes },
      },
      config: { permission: 'account:self' },
    },
    (req) => confirmMyEnrolment(authDeps, actorOf(req), req.body),
  );

  app.post(
    '/api/account/mfa/disable',
    {
      schema: {
        tags: ['account'],
        summary: 'Turn MFA off (needs a current code or a recovery code)',
        body: codeBody,
        response: { 200: mfaDisabled },
      },
      config: { permission: 'account:self' },
    },
    (req) => disableMyMfa(authDeps, actorOf(req), req.body),
  );

  app.post(
    '/api/account/mfa/recovery-codes',
    {
      schema: {
        tags: ['account'],
        summary: 'Replace your recovery codes (needs a current code or a recovery code); the new ones are shown once',
        body: codeBody,
        response: { 200: recoveryCodes },
      },
      config: { permission: 'account:self' },
    },
    (req) => replaceMyRecoveryCodes(authDeps, actorOf(req), req.body),
  );

  // ---- admin ----

  app.post(
    '/api/users/:id/mfa/reset',
    {
      schema: {
        tags: ['admin'],
        summary: "Reset a user's MFA (lost device): removes the seed and recovery codes, ends their sessions",
        params: idParams,
        response: { 200: mfaReset },
      },
      config: { permission: 'user:manage' },
    },
    (req) => resetUserMfa(deps, actorOf(req), { userId: req.params.id }),
  );

  app.patch(
    '/api/tenant/security',
    {
      schema: {
        tags: ['admin'],
        summary: 'Tenant security settings: require MFA for every user',
        body: tenantSecurityBody,
        response: { 200: tenantSecurity },
      },
      config: { permission: 'tenant:manage' },
    },
    (req) =>
      setTenantSecurity(deps, actorOf(req), {
        mfaRequired: req.body.mfaRequired,
        keepSessionId: currentUser(req).sessionId,
      }),
  );
}
