import type { FastifyRequest } from 'fastify';
import type { AuditActor } from '../audit/record-audit.ts';
import type { Permission } from '../auth/permissions.ts';
import type { SessionUser } from '../auth/sessions.ts';
import { AppError } from '../app-error.ts';

declare module 'fastify' {
  interface FastifyRequest {
    user: SessionUser | null;
  }
  interface FastifyContextConfig {
    /** the permission a route needs; routes without one must be listed in PUBLIC_ROUTES */
    permission?: Permission;
    public?: boolean;
  }
}

export function currentUser(req: FastifyRequest): SessionUser {
  if (!req.user) throw new AppError('unauthenticated', 'Log in first');
  return req.user;
}

export function actorOf(req: FastifyRequest): AuditActor {
  const u = currentUser(req);
  return { tenantId: u.tenantId, userId: u.userId, username: u.username, sourceIp: req.ip };
}
