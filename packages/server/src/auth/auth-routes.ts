/** Log-in, log-out and who is logged in: parse, call the use case, set or clear the cookie. */
import { z } from 'zod';
import { AppError } from '../app-error.ts';
import { loggedOut, loginAnswer, loginNoticeView, sessionUser } from '@medbill/api';
import type { AppDeps } from '../deps.ts';
import type { App } from '../http/app-types.ts';
import { actorOf } from '../http/request-context.ts';
import { logIn } from './log-in.ts';
import { loginNotice } from './login-notice.ts';
import { logOut } from './log-out.ts';
import { publicUser } from './login-flow.ts';
import { setChallengeCookie, setSessionCookie } from './session-cookies.ts';
import { SESSION_COOKIE } from './sessions.ts';

/** the demo tenant keeps two-step log-in off (seed-demo.ts) and says so on the log-in page */

/** `tenant` is the office's slug; `slug/username` in the user name does the same; neither: the default office */
const loginBody = z.strictObject({
  tenant: z.string().trim().max(63).optional(),
  username: z.string().trim().min(1).max(170),
  password: z.string().min(1).max(256),
});

export function registerAuthRoutes(app: App, deps: AppDeps): void {
  const authDeps = { ...deps, throttle: deps.throttle! };

  app.post(
    '/api/auth/login',
    {
      schema: {
        tags: ['auth'],
        summary: 'Log in; sets the session cookie',
        body: loginBody,
        response: { 200: loginAnswer },
      },
      config: { public: true },
    },
    async (req, reply) => {
      const result = await logIn(authDeps, { ...req.body, sourceIp: req.ip });
      if (result.step === 'mfa') {
        setChallengeCookie(req, reply, result.challengeToken);
        return { mfa: result.mfa };
      }
      setSessionCookie(req, reply, result.sessionToken);
      return result.user;
    },
  );

  app.post(
    '/api/auth/logout',
    { schema: { tags: ['auth'], summary: 'End this session', response: { 200: loggedOut } }, config: { public: true } },
    async (req, reply) => {
      if (req.user) await logOut(deps, actorOf(req), { sessionId: req.user.sessionId });
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return { ok: true as const };
    },
  );

  app.get(
    '/api/auth/me',
    {
      schema: { tags: ['auth'], summary: 'Who is logged in', response: { 200: sessionUser } },
      config: { public: true },
    },
    async (req) => {
      if (!req.user) throw new AppError('unauthenticated', 'Not logged in');
      return publicUser(req.user);
    },
  );

  app.get(
    '/api/auth/notice',
    {
      schema: {
        tags: ['auth'],
        summary: 'What the log-in page says before anyone logs in (the demo office without two-step log-in)',
        response: { 200: loginNoticeView },
      },
      config: { public: true },
    },
    () => loginNotice(deps),
  );
}
