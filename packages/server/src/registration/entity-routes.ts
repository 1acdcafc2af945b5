/**
 * List / create / read / update routes for a registration record, with the tenant wall, role checks
 * and audit in one place. Reads of PHI are audited; every change is audited with what changed.
 */
import type { Kysely, SelectQueryBuilder } from 'kysely';
import { z, type ZodType } from 'zod';
import { recordAuditForPatients, type AuditAction } from '../audit/record-audit.ts';
import type { Permission } from '../auth/permissions.ts';
import { withTenant, type Tx } from '../db/open-database.ts';
import type { Database } from '../db/schema.ts';
import type { AppDeps } from '../deps.ts';
import type { App } from '../http/app-types.ts';
import { notFound } from '../app-error.ts';
import { actorOf } from '../http/request-context.ts';
import { toCamel, toSnake } from '../db/case.ts';
import { idParams, listQuery } from './fields.ts';

type Table = 'practice' | 'provider' | 'payer' | 'guarantor' | 'patient' | 'coverage';
type Row = Record<string, unknown> & { id: number };
type AnyQuery = SelectQueryBuilder<any, any, any>;

export interface EntitySpec {
  table: Table;
  path: string;
  label: string;
  tag: string;
  phi: boolean;
  dataCategory: string;
  read: Permission;
  write: Permission;
  create: ZodType<Record<string, unknown>>;
  patch: ZodType<Record<string, unknown>>;
  /** extra list filters (querystring fields) and how they narrow the query */
  filters?: Record<string, ZodType>;
  applyFilters?: (q: AnyQuery, query: Record<string, any>) => AnyQuery;
  orderBy: string[];
  /** the patients each row concerns (a patient, a coverage's patient, a guarantor's patients), by row id, for the audit rows */
  patientsOf?: (tx: Tx, tenantId: number, rows: Row[]) => Promise<Map<number, number[]>>;
  /** fills server-side fields before insert (e.g. account numbers) */
  beforeCreate?: (tx: Tx, tenantId: number, values: Record<string, unknown>) => Promise<Record<string, unknown>>;
  /** rules across fields and records (e.g. a coverage's member ID by its payer's kind), on create and on change */
  check?: (tx: Tx, tenantId: number, row: Record<string, unknown>) => Promise<void>;
  /** related records shown with one record (e.g. a patient's coverages) */
  expand?: (tx: Tx, tenantId: number, row: Row) => Promise<Record<string, unknown>>;
}

const anyTx = (tx: Tx) => tx as unknown as Kysely<any>;

export async function findOne(tx: Tx, table: Table, tenantId: number, id: number): Promise<Row | undefined> {
  return (await anyTx(tx)
    .selectFrom(table)
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('id', '=', id)
    .executeTakeFirst()) as Row | undefined;
}

