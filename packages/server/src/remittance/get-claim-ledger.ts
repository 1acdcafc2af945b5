/**
 * A claim with its money: its lines (each with its balance), every ledger entry, the totals (charge, paid,
 * adjustments by group, patient responsibility, balance) and the payer's payments (ERAs) — what
 * `medbill claims show` and the claim page's payment history read. Found by the number people see or the id.
 */
import { serviceLineLabel } from '@medbill/core';
import type { LedgerTotals } from '@medbill/core/ledger';
import { sql } from 'kysely';
import type { UseCaseContext } from '../accounts/use-case-context.ts';
import { recordAudit } from '../audit/record-audit.ts';
import { withTenant, type Tx } from '../db/open-database.ts';
import { notFound } from '../http/errors.ts';
import { ledgerEntries, ledgerTotals, lineBalanceBook, type LedgerLine } from '../ledger/read-ledger.ts';
import {
  describeFallback,
  remittanceClaimView,
  wordsFor,
  type DescribeRemark,
  type RemittanceClaimView,
} from './get-remittance.ts';

/** A ledger entry with its adjustment reason (CARC) in words and, from an 835, its line's remarks (RARC). */
export type ClaimLedgerEntry = LedgerLine & {
  reasonText: string | null;
  remarks: Array<{ code: string; text: string }>;
};

export interface ClaimLedger {
  claim: {
    id: number;
    claimNumber: string;
    state: string;
    kind: string;
    frequencyCode: string;
    payerId: number;
    payerName: string;
    payerClaimNumber: string | null;
    patientId: number;
    patientName: string;
    serviceDate: string;
    totalChargeCents: number;
  };
  lines: Array<{
    id: number;
    lineNumber: number;
    /** the procedure (HCPCS/CPT); empty on an institutional line billed by revenue code alone */
    code: string;
    modifiers: string[];
    /** the UB-04 revenue code on an institutional line */
    revenueCode: string | null;
    /** the line as people read it: "99213-25", or on an institutional claim "0450 / 99284" or "0250" */
    label: string;
    units: number;
    chargeCents: number;
    date: string;
    balanceCents: number;
  }>;
  entries: ClaimLedgerEntry[];
  totals: LedgerTotals;
  /**
   * patient responsibility (PR) this payer's 835s moved on to the next payer rather than the patient, by the claim
   * it went to (the secondary claim, or this claim on a crossover): why `totals.patientResponsibility` can be 0
   * while an ERA says "patient responsibility …"
   */
  forwarded: Array<{ claimId: number; claimNumber: string; payerId: number; payerName: string; amountCents: number }>;
  /** each 835 claim payment on the claim, as the payer adjudicated it (lines, adjustments and remarks in words) */
  payments: Array<
    RemittanceClaimView & {
      remittanceId: number;
      traceNumber: string;
      paymentDate: string | null;
      payerName: string;
    }
  >;
}

/** The claim a person named: its number (as on the claim list and the CMS-1500) or its id; a number is an id. */
export async function findClaimId(tx: Tx, tenantId: number, ref: string | number): Promise<number> {
  const text = String(ref).trim();
  const byNumber =
    typeof ref === 'number'
      ? undefined
      : await tx
          .selectFrom('claim')
          .select('id')
          .where('tenant_id', '=', tenantId)
          .where('claim_number', '=', text)
          .executeTakeFirst();
  if (byNumber) return byNumber.id;
  if (/^\d{1,15}$/.test(text)) {
    const byId = await tx
      .selectFrom('claim')
      .select('id')
      .where('tenant_id', '=', tenantId)
      .where('id', '=', Number(text))
      .executeTakeFirst();
    if (byId) return byId.id;
  }
  throw notFound(`Claim ${text}`);
}

