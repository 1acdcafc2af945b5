/**
 * Collections: the worklist (accounts past the rules, with their contacts), the final notice before placement,
 * placement with an agency (the agency's CSV, layout in docs/accounts-files.md), recall, and the import of the
 * agency's payment and status report (payments posted to the ledger, the agency's fee recorded apart).
 */
import crypto from 'node:crypto';
import { accounts } from '@medbill/core';
import { patientPaymentPosting } from '@medbill/core/ledger';
import { splitCsvLine } from '@medbill/codes';
import { sql } from 'kysely';
import { recordAudit, recordAuditForPatients } from '../audit/record-audit.ts';
import { withTenant, type Tx } from '../db/open-database.ts';
import { toCsv } from '../http/csv.ts';
import { AppError, invalid, notFound } from '../app-error.ts';
import { appendPosting } from '../ledger/index.ts';
import { accountOfPatient, loadAccount, type AccountRef } from './account-of.ts';
import { openItems } from './open-items.ts';
import { loadPlanStatus } from './plan-status.ts';
import { isoDay, type UseCaseContext } from './use-case-context.ts';

export interface WorklistRow {
  accountId: number;
  patientIds: number[];
  name: string;
  balanceCents: number;
  oldestDays: number;
  statementsSent: number;
  lastStatementDate: string | null;
  lastPaymentDate: string | null;
  contacts: number;
  lastContactAt: string | null;
  finalNoticeDate: string | null;
  ready: boolean;
  why: string;
}

async function snapshot(tx: Tx, t: number, account: AccountRef, asOf: string) {
  const items = await openItems(tx, t, account.patientIds);
  const st = await tx
    .selectFrom('statement')
    .select((eb) => [eb.fn.max('statement_date').as('last'), eb.fn.countAll<number>().as('n')])
    .where('tenant_id', '=', t)
    .where('account_id', '=', account.accountId)
    .executeTakeFirst();
  const pay = await tx
    .selectFrom('ledger_posting')
    .select((eb) => eb.fn.max('effective_date').as('last'))
    .where('tenant_id', '=', t)
    .where('kind', '=', 'patient_payment')
    .where('patient_id', 'in', account.patientIds)
    .executeTakeFirst();
  const placed = await tx
    .selectFrom('collection_placement')
    .select('id')
    .where('tenant_id', '=', t)
    .where('account_id', '=', account.accountId)
    .where('status', '=', 'placed')
    .executeTakeFirst();
  const plan = await loadPlanStatus(tx, t, account, asOf);
  return {
    items,
    lastStatementDate: st?.last ? String(st.last) : null,
    statementsSent: Number(st?.n ?? 0),
    onHold: account.statementHold,
    placed: Boolean(placed),
    plan: plan && plan.recordedStatus === 'active' ? plan : null,
    lastPaymentDate: pay?.last ? String(pay.last) : null,
    finalNoticeDate: account.finalNoticeDate,
  };
}

