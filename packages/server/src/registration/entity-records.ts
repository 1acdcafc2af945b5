/**
 * The use cases every registration record kind shares (list or search, create, read, change), bound to its
 * spec: tenant wall, audit of PHI reads and of every change with what changed, in one place.
 */
import type { SelectQueryBuilder } from 'kysely';
import type { Actor } from '../actor.ts';
import { notFound } from '../app-error.ts';
import { type AuditAction, recordAuditForPatients } from '../audit/record-audit.ts';
import { toCamel, toSnake } from '../db/case.ts';
import { type Tx, withTenant } from '../db/open-database.ts';
import type { Deps } from '../deps.ts';
import { anyTx, type EntityRow, type EntitySpec, type EntityTable } from './entity-spec.ts';

type EntityDeps = Pick<Deps, 'db' | 'auditKey'>;
type ListInput = Record<string, any> & { limit: number; offset: number };

export async function findOne(
  tx: Tx,
  table: EntityTable,
  tenantId: number,
  id: number,
): Promise<EntityRow | undefined> {
  return (await anyTx(tx)
    .selectFrom(table)
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('id', '=', id)
    .executeTakeFirst()) as EntityRow | undefined;
}

export function entityRecords(spec: EntitySpec) {
  const patientsOf = async (tx: Tx, tenantId: number, rows: EntityRow[]) =>
    spec.patientsOf && rows.length ? spec.patientsOf(tx, tenantId, rows) : new Map<number, number[]>();
  const audit = async (
    deps: EntityDeps,
    tx: Tx,
    actor: Actor,
    action: AuditAction,
    row: EntityRow | null,
    details: Record<string, unknown> = {},
  ) => {
    const patients = row ? ((await patientsOf(tx, actor.tenantId, [row])).get(row.id) ?? []) : [];
    await recordAuditForPatients(
      tx,
      deps.auditKey,
      actor,
      { action, resourceType: spec.table, resourceId: row?.id ?? null, dataCategory: spec.dataCategory, details },
      patients,
    );
  };

  async function list(deps: EntityDeps, actor: Actor, query: ListInput) {
    const tenantId = actor.tenantId;
    return withTenant(deps.db, tenantId, async (tx) => {
      let q: SelectQueryBuilder<any, any, any> = anyTx(tx).selectFrom(spec.table).where('tenant_id', '=', tenantId);
      if (spec.applyFilters) q = spec.applyFilters(q, query);
      const total = Number((await q.select((eb: any) => eb.fn.countAll().as('n')).executeTakeFirst())?.n ?? 0);
      let page = q.selectAll();
      for (const col of spec.orderBy) page = page.orderBy(col);
      const rows = (await page.orderBy('id').limit(query.limit).offset(query.offset).execute()) as EntityRow[];
      if (spec.phi) {
        const filters = Object.fromEntries(Object.entries(query).filter(([k]) => k !== 'limit' && k !== 'offset'));
        // one row for the search: the patient when the results concern exactly one, and all of them in details
        const byRow = await patientsOf(tx, tenantId, rows);
        const patientIds = [...new Set(rows.flatMap((r) => byRow.get(r.id) ?? []))].sort((x, y) => x - y);
        await recordAuditForPatients(
          tx,
          deps.auditKey,
          actor,
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
  }

  async function create(deps: EntityDeps, actor: Actor, input: Record<string, unknown>) {
    const tenantId = actor.tenantId;
    return withTenant(deps.db, tenantId, async (tx) => {
      let values = toSnake(input);
      if (spec.beforeCreate) values = await spec.beforeCreate(tx, tenantId, values);
      await spec.check?.(tx, tenantId, values);
      const created = (await anyTx(tx)
        .insertInto(spec.table)
        .values({ ...values, tenant_id: tenantId })
        .returningAll()
        .executeTakeFirstOrThrow()) as EntityRow;
      await audit(deps, tx, actor, 'create', created, { fields: Object.keys(values) });
      return toCamel(created);
    });
  }

  async function get(deps: EntityDeps, actor: Actor, input: { id: number }) {
    const tenantId = actor.tenantId;
    return withTenant(deps.db, tenantId, async (tx) => {
      const row = await findOne(tx, spec.table, tenantId, input.id);
      if (!row) throw notFound(spec.label);
      if (spec.phi) await audit(deps, tx, actor, 'read', row);
      const extra = spec.expand ? await spec.expand(tx, tenantId, row) : {};
      return { ...toCamel(row), ...extra };
    });
  }

  async function change(deps: EntityDeps, actor: Actor, input: { id: number; patch: Record<string, unknown> }) {
    const tenantId = actor.tenantId;
    return withTenant(deps.db, tenantId, async (tx) => {
      const before = await findOne(tx, spec.table, tenantId, input.id);
      if (!before) throw notFound(spec.label);
      const values = toSnake(input.patch);
      const changes: Record<string, { from: unknown; to: unknown }> = {};
      for (const [k, v] of Object.entries(values)) if (before[k] !== v) changes[k] = { from: before[k] ?? null, to: v };
      if (Object.keys(changes).length === 0) return toCamel(before);
      await spec.check?.(tx, tenantId, { ...before, ...values });
      const after = (await anyTx(tx)
        .updateTable(spec.table)
        .set({ ...values, updated_at: new Date() })
        .where('tenant_id', '=', tenantId)
        .where('id', '=', input.id)
        .returningAll()
        .executeTakeFirstOrThrow()) as EntityRow;
      await audit(deps, tx, actor, 'update', after, { changes });
      return toCamel(after);
    });
  }

  return { list, create, get, change };
}
