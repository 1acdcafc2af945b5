/** The admin's audit screen: any period, filter and sort by every field, CSV export, chain verification. */
import { sql } from 'kysely';
import { z } from 'zod';
import { withTenant } from '../db/open-database.ts';
import type { AppDeps } from '../deps.ts';
import type { App } from '../http/app-types.ts';
import { toCsv } from '../http/csv.ts';
import { actorOf } from '../http/request-context.ts';
import { id, wholeNumber } from '../registration/fields.ts';
import { recordAudit } from './record-audit.ts';
import { verifyAudit } from './verify-audit.ts';

const SORTABLE = [
  'seq',
  'occurred_at',
  'username',
  'action',
  'resource_type',
  'resource_id',
  'patient_id',
  'data_category',
  'source_ip',
  'outcome',
] as const;

const auditQuery = z.strictObject({
  from: z.iso.datetime({ offset: true }).or(z.iso.date()).optional(),
  to: z.iso.datetime({ offset: true }).or(z.iso.date()).optional(),
  username: z.string().trim().max(100).optional(),
  action: z.string().trim().max(40).optional(),
  resourceType: z.string().trim().max(40).optional(),
  patientId: id.optional(),
  outcome: z.enum(['success', 'failure', 'denied']).optional(),
  sort: z.enum(SORTABLE).default('seq'),
  order: z.enum(['asc', 'desc']).default('desc'),
  limit: wholeNumber(1, 1000).default(100),
  offset: wholeNumber(0, Number.MAX_SAFE_INTEGER).default(0),
});
type AuditQuery = z.infer<typeof auditQuery>;

const COLUMNS = [
  'seq',
  'occurred_at',
  'username',
  'action',
  'resource_type',
  'resource_id',
  'patient_id',
  'data_category',
  'source_ip',
  'outcome',
  'details',
] as const;

function filtered(tx: Parameters<Parameters<typeof withTenant>[2]>[0], tenantId: number, q: AuditQuery) {
  let s = tx.selectFrom('audit_event').where('tenant_id', '=', tenantId);
  if (q.from) s = s.where('occurred_at', '>=', new Date(q.from));
  if (q.to)
    s = s.where(
      'occurred_at',
      q.to.length === 10 ? '<' : '<=',
      q.to.length === 10 ? new Date(new Date(q.to).getTime() + 86_400_000) : new Date(q.to),
    );
  if (q.username) s = s.where('username', '=', q.username);
  if (q.action) s = s.where('action', '=', q.action);
  if (q.resourceType) s = s.where('resource_type', '=', q.resourceType);
  if (q.patientId) {
    const id = q.patientId;
    // rows about several patients (an 835, a batch, a search) name them in details.patientIds
    s = s.where((eb) =>
      eb.or([eb('patient_id', '=', id), sql<boolean>`details -> 'patientIds' @> ${JSON.stringify([id])}::jsonb`]),
    );
  }
  if (q.outcome) s = s.where('outcome', '=', q.outcome);
  return s;
}

/** The patient a report was asked about, when it is one of this tenant's (any other number names no one). */
async function ownPatient(
  tx: Parameters<Parameters<typeof withTenant>[2]>[0],
  tenantId: number,
  patientId: number | undefined,
): Promise<number | null> {
  if (!patientId) return null;
  const row = await tx
    .selectFrom('patient')
    .select('id')
    .where('tenant_id', '=', tenantId)
    .where('id', '=', patientId)
    .executeTakeFirst();
  return row?.id ?? null;
}

export function registerAuditRoutes(app: App, deps: AppDeps): void {
  app.get(
    '/api/audit',
    {
      schema: { tags: ['admin'], summary: 'Search the audit log', querystring: auditQuery },
      config: { permission: 'audit:read' },
    },
    async (req) => {
      const u = req.user!;
      return withTenant(deps.db, u.tenantId, async (tx) => {
        const base = filtered(tx, u.tenantId, req.query);
        const total = Number((await base.select((eb) => eb.fn.countAll().as('n')).executeTakeFirst())?.n ?? 0);
        const rows = await base
          .select(COLUMNS)
          .orderBy(req.query.sort, req.query.order)
          .orderBy('seq', req.query.order)
          .limit(req.query.limit)
          .offset(req.query.offset)
          .execute();
        // the log holds what changed in patients' records, so reading it is itself logged
        const { limit, offset, ...filters } = req.query;
        await recordAudit(tx, deps.auditKey, actorOf(req), {
          action: 'query',
          resourceType: 'audit_log',
          patientId: await ownPatient(tx, u.tenantId, req.query.patientId),
          details: { filters, limit, offset, rows: rows.length, total },
        });
        return { total, items: rows.map((r) => ({ ...r, occurred_at: new Date(r.occurred_at).toISOString() })) };
      });
    },
  );

  app.get(
    '/api/audit/export',
    {
      schema: {
        tags: ['admin'],
        summary: 'Export the filtered audit log as CSV',
        querystring: auditQuery.omit({ limit: true, offset: true }),
      },
      config: { permission: 'audit:read' },
    },
    async (req, reply) => {
      const u = req.user!;
      const csv = await withTenant(deps.db, u.tenantId, async (tx) => {
        const rows = await filtered(tx, u.tenantId, { ...req.query, limit: 0, offset: 0 })
          .select(COLUMNS)
          .orderBy(req.query.sort, req.query.order)
          .limit(100_000)
          .execute();
        await recordAudit(tx, deps.auditKey, actorOf(req), {
          action: 'export',
          resourceType: 'audit_log',
          patientId: await ownPatient(tx, u.tenantId, req.query.patientId),
          details: { rows: rows.length, filters: req.query },
        });
        return toCsv(
          [...COLUMNS],
          rows.map((r) => COLUMNS.map((c) => r[c])),
        );
      });
      return reply
        .type('text/csv; charset=utf-8')
        .header('Content-Disposition', 'attachment; filename="audit-log.csv"')
        .send(csv);
    },
  );

  app.post(
    '/api/audit/verify',
    { schema: { tags: ['admin'], summary: "Verify this tenant's audit chain" }, config: { permission: 'audit:read' } },
    async (req) => {
      const u = req.user!;
      const result = await verifyAudit(deps.db, deps.auditKey, { tenantId: u.tenantId });
      await withTenant(deps.db, u.tenantId, (tx) =>
        recordAudit(tx, deps.auditKey, actorOf(req), {
          action: 'verify',
          resourceType: 'audit_log',
          outcome: result.ok ? 'success' : 'failure',
          details: { entries: result.entries, problems: result.problems.length },
        }),
      );
      return result;
    },
  );
}
