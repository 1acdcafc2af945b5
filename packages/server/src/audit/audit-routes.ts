/** The admin's audit screen: any period, filter and sort by every field, CSV export, chain verification. */
import { auditPage, auditVerification, csvFile } from '@medbill/api';
import type { AppDeps } from '../deps.ts';
import type { App } from '../http/app-types.ts';
import { actorOf } from '../http/request-context.ts';
import { auditExportQuery, auditQuery } from './audit-schemas.ts';
import { exportAudit } from './export-audit.ts';
import { searchAudit } from './search-audit.ts';
import { verifyAuditChain } from './verify-audit-chain.ts';

const csv = csvFile('the filtered audit log, one row per entry');

export function registerAuditRoutes(app: App, deps: AppDeps): void {
  app.get(
    '/api/audit',
    {
      schema: {
        tags: ['admin'],
        summary: 'Search the audit log',
        querystring: auditQuery,
        response: { 200: auditPage },
      },
      config: { permission: 'audit:read' },
    },
    (req) => searchAudit(deps, actorOf(req), req.query),
  );

  app.get(
    '/api/audit/export',
    {
      schema: {
        tags: ['admin'],
        summary: 'Export the filtered audit log as CSV',
        querystring: auditExportQuery,
        response: { 200: csv },
      },
      config: { permission: 'audit:read' },
    },
    async (req, reply) =>
      reply
        .type('text/csv; charset=utf-8')
        .header('Content-Disposition', 'attachment; filename="audit-log.csv"')
        .send(await exportAudit(deps, actorOf(req), req.query)),
  );

  app.post(
    '/api/audit/verify',
    {
      schema: { tags: ['admin'], summary: "Verify this tenant's audit chain", response: { 200: auditVerification } },
      config: { permission: 'audit:read' },
    },
    (req) => verifyAuditChain(deps, actorOf(req)),
  );
}