export async function collectionsWorklist(
  ctx: UseCaseContext,
  rules = accounts.DEFAULT_COLLECTION_RULES,
): Promise<WorklistRow[]> {
  const t = ctx.tenantId;
  const asOf = isoDay(ctx.now());
  return withTenant(ctx.db, t, async (tx) => {
    const candidates = await sql<{ id: number }>`
      SELECT DISTINCT a.id FROM patient_account a
        JOIN patient p ON p.tenant_id = a.tenant_id AND (p.id = a.patient_id OR p.guarantor_id = a.guarantor_id)
        JOIN statement s ON s.tenant_id = a.tenant_id AND s.account_id = a.id
       WHERE a.tenant_id = ${t}`.execute(tx);
    const rows: WorklistRow[] = [];
    for (const c of candidates.rows) {
      const account = await loadAccount(tx, t, { accountId: c.id });
      const snap = await snapshot(tx, t, account, asOf);
      const decision = accounts.collectionsReason(snap, rules, asOf);
      if (!decision.eligible) continue;
      const contacts = await tx
        .selectFrom('contact_log')
        .select((eb) => [eb.fn.countAll<number>().as('n'), eb.fn.max('occurred_at').as('last')])
        .where('tenant_id', '=', t)
        .where('patient_id', 'in', account.patientIds)
        .executeTakeFirst();
      const names = await tx
        .selectFrom('patient')
        .select(['first_name', 'last_name'])
        .where('tenant_id', '=', t)
        .where('id', 'in', account.patientIds)
        .execute();
      rows.push({
        accountId: account.accountId,
        patientIds: account.patientIds,
        name: names.map((n) => `${n.first_name} ${n.last_name}`).join(', '),
        balanceCents: snap.items.reduce((s, i) => s + i.balanceCents, 0),
        oldestDays: accounts.oldestAgeDays(snap.items, asOf),
        statementsSent: snap.statementsSent,
        lastStatementDate: snap.lastStatementDate,
        lastPaymentDate: snap.lastPaymentDate,
        contacts: Number(contacts?.n ?? 0),
        lastContactAt: contacts?.last ? new Date(contacts.last as Date).toISOString() : null,
        finalNoticeDate: snap.finalNoticeDate,
        ready: decision.ready,
        why: decision.why,
      });
    }
    await recordAudit(tx, ctx.auditKey, ctx.actor, {
      action: 'query',
      resourceType: 'collections_worklist',
      dataCategory: 'account',
      details: { patientIds: rows.flatMap((r) => r.patientIds), accounts: rows.length },
    });
    return rows;
  });
}

/** The final notice: dated on the account and logged as a letter sent. */
export async function sendFinalNotice(ctx: UseCaseContext, patientId: number) {
  return withTenant(ctx.db, ctx.tenantId, async (tx) => {
    const account = await accountOfPatient(tx, ctx.tenantId, patientId);
    const today = isoDay(ctx.now());
    await tx
      .updateTable('patient_account')
      .set({ final_notice_date: today })
      .where('tenant_id', '=', ctx.tenantId)
      .where('id', '=', account.accountId)
      .execute();
    await tx
      .insertInto('contact_log')
      .values({
        tenant_id: ctx.tenantId,
        patient_id: patientId,
        occurred_at: ctx.now(),
        user_id: ctx.actor.userId,
        username: ctx.actor.username ?? 'system',
        channel: 'letter',
        direction: 'outbound',
        outcome: 'sent',
        note: 'Final notice before placement with a collection agency',
        follow_up_date: accounts.addDays(today, 10),
      })
      .execute();
    await recordAuditForPatients(
      tx,
      ctx.auditKey,
      ctx.actor,
      {
        action: 'update',
        resourceType: 'patient_account',
        resourceId: account.accountId,
        dataCategory: 'account',
        details: { finalNotice: today },
      },
      account.patientIds,
    );
    return { accountId: account.accountId, finalNoticeDate: today };
  });
}

export const PLACEMENT_COLUMNS = [
  'placement_id',
  'account_number',
  'guarantor_name',
  'address_line1',
  'city',
  'state',
  'zip',
  'phone',
  'balance',
  'first_service_date',
  'last_service_date',
  'last_payment_date',
  'placed_date',
] as const;

