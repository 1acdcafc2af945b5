/** The filtered audit log as CSV (up to 100,000 rows); the export is itself logged. */
import type { Actor } from '../actor.ts';
import { withTenant } from '../db/open-database.ts';
import type { Deps } from '../deps.ts';
import { toCsv } from '../http/csv.ts';
import type { AuditExportQuery } from './audit-schemas.ts';
import { AUDIT_COLUMNS, filteredAudit, ownPatient } from './audit-search.ts';
import { recordAudit } from './record-audit.ts';

export async function exportAudit(
  deps: Pick<Deps, 'db' | 'auditKey'>,
  actor: Actor,
  input: AuditExportQuery,
): Promise<string> {
  const tenantId = actor.tenantId;
  return withTenant(deps.db, tenantId, async (tx) => {
    const rows = await filteredAudit(tx, tenantId, { ...input, limit: 0, offset: 0 })
      .select(AUDIT_COLUMNS)
      .orderBy(input.sort, input.order)
      .limit(100_000)
      .execute();
    await recordAudit(tx, deps.auditKey, actor, {
      action: 'export',
      resourceType: 'audit_log',
      patientId: await ownPatient(tx, tenantId, input.patientId),
      details: { rows: rows.length, filters: input },
    });
    return toCsv(
      [...AUDIT_COLUMNS],
      rows.map((r) => AUDIT_COLUMNS.map((c) => r[c])),
    );
  });
}
