/** The log-in cookies: the session (whole site) and the MFA challenge (only the second-step routes read it). */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { CHALLENGE_LIFETIME_MS } from './mfa-challenge.ts';
import { ABSOLUTE_LIFETIME_MS, SESSION_COOKIE } from './sessions.ts';

export const MFA_COOKIE = 'medbill_mfa';
const MFA_COOKIE_PATH = '/api/auth/mfa';

const cookieOptions = (req: FastifyRequest, path: string, lifetimeMs: number) => ({
  path,
  httpOnly: true,
  sameSite: 'strict' as const,
  secure: req.protocol === 'https',
  maxAge: lifetimeMs / 1000,
});

export function setSessionCookie(req: FastifyRequest, reply: FastifyReply, token: string): void {
  reply.setCookie(SESSION_COOKIE, token, cookieOptions(req, '/', ABSOLUTE_LIFETIME_MS));
}

export function setChallengeCookie(req: FastifyRequest, reply: FastifyReply, token: string): void {
  reply.setCookie(MFA_COOKIE, token, cookieOptions(req, MFA_COOKIE_PATH, CHALLENGE_LIFETIME_MS));
}

export function clearChallengeCookie(reply: FastifyReply): void {
  reply.clearCookie(MFA_COOKIE, { path: MFA_COOKIE_PATH });
}
