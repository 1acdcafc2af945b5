/** Fee schedules: what a practice charges per code (and modifier), effective-dated. Changes are audited. */
import { z } from 'zod';
import { recordAudit } from '../audit/record-audit.ts';
import { chunksFor } from '../db/bind-limit.ts';
import { withTenant, type Tx } from '../db/open-database.ts';
import type { AppDeps } from '../deps.ts';
import type { App } from '../http/app-types.ts';
import { notFound } from '../app-error.ts';
import { actorOf } from '../http/request-context.ts';
import { toCamel } from '../db/case.ts';
import { id, idParams, isoDate } from '../registration/fields.ts';

const item = z.strictObject({
  procedureCode: z
    .string()
    .trim()
    .toUpperCase()
    .regex(/^([0-9]{4}[0-9FTU]|[A-V][0-9]{4})$/, 'is not a CPT or HCPCS code'),
  modifier: z
    .string()
    .trim()
    .toUpperCase()
    .regex(/^([0-9A-Z]{2})?$/, 'is a 2-character modifier or empty')
    .default(''),
  chargeCents: z.number().int().min(0).max(99_999_999),
});
const items = z
  .array(item)
  .max(20_000)
  .refine((list) => new Set(list.map((i) => `${i.procedureCode}:${i.modifier}`)).size === list.length, {
    message: 'a code and modifier may appear once',
  });
const scheduleBody = z
  .strictObject({
    practiceId: id,
    name: z.string().trim().min(1).max(100),
    effectiveFrom: isoDate('Effective from'),
    effectiveTo: isoDate('Effective to').nullable().optional(),
    items,
  })
  .refine((s) => !s.effectiveTo || s.effectiveTo >= s.effectiveFrom, {
    path: ['effectiveTo'],
    message: 'cannot be before the effective date',
  });

type FeeItem = z.infer<typeof item>;

/** In chunks under the bind-parameter limit (five per row): a schedule may hold 20,000 fees. */
async function insertItems(tx: Tx, tenantId: number, scheduleId: number, list: readonly FeeItem[]) {
  for (const chunk of chunksFor(list, 5))
    await tx
      .insertInto('fee_schedule_item')
      .values(
        chunk.map((i) => ({
          tenant_id: tenantId,
          fee_schedule_id: scheduleId,
          procedure_code: i.procedureCode,
          modifier: i.modifier,
          charge_cents: i.chargeCents,
        })),
      )
      .execute();
}

export function registerFeeScheduleRoutes(app: App, deps: AppDeps): void {
  const db = deps.db;

  app.get(
    '/api/fee-schedules',
    {
      schema: {
        tags: ['claims'],
        summary: "Practices' fee schedules",
        querystring: z.strictObject({ practiceId: id.optional() }),
      },
      config: { permission: 'practice:read' },
    },
    async (req) => {
      const u = req.user!;
      return withTenant(db, u.tenantId, async (tx) => {
        let q = tx.selectFrom('fee_schedule').selectAll().where('tenant_id', '=', u.tenantId);
        if (req.query.practiceId) q = q.where('practice_id', '=', req.query.practiceId);
        return { items: (await q.orderBy('practice_id').orderBy('effective_from', 'desc').execute()).map(toCamel) };
      });
    },
  );

  app.get(
    '/api/fee-schedules/:id',
    {
      schema: { tags: ['claims'], summary: 'One fee schedule with its fees', params: idParams },
      config: { permission: 'practice:read' },
    },
    async (req) => {
      const u = req.user!;
      return withTenant(db, u.tenantId, async (tx) => {
        const fs = await tx
          .selectFrom('fee_schedule')
          .selectAll()
          .where('tenant_id', '=', u.tenantId)
          .where('id', '=', req.params.id)
          .executeTakeFirst();
        if (!fs) throw notFound('Fee schedule');
        const rows = await tx
          .selectFrom('fee_schedule_item')
          .select(['procedure_code', 'modifier', 'charge_cents'])
          .where('tenant_id', '=', u.tenantId)
          .where('fee_schedule_id', '=', fs.id)
          .orderBy('procedure_code')
          .orderBy('modifier')
          .execute();
        return { ...toCamel(fs), items: rows.map(toCamel) };
      });
    },
  );

  app.post(
    '/api/fee-schedules',
    {
      schema: { tags: ['claims'], summary: 'Create a fee schedule', body: scheduleBody },
      config: { permission: 'practice:write' },
    },
    async (req, reply) => {
      const u = req.user!;
      const b = req.body;
      const created = await withTenant(db, u.tenantId, async (tx) => {
        const fs = await tx
          .insertInto('fee_schedule')
          .values({
            tenant_id: u.tenantId,
            practice_id: b.practiceId,
            name: b.name,
            effective_from: b.effectiveFrom,
            effective_to: b.effectiveTo ?? null,
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        await insertItems(tx, u.tenantId, fs.id, b.items);
        await recordAudit(tx, deps.auditKey, actorOf(req), {
          action: 'create',
          resourceType: 'fee_schedule',
          resourceId: fs.id,
          details: { name: b.name, items: b.items.length },
        });
        return fs.id;
      });
      return reply.status(201).send({ id: created });
    },
  );

  app.put(
    '/api/fee-schedules/:id/items',
    {
      schema: {
        tags: ['claims'],
        summary: "Replace a fee schedule's fees",
        params: idParams,
        body: z.strictObject({ items }),
      },
      config: { permission: 'practice:write' },
    },
    async (req) => {
      const u = req.user!;
      return withTenant(db, u.tenantId, async (tx) => {
        const fs = await tx
          .selectFrom('fee_schedule')
          .select('id')
          .where('tenant_id', '=', u.tenantId)
          .where('id', '=', req.params.id)
          .executeTakeFirst();
        if (!fs) throw notFound('Fee schedule');
        await tx
          .deleteFrom('fee_schedule_item')
          .where('tenant_id', '=', u.tenantId)
          .where('fee_schedule_id', '=', fs.id)
          .execute();
        await insertItems(tx, u.tenantId, fs.id, req.body.items);
        await recordAudit(tx, deps.auditKey, actorOf(req), {
          action: 'update',
          resourceType: 'fee_schedule',
          resourceId: fs.id,
          details: { items: req.body.items.length },
        });
        return { id: fs.id, items: req.body.items.length };
      });
    },
  );
}
