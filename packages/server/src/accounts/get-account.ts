/**
 * getPatientAccount: what the biller reads out when a patient calls — every charge with its date and a plain
 * description, who it was billed to, what the insurer paid and adjusted and why (in the patient's words), what
 * the patient paid and owes; the account's balance, aging, credit, plan, statements and placement.
 */
import type { AccountLine, PatientAccount } from '@medbill/api';
import { accounts } from '@medbill/core';
import { sql } from 'kysely';
import { recordAuditForPatients } from '../audit/record-audit.ts';
import { withTenant, type Tx } from '../db/open-database.ts';
import { ledgerEntries } from '../ledger/index.ts';
import { safeSum } from '../ledger/read-ledger.ts';
import { accountOfPatient, type AccountRef } from './account-of.ts';
import { creditsOnAccount, openItems } from './open-items.ts';
import { remarksByLine } from './line-remarks.ts';
import { loadPlanStatus } from './plan-status.ts';
import { isoDay, type UseCaseContext } from './use-case-context.ts';

export type DescribeCode = (code: string) => string;

export async function getPatientAccount(
  ctx: UseCaseContext,
  patientId: number,
  describe: DescribeCode = (c) => accounts.describeProcedure(c),
): Promise<PatientAccount> {
  return withTenant(ctx.db, ctx.tenantId, async (tx) => {
    const account = await accountOfPatient(tx, ctx.tenantId, patientId);
    const view = await accountView(tx, ctx, account, describe);
    await recordAuditForPatients(
      tx,
      ctx.auditKey,
      ctx.actor,
      { action: 'read', resourceType: 'patient_account', resourceId: account.accountId, dataCategory: 'account' },
      account.patientIds,
    );
    return view;
  });
}

async function accountView(
  tx: Tx,
  ctx: UseCaseContext,
  account: AccountRef,
  describe: DescribeCode,
): Promise<PatientAccount> {
  const t = ctx.tenantId;
  const asOf = isoDay(ctx.now());
  const patients = await tx
    .selectFrom('patient')
    .select(['id', 'first_name', 'last_name', 'account_number'])
    .where('tenant_id', '=', t)
    .where('id', 'in', account.patientIds)
    .execute();
  const guarantor = account.guarantorId
    ? await tx
        .selectFrom('guarantor')
        .selectAll()
        .where('tenant_id', '=', t)
        .where('id', '=', account.guarantorId)
        .executeTakeFirst()
    : null;
  const lines = await accountLines(tx, t, account.patientIds, describe);
  const items = await openItems(tx, t, account.patientIds);
  const credits = await creditsOnAccount(tx, t, account.patientIds);
  const creditCents = [...credits.values()].reduce((s, c) => s + c, 0);
  const statements = await tx
    .selectFrom('statement')
    .select(['id', 'statement_date', 'due_date', 'amount_due_cents', 'balance_cents', 'dunning_level'])
    .where('tenant_id', '=', t)
    .where('account_id', '=', account.accountId)
    .orderBy('statement_date', 'desc')
    .limit(24)
    .execute();
  const plan = await loadPlanStatus(tx, t, account, asOf);
  const placement = await tx
    .selectFrom('collection_placement as c')
    .innerJoin('collection_agency as a', (j) =>
      j.onRef('a.tenant_id', '=', 'c.tenant_id').onRef('a.id', '=', 'c.agency_id'),
    )
    .select([
      'c.id',
      'c.placed_at',
      'c.placed_balance_cents',
      'c.status',
      'c.agency_status',
      'c.recalled_at',
      'a.name as agency_name',
    ])
    .where('c.tenant_id', '=', t)
    .where('c.account_id', '=', account.accountId)
    .orderBy('c.id', 'desc')
    .executeTakeFirst();
  const refunds = await tx
    .selectFrom('refund_request')
    .selectAll()
    .where('tenant_id', '=', t)
    .where('patient_id', 'in', account.patientIds)
    .orderBy('id', 'desc')
    .limit(20)
    .execute();
  const payments = await accountPayments(tx, t, account.patientIds);
  const patientBalance = items.reduce((s, i) => s + i.balanceCents, 0);
  return {
    accountId: account.accountId,
    guarantor: guarantor
      ? { id: guarantor.id, name: `${guarantor.first_name} ${guarantor.last_name}`, city: guarantor.city }
      : null,
    patients: patients.map((p) => ({
      id: p.id,
      name: `${p.first_name} ${p.last_name}`,
      accountNumber: p.account_number,
    })),
    statementHold: account.statementHold,
    finalNoticeDate: account.finalNoticeDate,
    patientBalanceCents: patientBalance,
    insurancePendingCents:
      items.reduce((s, i) => s + i.insurancePendingCents, 0) +
      lines.filter((l) => !items.some((i) => i.lineId === l.lineId)).reduce((s, l) => s + l.insuranceOwesCents, 0),
    creditCents,
    amountOwedCents: patientBalance - creditCents,
    aging: accounts.ageItems(items, asOf),
    lines,
    statements: statements.map((s) => ({
      id: s.id,
      statementDate: s.statement_date,
      dueDate: s.due_date,
      amountDueCents: s.amount_due_cents,
      balanceCents: s.balance_cents,
      dunningLevel: s.dunning_level,
    })),
    payments,
    plan,
    placement: placement
      ? {
          id: placement.id,
          agency: placement.agency_name,
          placedAt: placement.placed_at,
          placedBalanceCents: placement.placed_balance_cents,
          status: placement.status,
          agencyStatus: placement.agency_status,
          recalledAt: placement.recalled_at,
        }
      : null,
    refunds: refunds.map((r) => ({
      id: r.id,
      patientId: r.patient_id,
      amountCents: r.amount_cents,
      reason: r.reason,
      status: r.status,
      requestedBy: r.requested_by,
    })),
  };
}

