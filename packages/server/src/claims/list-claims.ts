/** The billing worklist: claims by state, patient, payer or batch, newest change first. The search is audited. */
import type { ClaimList, ListClaimsInput } from '@medbill/api';
import { sql } from 'kysely';
import type { Actor } from '../actor.ts';
import { toCamel } from '../db/case.ts';
import { withTenant } from '../db/open-database.ts';
import type { ClaimsDeps } from '../deps.ts';
import { recordClaimsAudit } from './claims-audit.ts';

export async function listClaims(
  deps: Pick<ClaimsDeps, 'db' | 'auditKey'>,
  actor: Actor,
  input: ListClaimsInput,
): Promise<ClaimList> {
  const tenantId = actor.tenantId;
  return withTenant(deps.db, tenantId, async (tx) => {
    let s = tx
      .selectFrom('claim as c')
      .innerJoin('encounter as e', (j) =>
        j.onRef('e.tenant_id', '=', 'c.tenant_id').onRef('e.id', '=', 'c.encounter_id'),
      )
      .innerJoin('patient as p', (j) => j.onRef('p.tenant_id', '=', 'e.tenant_id').onRef('p.id', '=', 'e.patient_id'))
      .innerJoin('payer as y', (j) => j.onRef('y.tenant_id', '=', 'c.tenant_id').onRef('y.id', '=', 'c.payer_id'))
      .where('c.tenant_id', '=', tenantId);
    if (input.state) s = s.where('c.state', '=', input.state);
    if (input.patientId) s = s.where('e.patient_id', '=', input.patientId);
    if (input.payerId) s = s.where('c.payer_id', '=', input.payerId);
    if (input.batchId) s = s.where('c.batch_id', '=', input.batchId);
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
      .limit(input.limit)
      .offset(input.offset)
      .execute();
    const { limit, offset, ...filters } = input;
    await recordClaimsAudit(
      tx,
      deps.auditKey,
      actor,
      { action: 'query', resourceType: 'claim', dataCategory: 'claim', details: { filters, limit, offset, total } },
      rows.map((r) => r.id),
    );
    return { items: rows.map(toCamel), total, limit, offset };
  });
}