export async function getClaimLedger(
  ctx: UseCaseContext,
  ref: string | number,
  describe: DescribeRemark = describeFallback,
): Promise<ClaimLedger> {
  const words = wordsFor(describe);
  return withTenant(ctx.db, ctx.tenantId, async (tx) => {
    const id = await findClaimId(tx, ctx.tenantId, ref);
    const c = await tx
      .selectFrom('claim as c')
      .innerJoin('encounter as e', (j) =>
        j.onRef('e.tenant_id', '=', 'c.tenant_id').onRef('e.id', '=', 'c.encounter_id'),
      )
      .innerJoin('patient as p', (j) => j.onRef('p.tenant_id', '=', 'e.tenant_id').onRef('p.id', '=', 'e.patient_id'))
      .innerJoin('payer as y', (j) => j.onRef('y.tenant_id', '=', 'c.tenant_id').onRef('y.id', '=', 'c.payer_id'))
      .select([
        'c.id',
        'c.claim_number',
        'c.state',
        'c.kind',
        'c.frequency_code',
        'c.payer_id',
        'y.name as payer_name',
        'c.payer_claim_number',
        'c.encounter_id',
        'e.patient_id',
        'p.first_name',
        'p.last_name',
        'e.service_date_from',
        'c.total_charge_cents',
      ])
      .where('c.tenant_id', '=', ctx.tenantId)
      .where('c.id', '=', id)
      .executeTakeFirstOrThrow();
    const lines = await tx
      .selectFrom('service_line')
      .selectAll()
      .where('tenant_id', '=', ctx.tenantId)
      .where('encounter_id', '=', c.encounter_id)
      .orderBy('line_number')
      .execute();
    const entries = await ledgerEntries(tx, ctx.tenantId, { claimId: id });
    const totals = await ledgerTotals(tx, ctx.tenantId, { claimId: id });
    const book = await lineBalanceBook(
      tx,
      ctx.tenantId,
      lines.map((l) => l.id),
    );
    const moved = await tx
      .selectFrom('ledger_entry as e')
      .innerJoin('claim as k', (j) => j.onRef('k.tenant_id', '=', 'e.tenant_id').onRef('k.id', '=', 'e.claim_id'))
      .innerJoin('payer as y', (j) => j.onRef('y.tenant_id', '=', 'e.tenant_id').onRef('y.id', '=', 'e.payer_id'))
      .select(['e.claim_id', 'k.claim_number', 'e.payer_id', 'y.name'])
      .select(sql<string>`sum(e.amount_cents)`.as('amount'))
      .where('e.tenant_id', '=', ctx.tenantId)
      .where('e.account', '=', 'ar')
      .where('e.kind', '=', 'transfer')
      .where('e.adjustment_group', '=', 'PR')
      .where('e.responsibility', '=', 'payer')
      .where((eb) => eb.or([eb('e.claim_id', '<>', id), eb('e.payer_id', '<>', c.payer_id)]))
      .where('e.posting_id', 'in', (eb) =>
        eb
          .selectFrom('ledger_entry as f')
          .select('f.posting_id')
          .where('f.tenant_id', '=', ctx.tenantId)
          .where('f.claim_id', '=', id)
          .where('f.kind', '=', 'transfer')
          .where('f.adjustment_group', '=', 'PR'),
      )
      .groupBy(['e.claim_id', 'k.claim_number', 'e.payer_id', 'y.name'])
      .orderBy('e.claim_id')
      .orderBy('e.payer_id')
      .execute();
    const forwarded = moved
      .map((m) => ({
        claimId: Number(m.claim_id),
        claimNumber: m.claim_number,
        payerId: Number(m.payer_id),
        payerName: m.name,
        amountCents: Number(m.amount),
      }))
      .filter((m) => m.amountCents !== 0);
    const payments = await tx
      .selectFrom('remittance_claim as rc')
      .innerJoin('remittance as r', (j) =>
        j.onRef('r.tenant_id', '=', 'rc.tenant_id').onRef('r.id', '=', 'rc.remittance_id'),
      )
      .selectAll('rc')
      .select(['r.trace_number', 'r.payment_date', 'r.payer_name'])
      .where('rc.tenant_id', '=', ctx.tenantId)
      .where('rc.claim_id', '=', id)
      .orderBy('r.id')
      .orderBy('rc.clp_index')
      .execute();
    const paid = payments.map((p) => ({
      remittanceId: p.remittance_id,
      traceNumber: p.trace_number,
      paymentDate: p.payment_date,
      payerName: p.payer_name,
      ...remittanceClaimView(
        { ...p, claim_number: c.claim_number, first_name: c.first_name, last_name: c.last_name },
        words,
      ),
    }));
    await recordAudit(
      tx,
      ctx.auditKey,
      ctx.actor,
      {
        action: 'read',
        resourceType: 'claim',
        resourceId: id,
        patientId: c.patient_id,
        dataCategory: 'claim',
        details: { ledger: true },
      },
      ctx.now(),
    );
    return {
      claim: {
        id: c.id,
        claimNumber: c.claim_number,
        state: c.state,
        kind: c.kind,
        frequencyCode: c.frequency_code,
        payerId: c.payer_id,
        payerName: c.payer_name,
        payerClaimNumber: c.payer_claim_number,
        patientId: c.patient_id,
        patientName: `${c.last_name}, ${c.first_name}`,
        serviceDate: c.service_date_from,
        totalChargeCents: c.total_charge_cents,
      },
      lines: lines.map((l) => ({
        id: l.id,
        lineNumber: l.line_number,
        code: l.procedure_code,
        modifiers: l.modifiers,
        revenueCode: l.revenue_code,
        label: serviceLineLabel({
          revenueCode: l.revenue_code,
          procedureCode: l.procedure_code,
          modifiers: l.modifiers,
        }),
        units: l.units,
        chargeCents: l.charge_cents,
        date: l.service_date,
        balanceCents: book.balance(l.id),
      })),
      entries: entries.map((e) => ({
        ...e,
        reasonText: e.group && e.reason ? words('carc', e.reason) : null,
        remarks:
          (e.remittanceId !== null &&
            e.group &&
            e.line &&
            paid
              .find((p) => p.remittanceId === e.remittanceId && p.lines.some((l) => l.lineId === e.line?.serviceLineId))
              ?.lines.find((l) => l.lineId === e.line?.serviceLineId)?.remarks) ||
          [],
      })),
      totals,
      forwarded,
      payments: paid,
    };
  });
}
