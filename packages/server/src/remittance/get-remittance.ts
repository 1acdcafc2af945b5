/**
 * An ERA's posting view: each claim and line as the payer adjudicated it — billed, allowed, paid, each
 * adjustment with its CARC in words and how it was posted, remarks (RARC) in words, patient responsibility —
 * the provider-level adjustments, and what could not be placed. Reading it is audited (it names patients).
 */
import {
  CARC_SHORT,
  carcCategory,
  DENIAL_CAUSE_LABELS,
  type HoldReason,
  type LineDetail,
} from '@medbill/core/remittance';
import { VOID_SETTLED_STATES } from '@medbill/core';
import type { ClaimSuggestion } from '@medbill/api';
import type { UseCaseContext } from '../accounts/use-case-context.ts';
import { recordClaimsAudit } from '../claims/claims-audit.ts';
import { withTenant } from '../db/open-database.ts';
import { notFound } from '../http/errors.ts';
import type { RemittanceRow } from './list-remittances.ts';
import type { Selectable } from 'kysely';
import type { RemittanceClaimTable } from '../db/schema-remit.ts';

/** Words for a CARC or RARC: the imported list's text, else our short words, else the code. */
export type DescribeRemark = (kind: 'carc' | 'rarc', code: string) => string | undefined;

export const describeFallback: DescribeRemark = (kind, code) => (kind === 'carc' ? CARC_SHORT[code] : undefined);

export interface PostedAdjustment {
  group: string;
  reason: string;
  text: string;
  amountCents: number;
  posted: string;
  /** the worklist cause when it is a denial */
  cause: string | null;
}

export interface RemittanceClaimView {
  clpIndex: number;
  claimId: number | null;
  claimNumber: string | null;
  patientName: string | null;
  patientControlNumber: string;
  payerClaimNumber: string;
  statusCode: string;
  outcome: string;
  matchedBy: string | null;
  chargeCents: number;
  allowedCents: number | null;
  paidCents: number;
  patientResponsibilityCents: number;
  interestCents: number;
  summary: string;
  adjustments: PostedAdjustment[];
  remarks: Array<{ code: string; text: string }>;
  appliedDifference: Array<{
    lineId: number;
    lineNumber: number | null;
    procedure: string | null;
    amountCents: number;
  }>;
  lines: Array<{
    lineId: number | null;
    procedure: string;
    submittedProcedure: string | null;
    billedCents: number;
    allowedCents: number | null;
    paidCents: number;
    matchedBy: string | null;
    adjustments: PostedAdjustment[];
    remarks: Array<{ code: string; text: string }>;
  }>;
}

export interface RemittanceView extends Omit<RemittanceRow, 'unmatched' | 'denied'> {
  payeeName: string;
  providerAdjustments: Array<{ reason: string; reference: string | null; amountCents: number }>;
  unmatched: Array<{
    id: number;
    kind: string;
    amountCents: number;
    description: string;
    status: string;
    suggestions: ClaimSuggestion[];
  }>;
  claims: RemittanceClaimView[];
  holdReasons: HoldReason[];
  /** voids (frequency 8) this ERA settled: it reversed their claims and the balance went where each void said */
  voidsSettled: Array<{
    voidClaimId: number;
    voidClaimNumber: string;
    originalClaimId: number;
    originalClaimNumber: string;
    state: string;
    description: string;
  }>;
}

type Detail = {
  lines: LineDetail[];
  claimAdjustments: LineDetail['adjustments'];
  remarks: string[];
  interestCents?: number;
  summary?: string;
  /** what a person applied of the claim's difference (lineNumber and procedure since they are kept with it) */
  appliedDifference?: Array<{ lineId: number; lineNumber?: number; procedure?: string; amountCents: number }>;
};

/** The words of a posted adjustment: its CARC text and, for a denial, the worklist's cause. */
function adjustmentView(a: LineDetail['adjustments'][number], words: (kind: 'carc' | 'rarc', code: string) => string) {
  const c = carcCategory(a.reason);
  return {
    group: a.group,
    reason: a.reason,
    text: words('carc', a.reason),
    amountCents: a.amountCents,
    posted: a.posted,
    cause: c.cause ? DENIAL_CAUSE_LABELS[c.cause] : null,
  };
}