/** Places accounts with an agency: each must be on the worklist and past its final notice. Returns the export CSV. */
export async function placeWithAgency(
  ctx: UseCaseContext,
  input: { patientIds: number[]; agencyId: number },
  rules = accounts.DEFAULT_COLLECTION_RULES,
) {
  const t = ctx.tenantId;
  const asOf = isoDay(ctx.now());
  return withTenant(ctx.db, t, async (tx) => {
    const agency = await tx
      .selectFrom('collection_agency')
      .selectAll()
      .where('tenant_id', '=', t)
      .where('id', '=', input.agencyId)
      .executeTakeFirst();
    if (!agency) throw invalid('agencyId', 'no such collection agency', 'no-such-record');
    const rows: unknown[][] = [];
    const placements: number[] = [];
    const all: number[] = [];
    for (const patientId of input.patientIds) {
      const account = await accountOfPatient(tx, t, patientId);
      const snap = await snapshot(tx, t, account, asOf);
      const decision = accounts.collectionsReason(snap, rules, asOf);
      if (!decision.ready)
        throw new AppError(
          'conflict',
          `Account of patient ${patientId} is not ready for placement (${decision.eligible ? 'the final notice has not gone out 10 days before' : `${decision.why}`})`,
        );
      const balance = snap.items.reduce((s, i) => s + i.balanceCents, 0);
      const p = await tx
        .insertInto('collection_placement')
        .values({
          tenant_id: t,
          account_id: account.accountId,
          agency_id: agency.id,
          placed_at: asOf,
          placed_balance_cents: balance,
          placed_by: ctx.actor.username ?? 'system',
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      const who = await whoOwes(tx, t, account, patientId);
      const dates = snap.items.map((i) => i.serviceDate).sort();
      rows.push([
        p.id,
        who.accountNumber,
        who.name,
        who.line1,
        who.city,
        who.state,
        who.zip,
        who.phone ?? '',
        (balance / 100).toFixed(2),
        dates[0],
        dates.at(-1),
        snap.lastPaymentDate ?? '',
        asOf,
      ]);
      placements.push(p.id);
      all.push(...account.patientIds);
    }
    const csv = toCsv([...PLACEMENT_COLUMNS], rows);
    const sha = crypto.createHash('sha256').update(csv).digest('hex');
    if (placements.length)
      await tx
        .updateTable('collection_placement')
        .set({ export_sha256: sha })
        .where('tenant_id', '=', t)
        .where('id', 'in', placements)
        .execute();
    await recordAuditForPatients(
      tx,
      ctx.auditKey,
      ctx.actor,
      {
        action: 'export',
        resourceType: 'collection_placement',
        dataCategory: 'account',
        details: { agencyId: agency.id, placementIds: placements, sha256: sha },
      },
      all,
    );
    return { placementIds: placements, csv };
  });
}

async function whoOwes(tx: Tx, t: number, account: AccountRef, patientId: number) {
  const p = await tx
    .selectFrom('patient')
    .selectAll()
    .where('tenant_id', '=', t)
    .where('id', '=', patientId)
    .executeTakeFirstOrThrow();
  const g = account.guarantorId
    ? await tx
        .selectFrom('guarantor')
        .selectAll()
        .where('tenant_id', '=', t)
        .where('id', '=', account.guarantorId)
        .executeTakeFirst()
    : undefined;
  const src = g ?? p;
  return {
    accountNumber: p.account_number,
    name: `${src.first_name} ${src.last_name}`,
    line1: src.line1,
    city: src.city,
    state: src.state,
    zip: src.zip,
    phone: src.phone,
  };
}

export async function recallPlacement(ctx: UseCaseContext, placementId: number, reason: string) {
  return withTenant(ctx.db, ctx.tenantId, async (tx) => {
    const p = await tx
      .selectFrom('collection_placement')
      .selectAll()
      .where('tenant_id', '=', ctx.tenantId)
      .where('id', '=', placementId)
      .forUpdate()
      .executeTakeFirst();
    if (!p) throw notFound('Placement');
    if (p.status !== 'placed') throw new AppError('conflict', `This placement is already ${p.status}`);
    await tx
      .updateTable('collection_placement')
      .set({ status: 'recalled', recalled_at: isoDay(ctx.now()), recall_reason: reason })
      .where('tenant_id', '=', ctx.tenantId)
      .where('id', '=', p.id)
      .execute();
    const account = await loadAccount(tx, ctx.tenantId, { accountId: p.account_id });
    await recordAuditForPatients(
      tx,
      ctx.auditKey,
      ctx.actor,
      {
        action: 'update',
        resourceType: 'collection_placement',
        resourceId: p.id,
        dataCategory: 'account',
        details: { recalled: true, reason },
      },
      account.patientIds,
    );
    return { placementId: p.id, status: 'recalled' as const };
  });
}

export const AGENCY_REPORT_COLUMNS = [
  'record_type',
  'placement_id',
  'account_number',
  'date',
  'paid_amount',
  'fee_amount',
  'status',
  'note',
] as const;
const AGENCY_STATUSES = ['active', 'paid_in_full', 'settled', 'uncollectible', 'disputed', 'returned'];

export interface AgencyImportResult {
  duplicate: boolean;
  posted: number;
  statuses: number;
  problems: string[];
}

/** Imports an agency's report; each line once (by file hash and line); problems name the line and field. */
export async function importAgencyReport(
  ctx: UseCaseContext,
  agencyId: number,
  fileName: string,
  text: string,
): Promise<AgencyImportResult> {
  const t = ctx.tenantId;
  const sha = crypto.createHash('sha256').update(text).digest('hex');
  const lines = text
    .replace(/^\uFEFF/, '')
    .split(/\r?\n/)
    .filter((l) => l.trim() !== '');
  const header = splitCsvLine(lines[0] ?? '') ?? [];
  if (header.join(',') !== AGENCY_REPORT_COLUMNS.join(','))
    throw invalid('file', `${fileName} line 1: the header must be ${AGENCY_REPORT_COLUMNS.join(',')}`);
  return withTenant(ctx.db, t, async (tx) => {
    const agency = await tx
      .selectFrom('collection_agency')
      .selectAll()
      .where('tenant_id', '=', t)
      .where('id', '=', agencyId)
      .executeTakeFirst();
    if (!agency) throw notFound('Collection agency');
    const seen = await tx
      .selectFrom('agency_report_line')
      .select('id')
      .where('tenant_id', '=', t)
      .where('file_sha256', '=', sha)
      .executeTakeFirst();
    const result: AgencyImportResult = { duplicate: Boolean(seen), posted: 0, statuses: 0, problems: [] };
    if (seen) return result;
    const touched: number[] = [];
    for (let n = 1; n < lines.length; n++) {
      const where = `${fileName} line ${n + 1}`;
      const f = splitCsvLine(lines[n]!);
      const problem = f ? await importLine(tx, ctx, agency, f, sha, n + 1, touched) : 'a quoted field is not closed';
      if (problem) {
        result.problems.push(`${where}: ${problem}`);
        await tx
          .insertInto('agency_report_line')
          .values({
            tenant_id: t,
            agency_id: agency.id,
            file_sha256: sha,
            line_number: n + 1,
            record_type: f?.[0] === 'status' ? 'status' : 'payment',
            problem,
            imported_at: ctx.now(),
          })
          .execute();
      } else if (f?.[0] === 'payment') result.posted++;
      else result.statuses++;
    }
    await recordAuditForPatients(
      tx,
      ctx.auditKey,
      ctx.actor,
      {
        action: 'create',
        resourceType: 'agency_report',
        dataCategory: 'account',
        details: { agencyId, fileName, sha256: sha, ...result },
      },
      touched,
    );
    return result;
  });
}

async function importLine(
  tx: Tx,
  ctx: UseCaseContext,
  agency: { id: number; code: string },
  f: string[],
  sha: string,
  lineNumber: number,
  touched: number[],
): Promise<string | null> {
  const t = ctx.tenantId;
  const [type, placementRef, , date, paid, fee, status, note] = f;
  if (type !== 'payment' && type !== 'status') return `record_type must be payment or status, not "${type}"`;
  const placement = await tx
    .selectFrom('collection_placement')
    .selectAll()
    .where('tenant_id', '=', t)
    .where('id', '=', Number(placementRef))
    .where('agency_id', '=', agency.id)
    .executeTakeFirst();
  if (!placement || !/^\d+$/.test(placementRef ?? ''))
    return `placement_id "${placementRef}" is not one of this agency's placements`;
  const account = await loadAccount(tx, t, { accountId: placement.account_id });
  touched.push(...account.patientIds);
  const base = {
    tenant_id: t,
    agency_id: agency.id,
    placement_id: placement.id,
    file_sha256: sha,
    line_number: lineNumber,
    imported_at: ctx.now(),
  };
  if (type === 'status') {
    if (!AGENCY_STATUSES.includes(status ?? '')) return `status must be one of ${AGENCY_STATUSES.join(', ')}`;
    const closes = ['paid_in_full', 'settled', 'returned', 'uncollectible'].includes(status!);
    await tx
      .updateTable('collection_placement')
      .set({ agency_status: status!, ...(closes && placement.status === 'placed' ? { status: 'closed' } : {}) })
      .where('tenant_id', '=', t)
      .where('id', '=', placement.id)
      .execute();
    await tx
      .insertInto('agency_report_line')
      .values({ ...base, record_type: 'status', status: status! })
      .execute();
    await logAgencyContact(tx, ctx, account.patientIds[0]!, `Agency status: ${status}${note ? ` (${note})` : ''}`);
    return null;
  }
  const paidCents = cents(paid);
  const feeCents = cents(fee || '0');
  if (paidCents === null || paidCents <= 0)
    return `paid_amount "${paid}" is not an amount more than zero (dollars and cents, e.g. 25.00)`;
  if (feeCents === null || feeCents < 0 || feeCents > paidCents)
    return `fee_amount "${fee}" must be between 0 and the paid amount`;
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date ?? '')) return `date "${date}" is not YYYY-MM-DD`;
  const items = await openItems(tx, t, account.patientIds);
  const { allocations, onAccountCents } = accounts.allocatePayment(items, paidCents);
  const postingId = await appendPosting(
    tx,
    t,
    patientPaymentPosting({
      patientId: account.patientIds[0]!,
      effectiveDate: date!,
      method: 'agency',
      reference: `${agency.code} report line ${lineNumber}`,
      allocations: allocations.map((a) => ({
        line: {
          serviceLineId: a.item.lineId,
          claimId: a.item.claimId,
          patientId: a.item.patientId,
          practiceId: a.item.practiceId,
        },
        amount: a.amountCents,
      })),
      onAccount: onAccountCents,
      memo: `paid through collection agency ${agency.code} (agency fee ${(feeCents / 100).toFixed(2)} recorded apart)`,
    }),
    { userId: ctx.actor.userId, username: ctx.actor.username },
  );
  await tx
    .insertInto('agency_report_line')
    .values({ ...base, record_type: 'payment', paid_cents: paidCents, fee_cents: feeCents, posting_id: postingId })
    .execute();
  await logAgencyContact(
    tx,
    ctx,
    account.patientIds[0]!,
    `Agency collected ${(paidCents / 100).toFixed(2)} (fee ${(feeCents / 100).toFixed(2)})`,
  );
  return null;
}

function cents(v: string | undefined): number | null {
  if (!v || !/^\d{1,9}(\.\d{1,2})?$/.test(v.trim())) return null;
  const [d, c = ''] = v.trim().split('.');
  return Number(d) * 100 + Number(c.padEnd(2, '0'));
}

async function logAgencyContact(tx: Tx, ctx: UseCaseContext, patientId: number, note: string) {
  await tx
    .insertInto('contact_log')
    .values({
      tenant_id: ctx.tenantId,
      patient_id: patientId,
      occurred_at: ctx.now(),
      user_id: ctx.actor.userId,
      username: ctx.actor.username ?? 'system',
      channel: 'agency',
      direction: 'inbound',
      outcome: 'other',
      note,
    })
    .execute();
}
