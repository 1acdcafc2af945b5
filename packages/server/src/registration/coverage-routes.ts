/**
 * Ending and removing a coverage, the two ways a billing office takes a policy off a patient:
 * - end it (POST /api/coverages/:id/end): the policy stopped on a date; it stays on file for the
 *   claims it paid, and claims for later dates of service are listed so they can be billed elsewhere;
 * - delete it (DELETE /api/coverages/:id): it was entered by mistake and no claim has used it; a
 *   coverage on any claim is refused with the claim numbers (end it instead).
 * Both are audited with the patient and what the record held; both answer 404 across tenants.
 */
import { z } from 'zod';
import { recordAudit } from '../audit/record-audit.ts';
import { withTenant } from '../db/open-database.ts';
import type { AppDeps } from '../deps.ts';
import type { App } from '../http/app-types.ts';
import { AppError, invalid, notFound } from '../app-error.ts';
import { actorOf } from '../http/request-context.ts';
import { toCamel } from '../db/case.ts';
import { idParams, isoDate } from './fields.ts';

const endBody = z.strictObject({ endDate: isoDate('End date') });

export function registerCoverageRoutes(app: App, deps: AppDeps): void {
  app.post(
    '/api/coverages/:id/end',
    {
      schema: {
        tags: ['patients'],
        summary: 'End a coverage on a date (the policy stays on file); lists claims for later dates of service',
        params: idParams,
        body: endBody,
      },
      config: { permission: 'patient:write' },
    },
    async (req) => {
      const u = req.user!;
      return withTenant(deps.db, u.tenantId, async (tx) => {
        const before = await tx
          .selectFrom('coverage')
          .selectAll()
          .where('tenant_id', '=', u.tenantId)
          .where('id', '=', req.params.id)
          .forUpdate()
          .executeTakeFirst();
        if (!before) throw notFound('Coverage');
        const { endDate } = req.body;
        if (endDate < before.effective_date)
          throw invalid('endDate', `End date cannot be before the effective date (${before.effective_date})`);
        const after = await tx
          .updateTable('coverage')
          .set({ end_date: endDate, updated_at: new Date() })
          .where('tenant_id', '=', u.tenantId)
          .where('id', '=', before.id)
          .returningAll()
          .executeTakeFirstOrThrow();
        // claims already made on this coverage for visits after the end: the payer will deny them
        const claimsAfterEnd = await tx
          .selectFrom('claim as c')
          .innerJoin('encounter as e', (j) =>
            j.onRef('e.tenant_id', '=', 'c.tenant_id').onRef('e.id', '=', 'c.encounter_id'),
          )
          .select(['c.id', 'c.claim_number', 'c.state', 'e.service_date_from'])
          .where('c.tenant_id', '=', u.tenantId)
          .where('c.coverage_id', '=', before.id)
          .where('c.state', '<>', 'voided')
          .where('e.service_date_from', '>', endDate)
          .orderBy('e.service_date_from')
          .orderBy('c.id')
          .execute();
        await recordAudit(tx, deps.auditKey, actorOf(req), {
          action: 'update',
          resourceType: 'coverage',
          resourceId: before.id,
          patientId: before.patient_id,
          dataCategory: 'insurance',
          details: {
            ended: true,
            changes: { end_date: { from: before.end_date, to: endDate } },
            claimsAfterEnd: claimsAfterEnd.map((c) => c.id),
          },
        });
        return { ...toCamel(after), claimsAfterEnd: claimsAfterEnd.map(toCamel) };
      });
    },
  );

  app.delete(
    '/api/coverages/:id',
    {
      schema: {
        tags: ['patients'],
        summary: 'Delete a coverage entered by mistake (refused once a claim uses it: end it instead)',
        params: idParams,
      },
      config: { permission: 'patient:write' },
    },
    async (req, reply) => {
      const u = req.user!;
      await withTenant(deps.db, u.tenantId, async (tx) => {
        // the row lock makes a claim being created on this coverage wait for us, or us see its claim
        const row = await tx
          .selectFrom('coverage')
          .selectAll()
          .where('tenant_id', '=', u.tenantId)
          .where('id', '=', req.params.id)
          .forUpdate()
          .executeTakeFirst();
        if (!row) throw notFound('Coverage');
        const claims = await tx
          .selectFrom('claim')
          .select(['claim_number'])
          .where('tenant_id', '=', u.tenantId)
          .where('coverage_id', '=', row.id)
          .orderBy('id')
          .limit(6)
          .execute();
        if (claims.length) {
          const names =
            claims
              .slice(0, 5)
              .map((c) => c.claim_number)
              .join(', ') + (claims.length > 5 ? ' and more' : '');
          throw new AppError(
            'conflict',
            `This coverage is on claim ${names}: it cannot be deleted; end it with an end date instead`,
            [{ field: 'coverage', message: `used by claim ${names}` }],
          );
        }
        await tx.deleteFrom('coverage').where('tenant_id', '=', u.tenantId).where('id', '=', row.id).execute();
        // what the record held, so the patient's chart history can be rebuilt from the audit log alone
        await recordAudit(tx, deps.auditKey, actorOf(req), {
          action: 'delete',
          resourceType: 'coverage',
          resourceId: row.id,
          patientId: row.patient_id,
          dataCategory: 'insurance',
          details: { deleted: toCamel(row) },
        });
      });
      return reply.status(204).send();
    },
  );
}
