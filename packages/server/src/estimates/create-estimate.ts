/**
 * createEstimate: for a planned visit (codes, units, date), what insurance is likely to pay and what the patient
 * is likely to owe — charges from the practice's fee schedule, allowed amounts from the payer's contract in
 * effect on the date (else its past remittances), benefits from the newest 271 on file — or, for an uninsured or self-pay patient, a Good Faith
 * Estimate of the expected charges (No Surprises Act). Stored, so it prints again and can be compared with the
 * bill; one audit row naming the patient.
 */
import { accounts } from '@medbill/core';
import type { EstimateView } from '@medbill/api';
import type { Actor } from '../actor.ts';
import { AppError, invalid, notFound } from '../app-error.ts';
import { recordAudit } from '../audit/record-audit.ts';
import { feeFor } from '../coding/create-encounter.ts';
import { withTenant, type Tx } from '../db/open-database.ts';
import type { Deps } from '../deps.ts';
import { describerFor } from '../accounts/describe-codes.ts';
import { type AllowedFrom, allowedAmounts } from './allowed-amounts.ts';
import { estimateView, latestBenefits } from './estimate-view.ts';

export interface EstimateInput {
  patientId: number;
  /** YYYY-MM-DD; default today */
  serviceDate?: string;
  lines: Array<{ code: string; modifiers?: string[]; units?: number }>;
  /** the patient pays themself (a Good Faith Estimate even when a coverage is on file) */
  selfPay?: boolean;
  coverageId?: number;
  practiceId?: number;
  providerId?: number;
  diagnosisCodes?: string[];
  /** the planned visit in words, printed on the Good Faith Estimate */
  description?: string;
}

const ICD10CM = /^[A-Z][0-9][0-9A-Z][0-9A-Z]{0,4}$/;

export type EstimateDeps = Pick<Deps, 'db' | 'auditKey' | 'codes'> & { claims: Pick<Deps['claims'], 'now'> };

