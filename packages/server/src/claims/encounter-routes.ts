import { z } from 'zod';
import { recordAudit } from '../audit/record-audit.ts';
import { withTenant } from '../db/open-database.ts';
import type { AppDeps } from '../deps.ts';
import type { App } from '../http/app-types.ts';
import { notFound } from '../app-error.ts';
import { actorOf } from '../http/request-context.ts';
import { toCamel } from '../db/case.ts';
import { id, idParams, isoDate, listQuery } from '../registration/fields.ts';
import { createClaimForEncounter } from './create-claims.ts';
import { createEncounter, replaceCoding } from './create-encounter.ts';
import { institutionalDetails } from './institutional-schema.ts';
import { X12_SEPARATOR_MESSAGE } from '../registration/fields.ts';

const code = (re: RegExp, what: string) => z.string().trim().toUpperCase().regex(re, `is not ${what}`);
const encounterBody = z.strictObject({
  patientId: id,
  practiceId: id,
  renderingProviderId: id,
  referringProviderId: id.nullable().optional(),
  kind: z.enum(['professional', 'institutional']).optional(),
  placeOfService: z.string().regex(/^\d{2}$/, 'is a 2-digit place of service code'),
  serviceDateFrom: isoDate('Date of service'),
  serviceDateTo: isoDate('Last date of service').optional(),
  priorAuthorization: z
    .string()
    .trim()
    .max(50)
    .refine((v) => !/[*~:^]/.test(v), X12_SEPARATOR_MESSAGE)
    .nullable()
    .optional(),
  noteText: z.string().max(100_000).optional(),
  institutional: institutionalDetails.nullable().optional(),
  diagnoses: z.array(code(/^[A-Z][0-9][0-9A-Z](\.?[0-9A-Z]{1,4})?$/, 'an ICD-10-CM code')).max(12),
  /** present on admission of each diagnosis, same order (inpatient bills) */
  diagnosisPoa: z
    .array(z.enum(['Y', 'N', 'U', 'W'], { message: 'is a present-on-admission indicator: Y, N, U or W' }).nullable())
    .max(12)
    .optional(),
  lines: z
    .array(
      z.strictObject({
        // institutional lines may go with a revenue code alone (room and board)
        procedureCode: code(/^(|[0-9]{4}[0-9FTU]|[A-V][0-9]{4})$/, 'a CPT or HCPCS code'),
        modifiers: z
          .array(code(/^[0-9A-Z]{2}$/, 'a modifier'))
          .max(4)
          .optional(),
        units: z.number().int().min(1).max(9999),
        chargeCents: z.number().int().min(0).max(99_999_999).optional(),
        chargeOverrideReason: z.string().trim().max(200).optional(),
        diagnosisPointers: z.array(z.number().int().min(1).max(12)).min(1).max(4),
        serviceDate: isoDate('Line date').optional(),
        revenueCode: z
          .string()
          .regex(/^\d{4}$/)
          .nullable()
          .optional(),
        ndc: z
          .string()
          .regex(/^\d{11}$/, 'is an NDC in the 11-digit 5-4-2 form without dashes (pad with leading zeros)')
          .nullable()
          .optional(),
        ndcQuantity: z.number().positive().max(99_999_999).nullable().optional(),
        ndcUnit: z.enum(['F2', 'GR', 'ME', 'ML', 'UN'], { message: 'is F2, GR, ME, ML or UN' }).nullable().optional(),
      }),
    )
    .max(50),
});