/**
 * The account's patient payments, newest first: cash, check, card reference or through a collection agency, each
 * with what was applied to charges and what stayed as credit (reversed payments show with their reversal).
 */
async function accountPayments(tx: Tx, t: number, patientIds: number[]) {
  if (!patientIds.length) return [];
  const { rows } = await sql<{
    id: number;
    date: string;
    memo: string;
    username: string | null;
    patient_id: number;
    received: string;
    on_account: string;
    reference: string | null;
  }>`
    SELECT p.id, p.effective_date::text AS date, p.memo, p.username, p.patient_id,
           sum(CASE WHEN e.account = 'cash' THEN e.amount_cents ELSE 0 END) AS received,
           -sum(CASE WHEN e.account = 'unapplied' THEN e.amount_cents ELSE 0 END) AS on_account,
           min(e.reference) AS reference
      FROM ledger_posting p
      JOIN ledger_entry e ON e.tenant_id = p.tenant_id AND e.posting_id = p.id
     WHERE p.tenant_id = ${t} AND p.kind = 'patient_payment' AND p.patient_id IN (${sql.join(patientIds)})
     GROUP BY p.id, p.effective_date, p.memo, p.username, p.patient_id
     ORDER BY p.effective_date DESC, p.id DESC
     LIMIT 50`.execute(tx);
  return rows.map((r) => {
    const receivedCents = safeSum(r.received);
    const onAccountCents = safeSum(r.on_account);
    const reference = r.reference ?? '';
    return {
      postingId: r.id,
      patientId: r.patient_id,
      date: r.date,
      method: reference.split(' ')[0] ?? '',
      reference: reference.split(' ').slice(1).join(' '),
      amountCents: receivedCents,
      appliedCents: receivedCents - onAccountCents,
      onAccountCents,
      memo: r.memo,
      recordedBy: r.username ?? '',
    };
  });
}

