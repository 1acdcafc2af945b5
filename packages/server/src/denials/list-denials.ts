/**
 * The denial worklist: every denied or underpaid line, with its root cause, amount, age, payer, appeal
 * deadline and priority (amount × likelihood of recovery × urgency), who works it and when to follow up.
 * The list names patients, so reading it is audited (one row naming them all).
 */
import type { DenialDetail, DenialItem, DenialList, DenialStatus, ListDenialsInput } from '@medbill/api';
import { serviceLineLabel } from '@medbill/core';
import { formatCents } from '@medbill/core/ledger';
import { DENIAL_CAUSE_LABELS, type DenialCause } from '@medbill/core/remittance';
import type { Actor } from '../actor.ts';
import { notFound } from '../app-error.ts';
import { recordAudit } from '../audit/record-audit.ts';
import { withTenant, type Tx } from '../db/open-database.ts';
import type { DescribeRemark } from '../remittance/get-remittance.ts';
import { denialPriority } from '../remittance/write-remittance.ts';
import { remarkWords, type DenialDeps } from './denial-deps.ts';

export type DenialFilter = Partial<ListDenialsInput>;

const day = (iso: string) => Date.parse(`${iso}T00:00:00Z`) / 86_400_000;
const causeLabel = (kind: string, cause: string) =>
  kind === 'underpaid' ? 'Underpaid' : (DENIAL_CAUSE_LABELS[cause as DenialCause] ?? cause);

function selectDenials(tx: Tx, tenantId: number) {
  return tx
    .selectFrom('denial as d')
    .innerJoin('claim as c', (j) => j.onRef('c.tenant_id', '=', 'd.tenant_id').onRef('c.id', '=', 'd.claim_id'))
    .innerJoin('encounter as e', (j) => j.onRef('e.tenant_id', '=', 'c.tenant_id').onRef('e.id', '=', 'c.encounter_id'))
    .innerJoin('patient as p', (j) => j.onRef('p.tenant_id', '=', 'e.tenant_id').onRef('p.id', '=', 'e.patient_id'))
    .innerJoin('payer as y', (j) => j.onRef('y.tenant_id', '=', 'd.tenant_id').onRef('y.id', '=', 'd.payer_id'))
    .leftJoin('service_line as l', (j) =>
      j.onRef('l.tenant_id', '=', 'd.tenant_id').onRef('l.id', '=', 'd.service_line_id'),
    )
    .leftJoin('app_user as u', (j) =>
      j.onRef('u.tenant_id', '=', 'd.tenant_id').onRef('u.id', '=', 'd.assigned_user_id'),
    )
    .where('d.tenant_id', '=', tenantId)
    .select([
      'd.id',
      'd.kind',
      'd.claim_id',
      'c.claim_number',
      'c.state',
      'e.patient_id',
      'p.first_name',
      'p.last_name',
      'd.payer_id',
      'y.name as payer_name',
      'd.service_line_id',
      'l.procedure_code',
      'l.modifiers',
      'l.revenue_code',
      'l.service_date',
      'd.group_code',
      'd.reason_code',
      'd.cause',
      'd.remarks',
      'd.amount_cents',
      'd.expected_cents',
      'd.denied_on',
      'd.appeal_deadline',
      'd.status',
      'd.assigned_user_id',
      'u.display_name',
      'd.follow_up_on',
      'd.remittance_id',
    ])
    .select((eb) =>
      eb
        .selectFrom('denial_note as n')
        .select(eb.fn.countAll<number>().as('n'))
        .whereRef('n.tenant_id', '=', 'd.tenant_id')
        .whereRef('n.denial_id', '=', 'd.id')
        .as('notes'),
    );
}
type Found = Awaited<ReturnType<ReturnType<typeof selectDenials>['execute']>>[number];

