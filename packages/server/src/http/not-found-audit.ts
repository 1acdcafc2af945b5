/**
 * A logged-in user asking for a record that is not theirs to see leaves an audit row (issue 8 item 11): every 404
 * from an /api route with a path id, before the answer leaves, in the caller's own tenant chain. The answer is the
 * same 404 whether the id exists in another tenant or nowhere, so the row is the only trace of a probe.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { recordAudit } from '../audit/record-audit.ts';
import { withTenant } from '../db/open-database.ts';
import type { AppDeps } from '../deps.ts';
import type { ErrorLog } from './error-handler.ts';

export function notFoundAudit(deps: Pick<AppDeps, 'db' | 'auditKey'>, log: ErrorLog) {
  return async (req: FastifyRequest, reply: FastifyReply, payload: unknown) => {
    const route = req.routeOptions.url;
    const u = req.user;
    if (reply.statusCode !== 404 || !u || !route?.startsWith('/api/') || !route.includes('/:')) return payload;
    try {
      await withTenant(deps.db, u.tenantId, (tx) =>
        recordAudit(
          tx,
          deps.auditKey,
          { tenantId: u.tenantId, userId: u.userId, username: u.username, sourceIp: req.ip },
          {
            action: 'read',
            resourceType: 'route',
            resourceId: `${req.method} ${route}`,
            outcome: 'failure',
            details: { reason: 'not_found', params: req.params },
          },
        ),
      );
    } catch (error) {
      log({ requestId: req.id, method: req.method, url: req.url, error });
    }
    return payload;
  };
}