/** Every charged line of these patients with its money, from the ledger entries, in date order. */
async function accountLines(tx: Tx, t: number, patientIds: number[], describe: DescribeCode): Promise<AccountLine[]> {
  const byLine = new Map<number, AccountLine>();
  const entries = (await Promise.all(patientIds.map((p) => ledgerEntries(tx, t, { patientId: p })))).flat();
  const lineIds = [...new Set(entries.flatMap((e) => (e.line ? [e.line.serviceLineId] : [])))];
  const info = lineIds.length
    ? await tx
        .selectFrom('service_line as l')
        .select(['l.id', 'l.procedure_code', 'l.service_date', 'l.charge_cents'])
        .where('l.tenant_id', '=', t)
        .where('l.id', 'in', lineIds)
        .execute()
    : [];
  const claims = await tx
    .selectFrom('claim')
    .select(['id', 'claim_number'])
    .where('tenant_id', '=', t)
    .where('id', 'in', [...new Set(entries.flatMap((e) => (e.line ? [e.line.claimId] : []))), -1])
    .execute();
  const payers = await tx.selectFrom('payer').select(['id', 'name']).where('tenant_id', '=', t).execute();
  const payerName = (id?: number) => payers.find((p) => p.id === id)?.name ?? 'insurer';
  for (const e of entries) {
    const line = e.line;
    if (e.account !== 'ar' || !line) continue;
    const id = line.serviceLineId;
    let l = byLine.get(id);
    if (!l) {
      const i = info.find((x) => x.id === id);
      l = {
        lineId: id,
        claimNumber: claims.find((c) => c.id === line.claimId)?.claim_number ?? '',
        patientId: line.patientId,
        serviceDate: i?.service_date ?? e.effectiveDate,
        code: i?.procedure_code ?? '',
        description: i ? describe(i.procedure_code) : '',
        chargeCents: 0,
        billedTo: [],
        insurancePaidCents: 0,
        adjustments: [],
        patientShare: [],
        patientPaidCents: 0,
        writtenOffCents: 0,
        insuranceOwesCents: 0,
        patientOwesCents: 0,
        remarks: [],
      };
      byLine.set(id, l);
    }
    applyEntry(l, e, payerName);
  }
  const remarks = await remarksByLine(tx, t, [...byLine.keys()]);
  for (const [id, l] of byLine) l.remarks = remarks.get(id) ?? [];
  return [...byLine.values()].sort((a, b) => a.serviceDate.localeCompare(b.serviceDate) || a.lineId - b.lineId);
}

function applyEntry(
  l: AccountLine,
  e: Awaited<ReturnType<typeof ledgerEntries>>[number],
  payerName: (id?: number) => string,
): void {
  const toPatient = e.party?.kind === 'patient';
  if (toPatient) l.patientOwesCents += e.amount;
  else l.insuranceOwesCents += e.amount;
  if (e.kind === 'charge') {
    l.chargeCents += e.amount;
    const who = toPatient ? 'you (self-pay)' : payerName(e.payerId);
    if (!l.billedTo.includes(who)) l.billedTo.push(who);
  } else if (e.kind === 'insurance_payment') l.insurancePaidCents -= e.amount;
  else if (e.kind === 'patient_payment') l.patientPaidCents -= e.amount;
  else if (e.kind === 'write_off') l.writtenOffCents -= e.amount;
  else if (e.kind === 'adjustment')
    l.adjustments.push({
      group: e.group ?? 'OA',
      reason: e.reason ?? '',
      amountCents: -e.amount,
      explanation: accounts.explainAdjustment(e.group, e.reason),
    });
  else if (e.kind === 'transfer' && toPatient && e.amount > 0)
    l.patientShare.push({
      reason: e.reason ?? '',
      amountCents: e.amount,
      explanation: accounts.explainAdjustment(e.group ?? 'PR', e.reason),
    });
  else if (e.kind === 'transfer' && !toPatient && e.amount > 0) {
    const who = payerName(e.payerId);
    if (!l.billedTo.includes(who)) l.billedTo.push(who);
  }
}
