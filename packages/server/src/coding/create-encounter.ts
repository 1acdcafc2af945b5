/**
 * A visit becomes an encounter with ordered diagnoses and service lines. Charges come from the
 * practice's fee schedule in force on the date of service; a different charge needs a reason.
 */
import { type ApiIssue, issueAt } from '@medbill/api';
import type { InstitutionalDetailsView } from '@medbill/api';
import { codingLockedBy } from '@medbill/core';
import type { Tx } from '../db/open-database.ts';
import { AppError } from '../app-error.ts';
import { transitionClaim } from '../claims/claim-events.ts';

export interface EncounterInput {
  patientId: number;
  practiceId: number;
  renderingProviderId: number;
  referringProviderId?: number | null;
  kind?: 'professional' | 'institutional';
  placeOfService: string;
  serviceDateFrom: string;
  serviceDateTo?: string;
  priorAuthorization?: string | null;
  noteText?: string;
  institutional?: InstitutionalDetailsView | null;
  diagnoses: string[];
  /** present-on-admission per diagnosis, same order */
  diagnosisPoa?: Array<string | null>;
  lines: Array<{
    procedureCode: string;
    modifiers?: string[];
    units: number;
    chargeCents?: number;
    chargeOverrideReason?: string;
    diagnosisPointers: number[];
    serviceDate?: string;
    revenueCode?: string | null;
    ndc?: string | null;
    ndcQuantity?: number | null;
    ndcUnit?: string | null;
  }>;
}

export async function feeFor(
  tx: Tx,
  tenantId: number,
  practiceId: number,
  code: string,
  modifiers: string[],
  on: string,
): Promise<number | null> {
  const rows = await tx
    .selectFrom('fee_schedule_item as i')
    .innerJoin('fee_schedule as f', (j) =>
      j.onRef('f.tenant_id', '=', 'i.tenant_id').onRef('f.id', '=', 'i.fee_schedule_id'),
    )
    .select(['i.modifier', 'i.charge_cents'])
    .where('i.tenant_id', '=', tenantId)
    .where('f.practice_id', '=', practiceId)
    .where('f.effective_from', '<=', on)
    .where((eb) => eb.or([eb('f.effective_to', 'is', null), eb('f.effective_to', '>=', on)]))
    .where('i.procedure_code', '=', code)
    .orderBy('f.effective_from', 'desc')
    .execute();
  const specific = rows.find((r) => r.modifier !== '' && modifiers.includes(r.modifier));
  return (specific ?? rows.find((r) => r.modifier === ''))?.charge_cents ?? null;
}

type LineInput = EncounterInput['lines'][number];

/** Charges for each line (fee schedule unless given; a different charge needs a reason), or the field problems. */
async function priceLines(
  tx: Tx,
  tenantId: number,
  practiceId: number,
  dateOfService: string,
  diagnosisCount: number,
  lines: LineInput[],
): Promise<number[]> {
  const issues: ApiIssue[] = [];
  const charges: number[] = [];
  for (const [i, l] of lines.entries()) {
    const date = l.serviceDate ?? dateOfService;
    const fee = await feeFor(tx, tenantId, practiceId, l.procedureCode, l.modifiers ?? [], date);
    if (l.chargeCents === undefined) {
      if (fee === null)
        issues.push(
          issueAt(
            `lines.${i}.chargeCents`,
            'required',
            `No fee for ${l.procedureCode} in the practice's fee schedule on ${date}: enter the charge and a reason`,
          ),
        );
      charges.push(fee ?? 0);
    } else {
      if (fee !== l.chargeCents && !l.chargeOverrideReason?.trim())
        issues.push(
          issueAt(
            `lines.${i}.chargeOverrideReason`,
            'required',
            `The charge differs from the fee schedule (${fee === null ? 'none' : (fee / 100).toFixed(2)}): say why`,
          ),
        );
      charges.push(l.chargeCents);
    }
    for (const p of l.diagnosisPointers)
      if (p < 1 || p > diagnosisCount)
        issues.push(issueAt(`lines.${i}.diagnosisPointers`, 'no-such-record', `pointer ${p} has no diagnosis`));
  }
  if (issues.length) throw new AppError('validation', issues.map((i) => i.message).join('; '), issues);
  return charges;
}

async function writeCoding(
  tx: Tx,
  tenantId: number,
  encounterId: number,
  dateOfService: string,
  diagnoses: string[],
  lines: LineInput[],
  charges: number[],
  poa: Array<string | null> = [],
): Promise<void> {
  for (const [i, code] of diagnoses.entries()) {
    await tx
      .insertInto('encounter_diagnosis')
      .values({
        tenant_id: tenantId,
        encounter_id: encounterId,
        position: i + 1,
        code: code.replace('.', '').toUpperCase(),
        poa: poa[i] ?? null,
      })
      .execute();
  }
  for (const [i, l] of lines.entries()) {
    await tx
      .insertInto('service_line')
      .values({
        tenant_id: tenantId,
        encounter_id: encounterId,
        line_number: i + 1,
        procedure_code: l.procedureCode.toUpperCase(),
        modifiers: (l.modifiers ?? []).map((m) => m.toUpperCase()),
        units: l.units,
        charge_cents: charges[i],
        charge_override_reason: l.chargeOverrideReason ?? null,
        diagnosis_pointers: l.diagnosisPointers,
        service_date: l.serviceDate ?? dateOfService,
        revenue_code: l.revenueCode ?? null,
        ndc: l.ndc ?? null,
        ndc_quantity: l.ndc ? (l.ndcQuantity ?? 1) : null,
        ndc_unit: l.ndc ? (l.ndcUnit ?? 'UN') : null,
      })
      .execute();
  }
}

