/**
 * A visit becomes an encounter with ordered diagnoses and service lines. Charges come from the
 * practice's fee schedule in force on the date of service; a different charge needs a reason.
 */
import type { Tx } from '../db/open-database.ts';
import { AppError, type FieldIssue } from '../http/errors.ts';

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
  institutional?: Record<string, string> | null;
  diagnoses: string[];
  lines: Array<{ procedureCode: string; modifiers?: string[]; units: number; chargeCents?: number; chargeOverrideReason?: string; diagnosisPointers: number[]; serviceDate?: string; revenueCode?: string | null }>;
}

export async function feeFor(tx: Tx, tenantId: number, practiceId: number, code: string, modifiers: string[], on: string): Promise<number | null> {
  const rows = await tx
    .selectFrom('fee_schedule_item as i')
    .innerJoin('fee_schedule as f', (j) => j.onRef('f.tenant_id', '=', 'i.tenant_id').onRef('f.id', '=', 'i.fee_schedule_id'))
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

export async function createEncounter(tx: Tx, tenantId: number, input: EncounterInput): Promise<number> {
  const to = input.serviceDateTo ?? input.serviceDateFrom;
  const issues: FieldIssue[] = [];
  const charges: number[] = [];
  for (const [i, l] of input.lines.entries()) {
    const date = l.serviceDate ?? input.serviceDateFrom;
    const fee = await feeFor(tx, tenantId, input.practiceId, l.procedureCode, l.modifiers ?? [], date);
    if (l.chargeCents === undefined) {
      if (fee === null) issues.push({ field: `lines.${i}.chargeCents`, message: `No fee for ${l.procedureCode} in the practice's fee schedule on ${date}: enter the charge and a reason` });
      charges.push(fee ?? 0);
    } else {
      if (fee !== l.chargeCents && !l.chargeOverrideReason?.trim()) issues.push({ field: `lines.${i}.chargeOverrideReason`, message: `The charge differs from the fee schedule (${fee === null ? 'none' : (fee / 100).toFixed(2)}): say why` });
      charges.push(l.chargeCents);
    }
    for (const p of l.diagnosisPointers) if (p < 1 || p > input.diagnoses.length) issues.push({ field: `lines.${i}.diagnosisPointers`, message: `pointer ${p} has no diagnosis` });
  }
  if (issues.length) throw new AppError('validation', issues.map((i) => `${i.field}: ${i.message}`).join('; '), issues);
  const enc = await tx
    .insertInto('encounter')
    .values({
      tenant_id: tenantId, patient_id: input.patientId, practice_id: input.practiceId, rendering_provider_id: input.renderingProviderId, referring_provider_id: input.referringProviderId ?? null,
      kind: input.kind ?? 'professional', place_of_service: input.placeOfService, service_date_from: input.serviceDateFrom, service_date_to: to,
      prior_authorization: input.priorAuthorization ?? null, note_text: input.noteText ?? '', institutional: input.institutional ? JSON.stringify(input.institutional) : null,
      status: input.diagnoses.length && input.lines.length ? 'coded' : 'to_code',
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  for (const [i, code] of input.diagnoses.entries()) {
    await tx.insertInto('encounter_diagnosis').values({ tenant_id: tenantId, encounter_id: enc.id, position: i + 1, code: code.replace('.', '').toUpperCase() }).execute();
  }
  for (const [i, l] of input.lines.entries()) {
    await tx.insertInto('service_line').values({
      tenant_id: tenantId, encounter_id: enc.id, line_number: i + 1, procedure_code: l.procedureCode.toUpperCase(), modifiers: (l.modifiers ?? []).map((m) => m.toUpperCase()),
      units: l.units, charge_cents: charges[i], charge_override_reason: l.chargeOverrideReason ?? null, diagnosis_pointers: l.diagnosisPointers,
      service_date: l.serviceDate ?? input.serviceDateFrom, revenue_code: l.revenueCode ?? null,
    }).execute();
  }
  return enc.id;
}