function toItem(r: Found, today: string, describe: DescribeRemark): DenialItem {
  const daysLeft = r.appeal_deadline ? Math.round(day(r.appeal_deadline) - day(today)) : null;
  const expected = r.expected_cents ?? 0;
  return {
    id: r.id,
    kind: r.kind,
    claimId: r.claim_id,
    claimNumber: r.claim_number,
    claimState: r.state,
    patientId: r.patient_id,
    patientName: `${r.last_name}, ${r.first_name}`,
    payerId: r.payer_id,
    payerName: r.payer_name,
    lineId: r.service_line_id,
    procedure:
      serviceLineLabel({ revenueCode: r.revenue_code, procedureCode: r.procedure_code, modifiers: r.modifiers }) ||
      null,
    serviceDate: r.service_date,
    group: r.group_code,
    reason: r.reason_code,
    reasonText:
      r.kind === 'underpaid'
        ? `Paid below the contract: allowed ${formatCents(expected - r.amount_cents)} of the contracted ${formatCents(expected)}`
        : (describe('carc', r.reason_code ?? '') ?? `CARC ${r.reason_code ?? '?'}`),
    cause: r.cause,
    causeLabel: causeLabel(r.kind, r.cause),
    remarks: r.remarks.map((code) => ({ code, text: describe('rarc', code) ?? code })),
    amountCents: r.amount_cents,
    expectedCents: r.expected_cents,
    deniedOn: r.denied_on,
    ageDays: Math.round(day(today) - day(r.denied_on)),
    appealDeadline: r.appeal_deadline,
    daysLeft,
    priority: denialPriority(r.amount_cents, r.cause, daysLeft),
    status: r.status as DenialStatus,
    assignedUserId: r.assigned_user_id,
    assignedTo: r.display_name,
    followUpOn: r.follow_up_on,
    notes: Number(r.notes ?? 0),
    remittanceId: r.remittance_id,
  };
}

/** The worklist, highest priority first; `byCause` totals the whole filter. */
export async function listDenials(deps: DenialDeps, actor: Actor, f: DenialFilter = {}): Promise<DenialList> {
  const today = deps.claims.today();
  const describe = remarkWords(deps.codes);
  return withTenant(deps.db, actor.tenantId, async (tx) => {
    let q = selectDenials(tx, actor.tenantId).where(
      'd.status',
      'in',
      f.status?.length ? f.status : ['open', 'appealed'],
    );
    if (f.cause) q = q.where('d.cause', '=', f.cause);
    if (f.payerId) q = q.where('d.payer_id', '=', f.payerId);
    if (f.assignedUserId) q = q.where('d.assigned_user_id', '=', f.assignedUserId);
    if (f.kind) q = q.where('d.kind', '=', f.kind);
    if (f.claimId) q = q.where('d.claim_id', '=', f.claimId);
    const all = (await q.orderBy('d.id').limit(20_000).execute()).map((r) => toItem(r, today, describe));
    all.sort((a, b) => b.priority - a.priority || a.id - b.id);
    const limit = Math.min(f.limit ?? 50, 500);
    const offset = f.offset ?? 0;
    const items = all.slice(offset, offset + limit);
    const byCause = new Map<string, { cause: string; label: string; count: number; amountCents: number }>();
    for (const d of all) {
      const key = d.kind === 'underpaid' ? 'underpaid' : d.cause;
      const b = byCause.get(key) ?? { cause: key, label: d.causeLabel, count: 0, amountCents: 0 };
      b.count++;
      b.amountCents += d.amountCents;
      byCause.set(key, b);
    }
    const patientIds = [...new Set(items.map((r) => r.patientId))].sort((a, b) => a - b);
    await recordAudit(
      tx,
      deps.auditKey,
      actor,
      {
        action: 'query',
        resourceType: 'denial',
        dataCategory: 'claim',
        patientId: patientIds.length === 1 ? patientIds[0] : null,
        details: { filter: { ...f }, returned: items.length, patientIds },
      },
      deps.claims.now(),
    );
    return {
      items,
      total: all.length,
      limit,
      offset,
      byCause: [...byCause.values()].sort((a, b) => b.amountCents - a.amountCents),
    };
  });
}

/** One denial with its notes and what was done, oldest first. Audited as a read. */
export async function getDenial(deps: DenialDeps, actor: Actor, input: { denialId: number }): Promise<DenialDetail> {
  const today = deps.claims.today();
  return withTenant(deps.db, actor.tenantId, async (tx) => {
    const r = await selectDenials(tx, actor.tenantId).where('d.id', '=', input.denialId).executeTakeFirst();
    if (!r) throw notFound('Denial');
    const notes = await tx
      .selectFrom('denial_note')
      .select(['created_at', 'username', 'note'])
      .where('tenant_id', '=', actor.tenantId)
      .where('denial_id', '=', r.id)
      .orderBy('id')
      .execute();
    const item = toItem(r, today, remarkWords(deps.codes));
    await recordAudit(
      tx,
      deps.auditKey,
      actor,
      { action: 'read', resourceType: 'denial', resourceId: r.id, patientId: item.patientId, dataCategory: 'claim' },
      deps.claims.now(),
    );
    return {
      ...item,
      history: notes.map((n) => ({ at: new Date(n.created_at).toISOString(), username: n.username, note: n.note })),
    };
  });
}