export function registerEncounterRoutes(app: App, deps: AppDeps): void {
  app.post(
    '/api/encounters',
    {
      schema: {
        tags: ['coding'],
        summary: 'Record an encounter with its diagnoses and service lines',
        body: encounterBody,
      },
      config: { permission: 'encounter:write' },
    },
    async (req, reply) => {
      const u = req.user!;
      const encounterId = await withTenant(deps.db, u.tenantId, async (tx) => {
        const created = await createEncounter(tx, u.tenantId, req.body);
        await recordAudit(tx, deps.auditKey, actorOf(req), {
          action: 'create',
          resourceType: 'encounter',
          resourceId: created,
          patientId: req.body.patientId,
          dataCategory: 'encounter',
        });
        return created;
      });
      return reply.status(201).send({ id: encounterId });
    },
  );

  app.get(
    '/api/encounters',
    {
      schema: {
        tags: ['coding'],
        summary: 'Encounters (the coding queue with status=to_code)',
        querystring: z.strictObject({
          ...listQuery,
          status: z.enum(['to_code', 'coded', 'billed']).optional(),
          patientId: id.optional(),
        }),
      },
      config: { permission: 'encounter:read' },
    },
    async (req) => {
      const u = req.user!;
      const q = req.query;
      return withTenant(deps.db, u.tenantId, async (tx) => {
        let s = tx
          .selectFrom('encounter as e')
          .innerJoin('patient as p', (j) =>
            j.onRef('p.tenant_id', '=', 'e.tenant_id').onRef('p.id', '=', 'e.patient_id'),
          )
          .where('e.tenant_id', '=', u.tenantId);
        if (q.status) s = s.where('e.status', '=', q.status);
        if (q.patientId) s = s.where('e.patient_id', '=', q.patientId);
        const rows = await s
          .select([
            'e.id',
            'e.patient_id',
            'e.service_date_from',
            'e.place_of_service',
            'e.status',
            'e.kind',
            'p.first_name',
            'p.last_name',
            'p.account_number',
          ])
          .orderBy('e.service_date_from', 'desc')
          .orderBy('e.id', 'desc')
          .limit(q.limit)
          .offset(q.offset)
          .execute();
        await recordAudit(tx, deps.auditKey, actorOf(req), {
          action: 'query',
          resourceType: 'encounter',
          dataCategory: 'encounter',
          details: { status: q.status, patientId: q.patientId, resultIds: rows.map((r) => r.id) },
        });
        return { items: rows.map(toCamel) };
      });
    },
  );

  app.get(
    '/api/encounters/:id',
    {
      schema: { tags: ['coding'], summary: 'One encounter: note, diagnoses, lines, claims', params: idParams },
      config: { permission: 'encounter:read' },
    },
    async (req) => {
      const u = req.user!;
      return withTenant(deps.db, u.tenantId, async (tx) => {
        const enc = await tx
          .selectFrom('encounter')
          .selectAll()
          .where('tenant_id', '=', u.tenantId)
          .where('id', '=', req.params.id)
          .executeTakeFirst();
        if (!enc) throw notFound('Encounter');
        const diagnoses = await tx
          .selectFrom('encounter_diagnosis')
          .select(['position', 'code', 'poa'])
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
        const claims = await tx
          .selectFrom('claim')
          .select(['id', 'claim_number', 'state', 'total_charge_cents'])
          .where('tenant_id', '=', u.tenantId)
          .where('encounter_id', '=', enc.id)
          .execute();
        await recordAudit(tx, deps.auditKey, actorOf(req), {
          action: 'read',
          resourceType: 'encounter',
          resourceId: enc.id,
          patientId: enc.patient_id,
          dataCategory: 'encounter',
        });
        return {
          ...toCamel(enc),
          diagnoses: diagnoses.map((d) => d.code),
          diagnosisPoa: diagnoses.map((d) => d.poa),
          lines: lines.map(toCamel),
          claims: claims.map(toCamel),
        };
      });
    },
  );

  app.put(
    '/api/encounters/:id/coding',
    {
      schema: {
        tags: ['coding'],
        summary: "The coder's save: replace the diagnoses and service lines",
        params: idParams,
        body: encounterBody.pick({ diagnoses: true, diagnosisPoa: true, lines: true }),
      },
      config: { permission: 'encounter:write' },
    },
    async (req) => {
      const u = req.user!;
      await withTenant(deps.db, u.tenantId, async (tx) => {
        await replaceCoding(tx, u.tenantId, req.params.id, req.body, { userId: u.userId, username: u.username });
        const enc = await tx
          .selectFrom('encounter')
          .select('patient_id')
          .where('tenant_id', '=', u.tenantId)
          .where('id', '=', req.params.id)
          .executeTakeFirstOrThrow();
        await recordAudit(tx, deps.auditKey, actorOf(req), {
          action: 'update',
          resourceType: 'encounter',
          resourceId: req.params.id,
          patientId: enc.patient_id,
          dataCategory: 'encounter',
          details: { diagnoses: req.body.diagnoses, lines: req.body.lines.length },
        });
      });
      return { id: req.params.id };
    },
  );

  app.post(
    '/api/encounters/:id/claims',
    {
      schema: {
        tags: ['claims'],
        summary: 'Make a claim from an encounter (primary coverage by default)',
        params: idParams,
        body: z.strictObject({ coverageOrder: z.number().int().min(1).max(3).optional() }),
      },
      config: { permission: 'claim:write' },
    },
    async (req, reply) => {
      const u = req.user!;
      const claimId = await withTenant(deps.db, u.tenantId, async (tx) => {
        const created = await createClaimForEncounter(
          tx,
          u.tenantId,
          req.params.id,
          { userId: u.userId, username: u.username },
          { coverageOrder: req.body.coverageOrder },
        );
        const enc = await tx
          .selectFrom('encounter')
          .select('patient_id')
          .where('tenant_id', '=', u.tenantId)
          .where('id', '=', req.params.id)
          .executeTakeFirstOrThrow();
        await recordAudit(tx, deps.auditKey, actorOf(req), {
          action: 'create',
          resourceType: 'claim',
          resourceId: created,
          patientId: enc.patient_id,
          dataCategory: 'claim',
          details: { encounterId: req.params.id },
        });
        return created;
      });
      return reply.status(201).send({ id: claimId });
    },
  );
}