export function registerEntityRoutes(app: App, deps: AppDeps, spec: EntitySpec): void {
  const patientsOf = async (tx: Tx, tenantId: number, rows: Row[]) =>
    spec.patientsOf && rows.length ? spec.patientsOf(tx, tenantId, rows) : new Map<number, number[]>();
  const audit = async (
    tx: Tx,
    req: Parameters<typeof actorOf>[0],
    action: AuditAction,
    row: Row | null,
    details: Record<string, unknown> = {},
  ) => {
    const patients = row ? ((await patientsOf(tx, req.user!.tenantId, [row])).get(row.id) ?? []) : [];
    await recordAuditForPatients(
      tx,
      deps.auditKey,
      actorOf(req),
      { action, resourceType: spec.table, resourceId: row?.id ?? null, dataCategory: spec.dataCategory, details },
      patients,
    );
  };

  app.get(
    spec.path,
    {
      schema: {
        tags: [spec.tag],
        summary: `List or search ${spec.label.toLowerCase()}s`,
        querystring: z.strictObject({ ...listQuery, ...(spec.filters ?? {}) }),
      },
      config: { permission: spec.read },
    },
    async (req) => {
      const u = req.user!;
      const query = req.query as Record<string, any>;
      return withTenant(deps.db, u.tenantId, async (tx) => {
        let q: AnyQuery = anyTx(tx).selectFrom(spec.table).where('tenant_id', '=', u.tenantId);
        if (spec.applyFilters) q = spec.applyFilters(q, query);
        const total = Number((await q.select((eb: any) => eb.fn.countAll().as('n')).executeTakeFirst())?.n ?? 0);
        let page = q.selectAll();
        for (const col of spec.orderBy) page = page.orderBy(col);
        const rows = (await page.orderBy('id').limit(query.limit).offset(query.offset).execute()) as Row[];
        if (spec.phi) {
          const filters = Object.fromEntries(Object.entries(query).filter(([k]) => k !== 'limit' && k !== 'offset'));
          // one row for the search: the patient when the results concern exactly one, and all of them in details
          const byRow = await patientsOf(tx, u.tenantId, rows);
          const patientIds = [...new Set(rows.flatMap((r) => byRow.get(r.id) ?? []))].sort((x, y) => x - y);
          await recordAuditForPatients(
            tx,
            deps.auditKey,
            actorOf(req),
            {
              action: 'query',
              resourceType: spec.table,
              dataCategory: spec.dataCategory,
              details: { filters, resultIds: rows.map((r) => r.id), total, ...(spec.patientsOf ? { patientIds } : {}) },
            },
            patientIds.length === 1 ? patientIds : [],
          );
        }
        return { items: rows.map(toCamel), total, limit: query.limit, offset: query.offset };
      });
    },
  );

  app.post(
    spec.path,
    {
      schema: { tags: [spec.tag], summary: `Create a ${spec.label.toLowerCase()}`, body: spec.create },
      config: { permission: spec.write },
    },
    async (req, reply) => {
      const u = req.user!;
      const row = await withTenant(deps.db, u.tenantId, async (tx) => {
        let values = toSnake(req.body as Record<string, unknown>);
        if (spec.beforeCreate) values = await spec.beforeCreate(tx, u.tenantId, values);
        await spec.check?.(tx, u.tenantId, values);
        const created = (await anyTx(tx)
          .insertInto(spec.table)
          .values({ ...values, tenant_id: u.tenantId })
          .returningAll()
          .executeTakeFirstOrThrow()) as Row;
        await audit(tx, req, 'create', created, { fields: Object.keys(values) });
        return created;
      });
      return reply.status(201).send(toCamel(row));
    },
  );

  app.get(
    `${spec.path}/:id`,
    {
      schema: { tags: [spec.tag], summary: `Read one ${spec.label.toLowerCase()}`, params: idParams },
      config: { permission: spec.read },
    },
    async (req) => {
      const u = req.user!;
      return withTenant(deps.db, u.tenantId, async (tx) => {
        const row = await findOne(tx, spec.table, u.tenantId, req.params.id);
        if (!row) throw notFound(spec.label);
        if (spec.phi) await audit(tx, req, 'read', row);
        const extra = spec.expand ? await spec.expand(tx, u.tenantId, row) : {};
        return { ...toCamel(row), ...extra };
      });
    },
  );

  app.patch(
    `${spec.path}/:id`,
    {
      schema: { tags: [spec.tag], summary: `Change a ${spec.label.toLowerCase()}`, params: idParams, body: spec.patch },
      config: { permission: spec.write },
    },
    async (req) => {
      const u = req.user!;
      return withTenant(deps.db, u.tenantId, async (tx) => {
        const before = await findOne(tx, spec.table, u.tenantId, req.params.id);
        if (!before) throw notFound(spec.label);
        const values = toSnake(req.body as Record<string, unknown>);
        const changes: Record<string, { from: unknown; to: unknown }> = {};
        for (const [k, v] of Object.entries(values))
          if (before[k] !== v) changes[k] = { from: before[k] ?? null, to: v };
        if (Object.keys(changes).length === 0) return toCamel(before);
        await spec.check?.(tx, u.tenantId, { ...before, ...values });
        const after = (await anyTx(tx)
          .updateTable(spec.table)
          .set({ ...values, updated_at: new Date() })
          .where('tenant_id', '=', u.tenantId)
          .where('id', '=', req.params.id)
          .returningAll()
          .executeTakeFirstOrThrow()) as Row;
        await audit(tx, req, 'update', after, { changes });
        return toCamel(after);
      });
    },
  );
}

export function escapeLike(s: string): string {
  return s.replace(/[\\%_]/g, (c) => `\\${c}`);
}

export type { Database };