/** A stored remittance_claim row (with its claim's number and patient) as the payer adjudicated it, in words. */
export function remittanceClaimView(
  x: Selectable<RemittanceClaimTable> & {
    claim_number: string | null;
    first_name: string | null;
    last_name: string | null;
  },
  words: (kind: 'carc' | 'rarc', code: string) => string,
): RemittanceClaimView {
  const adj = (a: LineDetail['adjustments'][number]) => adjustmentView(a, words);
  const remarks = (codes: string[]) => codes.map((code) => ({ code, text: words('rarc', code) }));
  const d = x.detail as Detail;
  const allowed = d.lines.reduce<number | null>(
    (t, l) => (l.allowedCents === null || t === null ? null : t + l.allowedCents),
    d.lines.length ? 0 : null,
  );
  return {
    clpIndex: x.clp_index,
    claimId: x.claim_id,
    claimNumber: x.claim_number,
    patientName: x.last_name ? `${x.last_name}, ${x.first_name}` : null,
    patientControlNumber: x.patient_control_number,
    payerClaimNumber: x.payer_claim_number,
    statusCode: x.status_code,
    outcome: x.outcome,
    matchedBy: x.matched_by,
    chargeCents: x.charge_cents,
    allowedCents: allowed,
    paidCents: x.paid_cents,
    patientResponsibilityCents: x.patient_responsibility_cents,
    interestCents: d.interestCents ?? 0,
    summary: d.summary ?? '',
    adjustments: d.claimAdjustments.map(adj),
    remarks: remarks(d.remarks),
    appliedDifference: (d.appliedDifference ?? []).map((a) => ({
      lineId: a.lineId,
      lineNumber: a.lineNumber ?? null,
      procedure: a.procedure ?? null,
      amountCents: a.amountCents,
    })),
    lines: d.lines.map((l) => ({
      lineId: l.lineId,
      procedure: l.procedure,
      submittedProcedure: l.submittedProcedure ?? null,
      billedCents: l.billedCents,
      allowedCents: l.allowedCents,
      paidCents: l.paidCents,
      matchedBy: l.matchedBy,
      adjustments: l.adjustments.map(adj),
      remarks: remarks(l.remarks),
    })),
  };
}

/** A code in words, whatever the code sets loaded: the imported list, else our short words, else the code. */
export const wordsFor =
  (describe: DescribeRemark = describeFallback) =>
  (kind: 'carc' | 'rarc', code: string): string =>
    describe(kind, code) ?? describeFallback(kind, code) ?? code;

