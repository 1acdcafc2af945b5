/**
 * Stored payer adjudications (`claim_adjudication` + lines): what a payer decided on one of our claims,
 * from a posted 835 or a paper EOB. `recordPayerAdjudication` checks the balancing rules and stores it;
 * `currentAdjudications` reads the standing ones (not reversed) for many claims at once.
 */
import { issueAt, type ApiIssueCode } from '@medbill/api';
import {
  adjudicationProblems,
  type AdjudicationIssueCode,
  isCrossover,
  type CasAdjustment,
  type LinePayerAdjudication,
  type PayerAdjudication,
} from '@medbill/core';
import type { Tx } from '../db/open-database.ts';
import { AppError, notFound } from '../app-error.ts';
import type { Who } from '../actor.ts';

/** The API's kind of each adjudication problem (its own code stays as the issue's rule id). */
const API_CODE: Partial<Record<AdjudicationIssueCode, ApiIssueCode>> = {
  'unknown-status': 'not-allowed-value',
  'invalid-date': 'invalid-format',
  'invalid-payer-claim-number': 'invalid-format',
  'not-a-claim-line': 'no-such-record',
  'line-listed-twice': 'duplicate',
  'negative-amount': 'too-small',
  'invalid-adjustment-group': 'not-allowed-value',
  'invalid-adjustment-reason': 'invalid-format',
};

export interface RecordAdjudicationOptions {
  actor: Who;
  /** the 835 it came from, when it did */
  ediFileId?: number | null;
}

/**
 * Checks and stores one adjudication of claim `claimId`; any earlier standing adjudication of the claim is
 * marked reversed (the newest one is what a secondary claim reports). Crossover is set from CLP02 19–21 or a
 * crossover remark even when the caller did not say so. Returns the new adjudication's id.
 */
export async function recordPayerAdjudication(
  tx: Tx,
  tenantId: number,
  claimId: number,
  adj: PayerAdjudication,
  opts: RecordAdjudicationOptions,
): Promise<number> {
  const claim = await tx
    .selectFrom('claim')
    .select(['id', 'encounter_id', 'claim_number'])
    .where('tenant_id', '=', tenantId)
    .where('id', '=', claimId)
    .forUpdate()
    .executeTakeFirst();
  if (!claim) throw notFound('Claim');
  const lines = await tx
    .selectFrom('service_line')
    .select(['line_number', 'charge_cents'])
    .where('tenant_id', '=', tenantId)
    .where('encounter_id', '=', claim.encounter_id)
    .execute();
  const problems = adjudicationProblems(
    adj,
    lines.map((l) => ({ lineNumber: l.line_number, chargeCents: l.charge_cents })),
  );
  if (problems.length)
    throw new AppError(
      'validation',
      `The adjudication of claim ${claim.claim_number} cannot be stored: ${problems.map((p) => p.message).join('; ')}`,
      problems.map((p) => ({ ...issueAt(p.location.field, API_CODE[p.code] ?? 'invalid', p.message), ruleId: p.code })),
    );
  await tx
    .updateTable('claim_adjudication')
    .set({ reversed_at: new Date() })
    .where('tenant_id', '=', tenantId)
    .where('claim_id', '=', claimId)
    .where('reversed_at', 'is', null)
    .execute();
  const row = await tx
    .insertInto('claim_adjudication')
    .values({
      tenant_id: tenantId,
      claim_id: claimId,
      source: adj.source,
      edi_file_id: opts.ediFileId ?? null,
      payer_claim_number: adj.payerClaimNumber,
      status_code: adj.statusCode,
      adjudication_date: adj.adjudicationDate,
      charge_cents: adj.chargeCents,
      paid_cents: adj.paidCents,
      patient_responsibility_cents: adj.patientResponsibilityCents,
      adjustments: JSON.stringify(adj.adjustments),
      remarks: JSON.stringify(adj.remarks),
      crossover: adj.crossover || isCrossover(adj.statusCode, adj.remarks),
      crossover_payer_name: adj.crossoverPayerName ?? null,
      entered_by: opts.actor.username,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  if (adj.lines.length)
    await tx
      .insertInto('claim_adjudication_line')
      .values(
        adj.lines.map((l, i) => ({
          tenant_id: tenantId,
          adjudication_id: row.id,
          position: i + 1,
          line_number: l.lineNumber,
          procedure_code: l.procedureCode,
          modifiers: l.modifiers,
          revenue_code: l.revenueCode ?? null,
          charge_cents: l.chargeCents,
          paid_cents: l.paidCents,
          paid_units: l.paidUnits,
          allowed_cents: l.allowedCents ?? null,
          adjustments: JSON.stringify(l.adjustments),
          remarks: JSON.stringify(l.remarks),
        })),
      )
      .execute();
  if (adj.payerClaimNumber)
    await tx
      .updateTable('claim')
      .set({ payer_claim_number: adj.payerClaimNumber, updated_at: new Date() })
      .where('tenant_id', '=', tenantId)
      .where('id', '=', claimId)
      .where('payer_claim_number', 'is', null)
      .execute();
  return row.id;
}

export interface StoredAdjudication extends PayerAdjudication {
  id: number;
  claimId: number;
}

/** The standing (not reversed) adjudication of each claim that has one, by claim id. */
export async function currentAdjudications(
  tx: Tx,
  tenantId: number,
  claimIds: number[],
): Promise<Map<number, StoredAdjudication>> {
  if (!claimIds.length) return new Map();
  const rows = await tx
    .selectFrom('claim_adjudication')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('claim_id', 'in', claimIds)
    .where('reversed_at', 'is', null)
    .orderBy('id')
    .execute();
  const lines = rows.length
    ? await tx
        .selectFrom('claim_adjudication_line')
        .selectAll()
        .where('tenant_id', '=', tenantId)
        .where(
          'adjudication_id',
          'in',
          rows.map((r) => r.id),
        )
        .orderBy('adjudication_id')
        .orderBy('position')
        .execute()
    : [];
  const out = new Map<number, StoredAdjudication>();
  for (const r of rows)
    out.set(r.claim_id, {
      id: r.id,
      claimId: r.claim_id,
      source: r.source as PayerAdjudication['source'],
      payerClaimNumber: r.payer_claim_number,
      statusCode: r.status_code,
      adjudicationDate: r.adjudication_date,
      chargeCents: r.charge_cents,
      paidCents: r.paid_cents,
      patientResponsibilityCents: r.patient_responsibility_cents,
      adjustments: r.adjustments as CasAdjustment[],
      remarks: r.remarks,
      crossover: r.crossover,
      crossoverPayerName: r.crossover_payer_name,
      lines: lines
        .filter((l) => l.adjudication_id === r.id)
        .map(
          (l): LinePayerAdjudication => ({
            lineNumber: l.line_number,
            procedureCode: l.procedure_code,
            modifiers: l.modifiers,
            revenueCode: l.revenue_code,
            chargeCents: l.charge_cents,
            paidCents: l.paid_cents,
            paidUnits: Number(l.paid_units),
            allowedCents: l.allowed_cents,
            adjustments: l.adjustments as CasAdjustment[],
            remarks: l.remarks,
          }),
        ),
    });
  return out;
}