export async function createEncounter(tx: Tx, tenantId: number, input: EncounterInput): Promise<number> {
  const to = input.serviceDateTo ?? input.serviceDateFrom;
  const charges = await priceLines(
    tx,
    tenantId,
    input.practiceId,
    input.serviceDateFrom,
    input.diagnoses.length,
    input.lines,
  );
  const enc = await tx
    .insertInto('encounter')
    .values({
      tenant_id: tenantId,
      patient_id: input.patientId,
      practice_id: input.practiceId,
      rendering_provider_id: input.renderingProviderId,
      referring_provider_id: input.referringProviderId ?? null,
      kind: input.kind ?? 'professional',
      place_of_service: input.placeOfService,
      service_date_from: input.serviceDateFrom,
      service_date_to: to,
      prior_authorization: input.priorAuthorization ?? null,
      note_text: input.noteText ?? '',
      institutional: input.institutional ? JSON.stringify(input.institutional) : null,
      status: input.diagnoses.length && input.lines.length ? 'coded' : 'to_code',
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await writeCoding(
    tx,
    tenantId,
    enc.id,
    input.serviceDateFrom,
    input.diagnoses,
    input.lines,
    charges,
    input.diagnosisPoa,
  );
  return enc.id;
}

/** The coder's save: replaces diagnoses and lines while no claim of the encounter has been sent; open claims go back to draft. */
export async function replaceCoding(
  tx: Tx,
  tenantId: number,
  encounterId: number,
  coding: Pick<EncounterInput, 'diagnoses' | 'lines' | 'diagnosisPoa'>,
  actor: { userId: number | null; username: string | null },
): Promise<void> {
  const enc = await tx
    .selectFrom('encounter')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('id', '=', encounterId)
    .forUpdate()
    .executeTakeFirst();
  if (!enc) throw new AppError('not_found', 'Encounter not found');
  const claims = await tx
    .selectFrom('claim')
    .select(['id', 'state', 'claim_number', 'frequency_code', 'replaces_claim_id'])
    .where('tenant_id', '=', tenantId)
    .where('encounter_id', '=', encounterId)
    .execute();
  // once every sent claim has a replacement being prepared, the coding is what that replacement will carry
  const sent = codingLockedBy(
    claims.map((c) => ({ ...c, frequencyCode: c.frequency_code, replacesClaimId: c.replaces_claim_id })),
  );
  if (sent)
    throw new AppError(
      'conflict',
      `Claim ${sent.claim_number} is already ${sent.state}: correct it with a replacement claim instead`,
    );
  const charges = await priceLines(
    tx,
    tenantId,
    enc.practice_id,
    enc.service_date_from,
    coding.diagnoses.length,
    coding.lines,
  );
  await tx
    .deleteFrom('service_line')
    .where('tenant_id', '=', tenantId)
    .where('encounter_id', '=', encounterId)
    .execute();
  await tx
    .deleteFrom('encounter_diagnosis')
    .where('tenant_id', '=', tenantId)
    .where('encounter_id', '=', encounterId)
    .execute();
  await writeCoding(
    tx,
    tenantId,
    encounterId,
    enc.service_date_from,
    coding.diagnoses,
    coding.lines,
    charges,
    coding.diagnosisPoa,
  );
  const coded = coding.diagnoses.length > 0 && coding.lines.length > 0;
  await tx
    .updateTable('encounter')
    .set({ status: claims.length ? 'billed' : coded ? 'coded' : 'to_code', updated_at: new Date() })
    .where('tenant_id', '=', tenantId)
    .where('id', '=', encounterId)
    .execute();
  for (const c of claims.filter((c) => c.state === 'ready' || c.state === 'rejected')) {
    await transitionClaim(tx, tenantId, c.id, 'draft', {
      actor,
      cause: 'recoded',
      reason: 'coding changed; rescrub before sending',
      set: { total_charge_cents: charges.reduce((a, b) => a + b, 0) },
    });
  }
  for (const c of claims.filter((c) => c.state === 'draft')) {
    await tx
      .updateTable('claim')
      .set({ total_charge_cents: charges.reduce((a, b) => a + b, 0), updated_at: new Date() })
      .where('tenant_id', '=', tenantId)
      .where('id', '=', c.id)
      .execute();
  }
}