export async function getRemittance(
  ctx: UseCaseContext,
  id: number,
  describe: DescribeRemark = describeFallback,
): Promise<RemittanceView> {
  const words = wordsFor(describe);
  return withTenant(ctx.db, ctx.tenantId, async (tx) => {
    const r = await tx
      .selectFrom('remittance as r')
      .innerJoin('edi_file as f', (j) => j.onRef('f.tenant_id', '=', 'r.tenant_id').onRef('f.id', '=', 'r.edi_file_id'))
      .selectAll('r')
      .select('f.file_name')
      .where('r.tenant_id', '=', ctx.tenantId)
      .where('r.id', '=', id)
      .executeTakeFirst();
    if (!r) throw notFound('Remittance');
    const rows = await tx
      .selectFrom('remittance_claim as rc')
      .leftJoin('claim as c', (j) => j.onRef('c.tenant_id', '=', 'rc.tenant_id').onRef('c.id', '=', 'rc.claim_id'))
      .leftJoin('encounter as e', (j) =>
        j.onRef('e.tenant_id', '=', 'c.tenant_id').onRef('e.id', '=', 'c.encounter_id'),
      )
      .leftJoin('patient as p', (j) => j.onRef('p.tenant_id', '=', 'e.tenant_id').onRef('p.id', '=', 'e.patient_id'))
      .selectAll('rc')
      .select(['c.claim_number', 'p.first_name', 'p.last_name'])
      .where('rc.tenant_id', '=', ctx.tenantId)
      .where('rc.remittance_id', '=', id)
      .orderBy('rc.clp_index')
      .execute();
    const plb = await tx
      .selectFrom('ledger_entry as e')
      .innerJoin('ledger_posting as p', (j) =>
        j.onRef('p.tenant_id', '=', 'e.tenant_id').onRef('p.id', '=', 'e.posting_id'),
      )
      .select(['e.reason_code', 'e.reference', 'e.amount_cents'])
      .where('e.tenant_id', '=', ctx.tenantId)
      .where('p.remittance_id', '=', id)
      .where('e.kind', '=', 'provider_adjustment')
      .where('e.account', '<>', 'cash')
      .orderBy('e.id')
      .execute();
    const unmatched = await tx
      .selectFrom('remittance_unmatched')
      .selectAll()
      .where('tenant_id', '=', ctx.tenantId)
      .where('remittance_id', '=', id)
      .orderBy('id')
      .execute();
    const claimIds = rows.map((x) => x.claim_id).filter((x): x is number => x !== null);
    // the voids whose claims this ERA reversed, settled in its posting (the void's own event names the file)
    const voids = claimIds.length
      ? await tx
          .selectFrom('claim as v')
          .innerJoin('claim as o', (j) =>
            j.onRef('o.tenant_id', '=', 'v.tenant_id').onRef('o.id', '=', 'v.replaces_claim_id'),
          )
          .innerJoin('claim_event as ev', (j) =>
            j.onRef('ev.tenant_id', '=', 'v.tenant_id').onRef('ev.claim_id', '=', 'v.id'),
          )
          .select([
            'v.id as void_id',
            'v.claim_number as void_number',
            'o.id as orig_id',
            'o.claim_number as orig_number',
            'ev.to_state',
            'ev.reason',
          ])
          .where('v.tenant_id', '=', ctx.tenantId)
          .where('v.frequency_code', '=', '8')
          .where('v.replaces_claim_id', 'in', claimIds)
          .where('ev.cause', '=', 'remittance')
          .where('ev.file_id', '=', r.edi_file_id)
          .where('ev.to_state', 'in', [...VOID_SETTLED_STATES])
          .orderBy('ev.id')
          .execute()
      : [];
    await recordClaimsAudit(
      tx,
      ctx.auditKey,
      ctx.actor,
      {
        action: 'read',
        resourceType: 'remittance',
        resourceId: id,
        dataCategory: 'claim',
        details: { remittanceId: id },
      },
      claimIds,
    );
    return {
      id: r.id,
      fileId: r.edi_file_id,
      fileName: r.file_name,
      payerName: r.payer_name,
      payerId: r.payer_id,
      payeeName: r.payee_name,
      traceNumber: r.trace_number,
      paymentMethod: r.payment_method,
      paymentCents: r.payment_cents,
      paymentDate: r.payment_date,
      claimCount: r.claim_count,
      status: r.status,
      holdReasons: r.hold_reasons as HoldReason[],
      postedAt: r.posted_at ? new Date(r.posted_at).toISOString() : null,
      postedBy: r.posted_by,
      releaseReason: r.release_reason,
      receivedAt: new Date(r.created_at).toISOString(),
      providerAdjustments: plb.map((p) => ({
        reason: p.reason_code ?? '',
        reference: p.reference,
        amountCents: p.amount_cents,
      })),
      unmatched: unmatched.map((u) => ({
        id: u.id,
        kind: u.kind,
        amountCents: u.amount_cents,
        description: u.description,
        status: u.status,
        suggestions: u.suggestions as ClaimSuggestion[],
      })),
      claims: rows.map((x) => remittanceClaimView(x, words)),
      voidsSettled: voids.map((v) => ({
        voidClaimId: v.void_id,
        voidClaimNumber: v.void_number,
        originalClaimId: v.orig_id,
        originalClaimNumber: v.orig_number,
        state: v.to_state,
        description: v.reason,
      })),
    };
  });
}
