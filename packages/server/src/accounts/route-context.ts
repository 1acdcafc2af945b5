/** A route's use-case context: the logged-in user as the actor, the clock of the claims services. */
import type { FastifyRequest } from 'fastify';
import type { AppDeps } from '../deps.ts';
import { actorOf, currentUser } from '../http/request-context.ts';
import type { UseCaseContext } from './use-case-context.ts';

export function routeContext(req: FastifyRequest, deps: AppDeps): UseCaseContext {
  return {
    db: deps.db,
    tenantId: currentUser(req).tenantId,
    actor: actorOf(req),
    auditKey: deps.auditKey,
    now: deps.claims.now,
  };
}
