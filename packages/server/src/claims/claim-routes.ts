import { CLAIM_STATES } from '@medbill/core';
import { sql } from 'kysely';
import { z } from 'zod';
import { recordAudit } from '../audit/record-audit.ts';
import { recordClaimsAudit } from './claims-audit.ts';
import { withTenant } from '../db/open-database.ts';
import type { App, AppDeps } from '../http/app.ts';
import { notFound } from '../http/errors.ts';
import { actorOf } from '../http/request-context.ts';
import { toCamel } from '../registration/case.ts';
import { id, idParams, listQuery } from '../registration/fields.ts';
import { scrubClaims } from './scrub-claims.ts';
import { claimPdfFor } from './claim-pdf-file.ts';

export function registerClaimRoutes(app: App, deps: AppDeps): void {
  const services = deps.claims;
  const scrubServices = { today: services.today, coding: services.coding, payerRules: services.payerRules };

  app.get(
    '/api/claims',
    {
      schema: {
        tags: ['claims'],
        summary: 'Claims by state (the billing worklist)',
        querystring: z.strictObject({
          ...listQuery,
          state: z.enum(CLAIM_STATES).optional(),
          patientId: id.optional(),
          payerId: id.optional(),
          batchId: id.optional(),
        }),
      },
      config: { permission: 'claim:read' },
    },
    async (req) => {
      const u = req.user!;
      const q = req.query;
      return withTenant(deps.store.db, u.tenantId, async (tx) => {
        let s = tx
          .selectFrom('claim as c')
          .innerJoin('encounter as e', (j) =>
            j.onRef('e.tenant_id', '=', 'c.tenant_id').onRef('e.id', '=', 'c.encounter_id'),
          )
          .innerJoin('patient as p', (j) =>
            j.onRef('p.tenant_id', '=', 'e.tenant_id').onRef('p.id', '=', 'e.patient_id'),
          )
          .innerJoin('payer as y', (j) => j.onRef('y.tenant_id', '=', 'c.tenant_id').onRef('y.id', '=', 'c.payer_id'))
          .where('c.tenant_id', '=', u.tenantId);
        if (q.state) s = s.where('c.state', '=', q.state);
        if (q.patientId) s = s.where('e.patient_id', '=', q.patientId);
        if (q.payerId) s = s.where('c.payer_id', '=', q.payerId);
        if (q.batchId) s = s.where('c.batch_id', '=', q.batchId);
        const total = Number((await s.select((eb) => eb.fn.countAll().as('n')).executeTakeFirst())?.n ?? 0);
        const rows = await s
          .select([
            'c.id',
            'c.claim_number',
            'c.state',
            'c.kind',
            'c.total_charge_cents',
            'c.rejection_reason',
            'c.updated_at',
            'c.batch_id',
            'c.payer_claim_number',
            'e.service_date_from',
            'e.patient_id',
            'p.first_name',
            'p.last_name',
            'p.account_number',
            'y.name as payer_name',
          ])
          .select(sql<number>`jsonb_array_length(c.edits)`.as('edit_count'))
          .orderBy('c.updated_at', 'desc')
          .orderBy('c.id', 'desc')
          .limit(q.limit)
          .offset(q.offset)
          .execute();
        await recordAudit(tx, deps.auditKey, actorOf(req), {
          action: 'query',
          resourceType: 'claim',
          dataCategory: 'claim',
          details: { state: q.state, resultIds: rows.map((r) => r.id) },
        });
        return { total, items: rows.map(toCamel) };
      });
    },
  );

  app.get(
    '/api/claims/summary',
    {
      schema: { tags: ['claims'], summary: 'Counts by state and the clean-claim rate' },
      config: { permission: 'claim:read' },
    },
    async (req) => {
      const u = req.user!;
      return withTenant(deps.store.db, u.tenantId, async (tx) => {
        const rows = await tx
          .selectFrom('claim')
          .select(['state'])
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .where('tenant_id', '=', u.tenantId)
          .groupBy('state')
          .execute();
        const counts = Object.fromEntries(CLAIM_STATES.map((s) => [s, 0])) as Record<string, number>;
        for (const r of rows) counts[r.state] = Number(r.n);
        // clean-claim rate: of claims scrubbed at least once, the share that were clean at their first scrub
        const first = await sql<{ scrubbed: number; clean: number }>`
        SELECT count(*)::int AS scrubbed, count(*) FILTER (WHERE first_to = 'ready')::int AS clean FROM (
          SELECT DISTINCT ON (claim_id) claim_id, to_state AS first_to FROM claim_event
          WHERE tenant_id = ${u.tenantId} AND reason LIKE 'scrub%' ORDER BY claim_id, id) f`.execute(tx);
        const { scrubbed, clean } = first.rows[0] ?? { scrubbed: 0, clean: 0 };
        return { counts, scrubbed, cleanAtFirstScrub: clean, cleanClaimRate: scrubbed ? clean / scrubbed : null };
      });
    },
  );

  app.get(
    '/api/claims/:id',
    {
      schema: { tags: ['claims'], summary: 'One claim: lines, edits, history, files', params: idParams },
      config: { permission: 'claim:read' },
    },
    async (req) => {
      const u = req.user!;
      return withTenant(deps.store.db, u.tenantId, async (tx) => {
        const claim = await tx
          .selectFrom('claim')
          .selectAll()
          .where('tenant_id', '=', u.tenantId)
          .where('id', '=', req.params.id)
          .executeTakeFirst();
        if (!claim) throw notFound('Claim');
        const enc = await tx
          .selectFrom('encounter')
          .selectAll()
          .where('tenant_id', '=', u.tenantId)
          .where('id', '=', claim.encounter_id)
          .executeTakeFirstOrThrow();
        const patient = await tx
          .selectFrom('patient')
          .select(['id', 'first_name', 'last_name', 'account_number', 'birth_date'])
          .where('tenant_id', '=', u.tenantId)
          .where('id', '=', enc.patient_id)
          .executeTakeFirstOrThrow();
        const payer = await tx
          .selectFrom('payer')
          .select(['id', 'name', 'payer_code'])
          .where('tenant_id', '=', u.tenantId)
          .where('id', '=', claim.payer_id)
          .executeTakeFirstOrThrow();
        const diagnoses = await tx
          .selectFrom('encounter_diagnosis')
          .select('code')
          .where('tenant_id', '=', u.tenantId)
          .where('encounter_id', '=', enc.id)
          .orderBy('position')
          .execute();
        const lines = await tx
          .selectFrom('service_line')
          .selectAll()
          .where('tenant_id', '=', u.tenantId)
          .where('encounter_id', '=', enc.id)
          .orderBy('line_number')
          .execute();
        const events = await tx
          .selectFrom('claim_event')
          .selectAll()
          .where('tenant_id', '=', u.tenantId)
          .where('claim_id', '=', claim.id)
          .orderBy('id')
          .execute();
        const fileIds = [...new Set(events.map((e) => e.file_id).filter((f): f is number => f !== null))];
        const files = fileIds.length
          ? await tx
              .selectFrom('edi_file')
              .select(['id', 'direction', 'kind', 'file_name', 'created_at'])
              .where('tenant_id', '=', u.tenantId)
              .where('id', 'in', fileIds)
              .orderBy('id')
              .execute()
          : [];
        await recordAudit(tx, deps.auditKey, actorOf(req), {
          action: 'read',
          resourceType: 'claim',
          resourceId: claim.id,
          patientId: patient.id,
          dataCategory: 'claim',
        });
        return {
          ...toCamel(claim),
          encounter: toCamel(enc),
          patient: toCamel(patient),
          payer: toCamel(payer),
          diagnoses: diagnoses.map((d) => d.code),
          lines: lines.map(toCamel),
          events: events.map(toCamel),
          files: files.map(toCamel),
        };
      });
    },
  );

  app.get(
    '/api/claims/:id/pdf',
    {
      schema: {
        tags: ['claims'],
        summary: 'The claim printed on CMS-1500 (02/12) or UB-04, as PDF',
        params: idParams,
        querystring: z.strictObject({ mode: z.enum(['full', 'overlay']).default('full') }),
      },
      config: { permission: 'claim:read' },
    },
    async (req, reply) => {
      const u = req.user!;
      const printed = await withTenant(deps.store.db, u.tenantId, async (tx) => {
        const p = await claimPdfFor(tx, u.tenantId, req.params.id, req.query.mode, services.today());
        await recordAudit(tx, deps.auditKey, actorOf(req), {
          action: 'print',
          resourceType: 'claim',
          resourceId: req.params.id,
          patientId: p.patientId,
          dataCategory: 'claim',
          details: { form: p.form, mode: req.query.mode },
        });
        return p;
      });
      return reply
        .type('application/pdf')
        .header('Content-Disposition', `inline; filename="${printed.claimNumber}-${printed.form}.pdf"`)
        .send(Buffer.from(printed.pdf));
    },
  );

  app.post(
    '/api/claims/scrub',
    {
      schema: {
        tags: ['claims'],
        summary: 'Scrub claims (given ids, or every draft claim)',
        body: z.strictObject({ claimIds: z.array(id).max(5000).optional() }),
      },
      config: { permission: 'claim:write' },
    },
    async (req) => {
      const u = req.user!;
      return withTenant(deps.store.db, u.tenantId, async (tx) => {
        const ids =
          req.body.claimIds ??
          (
            await tx
              .selectFrom('claim')
              .select('id')
              .where('tenant_id', '=', u.tenantId)
              .where('state', 'in', ['draft', 'ready'])
              .execute()
          ).map((c) => c.id);
        const owned = ids.length
          ? (
              await tx
                .selectFrom('claim')
                .select('id')
                .where('tenant_id', '=', u.tenantId)
                .where('id', 'in', ids)
                .execute()
            ).map((c) => c.id)
          : [];
        if (owned.length !== new Set(ids).size) throw notFound('Claim');
        const outcomes = await scrubClaims(tx, u.tenantId, owned, scrubServices, {
          userId: u.userId,
          username: u.username,
        });
        await recordClaimsAudit(
          tx,
          deps.auditKey,
          actorOf(req),
          { action: 'update', resourceType: 'claim', dataCategory: 'claim', details: { scrubbed: owned.length } },
          owned,
        );
        return { outcomes };
      });
    },
  );
}