export async function createEstimate(deps: EstimateDeps, actor: Actor, input: EstimateInput): Promise<EstimateView> {
  if (!input.lines.length) throw invalid('lines', 'name at least one service to estimate');
  const diagnoses = (input.diagnosisCodes ?? []).map((c) => c.trim().toUpperCase().replace('.', ''));
  for (const [i, code] of diagnoses.entries())
    if (!ICD10CM.test(code)) throw invalid(`diagnosisCodes[${i}]`, `${code} is not an ICD-10-CM code`);
  const t = actor.tenantId;
  const now = deps.claims.now();
  const date = input.serviceDate ?? now.toISOString().slice(0, 10);
  return withTenant(deps.db, t, async (tx) => {
    const patient = await tx
      .selectFrom('patient')
      .select(['id'])
      .where('tenant_id', '=', t)
      .where('id', '=', input.patientId)
      .executeTakeFirst();
    if (!patient) throw notFound('Patient');
    const practiceId = await practiceOf(tx, t, input);
    const coverage = input.selfPay ? undefined : await coverageFor(tx, t, input, date);
    if (input.providerId) {
      const provider = await tx
        .selectFrom('provider')
        .select('id')
        .where('tenant_id', '=', t)
        .where('id', '=', input.providerId)
        .executeTakeFirst();
      if (!provider) throw invalid('providerId', 'no such provider', 'no-such-record');
    }
    const goodFaith = !coverage;
    const check = coverage ? await latestBenefits(tx, t, coverage.id) : null;
    const allowedFor = coverage ? await allowedAmounts(tx, t, coverage.payer_id, date) : () => null;
    const lines: accounts.EstimateLineInput[] = [];
    const sources: Array<AllowedFrom | 'charge'> = [];
    for (const [i, l] of input.lines.entries()) {
      const code = l.code.trim().toUpperCase();
      const units = l.units ?? 1;
      const modifiers = (l.modifiers ?? []).map((m) => m.trim().toUpperCase());
      const fee = await feeFor(tx, t, practiceId, code, modifiers, date);
      if (fee === null)
        throw invalid(`lines[${i}].code`, `${code} has no fee in the practice's fee schedule on ${date}`);
      const allowed = allowedFor({ code, modifiers, units, chargeCents: fee * units });
      sources.push(allowed?.from ?? 'charge');
      lines.push({
        code,
        ...(modifiers.length ? { modifiers } : {}),
        units,
        chargeCents: fee * units,
        ...(allowed ? { allowedCents: allowed.cents } : {}),
      });
    }
    const figured = goodFaith ? selfPayEstimate(lines) : accounts.estimateVisit(lines, check?.benefits ?? null);
    if (!goodFaith) {
      figured.lines = figured.lines.map((l, i) => ({ ...l, allowedFrom: sources[i] }));
      figured.notes.push(
        ...allowedNotes(
          lines.map((l) => l.code),
          sources,
          date,
        ),
      );
    }
    const row = await tx
      .insertInto('patient_estimate')
      .values({
        tenant_id: t,
        patient_id: input.patientId,
        practice_id: practiceId,
        provider_id: input.providerId ?? null,
        coverage_id: coverage?.id ?? null,
        eligibility_check_id: check?.id ?? null,
        service_date: date,
        good_faith: goodFaith,
        diagnosis_codes: diagnoses,
        description: input.description ?? '',
        estimate: JSON.stringify(figured),
        charge_cents: figured.chargeCents,
        patient_owes_cents: figured.patientOwesCents,
        created_by: actor.username ?? 'system',
        created_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await recordAudit(tx, deps.auditKey, actor, {
      action: 'create',
      resourceType: 'patient_estimate',
      resourceId: row.id,
      dataCategory: 'account',
      patientId: input.patientId,
      details: { goodFaith, serviceDate: date, patientOwesCents: figured.patientOwesCents },
    });
    return estimateView(tx, t, row.id, describerFor(deps));
  });
}

/** Where each allowed amount came from, in words (charge-only codes are named by estimateVisit's own note). */
function allowedNotes(codes: string[], sources: Array<AllowedFrom | 'charge'>, date: string): string[] {
  const of = (from: AllowedFrom) => [...new Set(codes.filter((_, i) => sources[i] === from))];
  const notes: string[] = [];
  const contract = of('contract');
  const remittance = of('remittance');
  if (contract.length)
    notes.push(`Allowed amounts from the payer's contract in effect on ${date}: ${contract.join(', ')}.`);
  if (remittance.length)
    notes.push(
      `Allowed amounts from what this payer allowed for the same code on its latest remittance: ${remittance.join(', ')}.`,
    );
  return notes;
}

/** Uninsured or self-pay: the expected charges, all the patient's (the Good Faith Estimate's figures). */
export function selfPayEstimate(lines: accounts.EstimateLineInput[]): accounts.Estimate {
  const e = accounts.estimateVisit(lines, null);
  e.notes = ['Uninsured or self-pay: these are the expected charges for the items and services listed.'];
  return e;
}

async function practiceOf(tx: Tx, t: number, input: EstimateInput): Promise<number> {
  const q = tx.selectFrom('practice').select('id').where('tenant_id', '=', t);
  const row = await (input.practiceId ? q.where('id', '=', input.practiceId) : q.orderBy('id')).executeTakeFirst();
  if (!row)
    throw input.practiceId
      ? invalid('practiceId', 'no such practice', 'no-such-record')
      : new AppError('conflict', 'No practice is registered yet');
  return row.id;
}

async function coverageFor(tx: Tx, t: number, input: EstimateInput, date: string) {
  let q = tx
    .selectFrom('coverage')
    .select(['id', 'payer_id'])
    .where('tenant_id', '=', t)
    .where('patient_id', '=', input.patientId);
  if (input.coverageId) {
    const c = await q.where('id', '=', input.coverageId).executeTakeFirst();
    if (!c) throw invalid('coverageId', "is not one of this patient's coverages", 'no-such-record');
    return c;
  }
  q = q
    .where('effective_date', '<=', date)
    .where((eb) => eb.or([eb('end_date', 'is', null), eb('end_date', '>=', date)]))
    .orderBy('coverage_order');
  return q.executeTakeFirst();
}
