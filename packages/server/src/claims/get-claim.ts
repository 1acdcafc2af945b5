/** One claim as the claim page shows it: its encounter, patient, payer, codes, lines, history and files. Audited as a read. */
import type { ClaimDetail } from '@medbill/api';
import type { Actor } from '../actor.ts';
import { notFound } from '../app-error.ts';
import { recordAudit } from '../audit/record-audit.ts';
import { toCamel } from '../db/case.ts';
import { withTenant, type Tx } from '../db/open-database.ts';
import { loadEncounterCodes } from '../coding/encounter-codes.ts';
import type { ClaimsDeps } from '../deps.ts';

export async function getClaim(
  deps: Pick<ClaimsDeps, 'db' | 'auditKey'>,
  actor: Actor,
  input: { claimId: number },
): Promise<ClaimDetail> {
  return withTenant(deps.db, actor.tenantId, async (tx) => {
    const detail = await loadClaimDetail(tx, actor.tenantId, input.claimId);
    await recordAudit(tx, deps.auditKey, actor, {
      action: 'read',
      resourceType: 'claim',
      resourceId: detail.id,
      patientId: detail.patient.id,
      dataCategory: 'claim',
    });
    return detail;
  });
}

async function loadClaimDetail(tx: Tx, tenantId: number, claimId: number): Promise<ClaimDetail> {
  const claim = await tx
    .selectFrom('claim')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('id', '=', claimId)
    .executeTakeFirst();
  if (!claim) throw notFound('Claim');
  const enc = await tx
    .selectFrom('encounter')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('id', '=', claim.encounter_id)
    .executeTakeFirstOrThrow();
  const patient = await tx
    .selectFrom('patient')
    .select(['id', 'first_name', 'last_name', 'account_number', 'birth_date'])
    .where('tenant_id', '=', tenantId)
    .where('id', '=', enc.patient_id)
    .executeTakeFirstOrThrow();
  const payer = await tx
    .selectFrom('payer')
    .select(['id', 'name', 'payer_code'])
    .where('tenant_id', '=', tenantId)
    .where('id', '=', claim.payer_id)
    .executeTakeFirstOrThrow();
  const { diagnoses, lines } = await loadEncounterCodes(tx, tenantId, enc.id);
  const events = await tx
    .selectFrom('claim_event')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('claim_id', '=', claim.id)
    .orderBy('id')
    .execute();
  const fileIds = [...new Set(events.map((e) => e.file_id).filter((f): f is number => f !== null))];
  const files = fileIds.length
    ? await tx
        .selectFrom('edi_file')
        .select(['id', 'direction', 'kind', 'file_name', 'created_at'])
        .where('tenant_id', '=', tenantId)
        .where('id', 'in', fileIds)
        .orderBy('id')
        .execute()
    : [];
  const linked = await tx
    .selectFrom('claim')
    .select(['id', 'claim_number', 'frequency_code', 'state', 'replaces_claim_id'])
    .where('tenant_id', '=', tenantId)
    .where((eb) => eb.or([eb('id', '=', claim.replaces_claim_id ?? -1), eb('replaces_claim_id', '=', claim.id)]))
    .orderBy('id')
    .execute();
  return {
    ...toCamel(claim),
    encounter: toCamel(enc),
    patient: toCamel(patient),
    payer: toCamel(payer),
    diagnoses,
    lines,
    events: events.map(toCamel),
    files: files.map(toCamel),
    linked: linked.map((c) => ({
      id: c.id,
      claimNumber: c.claim_number,
      frequencyCode: c.frequency_code,
      state: c.state as ClaimDetail['state'],
      relation: c.replaces_claim_id === claim.id ? ('replaced_by' as const) : ('replaces' as const),
    })),
  };
}
