/** The admin's audit search: one page of the filtered log. Reading the log is itself logged. */
import type { Actor } from '../actor.ts';
import { withTenant } from '../db/open-database.ts';
import type { Deps } from '../deps.ts';
import type { AuditQuery } from './audit-schemas.ts';
import { AUDIT_COLUMNS, filteredAudit, ownPatient } from './audit-search.ts';
import { recordAudit } from './record-audit.ts';

export async function searchAudit(deps: Pick<Deps, 'db' | 'auditKey'>, actor: Actor, input: AuditQuery) {
  const tenantId = actor.tenantId;
  return withTenant(deps.db, tenantId, async (tx) => {
    const base = filteredAudit(tx, tenantId, input);
    const total = Number((await base.select((eb) => eb.fn.countAll().as('n')).executeTakeFirst())?.n ?? 0);
    const rows = await base
      .select(AUDIT_COLUMNS)
      .orderBy(input.sort, input.order)
      .orderBy('seq', input.order)
      .limit(input.limit)
      .offset(input.offset)
      .execute();
    // the log holds what changed in patients' records, so reading it is itself logged
    const { limit, offset, ...filters } = input;
    await recordAudit(tx, deps.auditKey, actor, {
      action: 'query',
      resourceType: 'audit_log',
      patientId: await ownPatient(tx, tenantId, input.patientId),
      details: { filters, limit, offset, rows: rows.length, total },
    });
    return { total, items: rows.map((r) => ({ ...r, occurred_at: new Date(r.occurred_at).toISOString() })) };
  });
}
