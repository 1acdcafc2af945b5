/**
 * The follow-up worklist: claims sent to a payer that have had no 277CA or no 835 for longer than the payer's
 * follow-up days (payer.followup_days, 30 unless changed), longest waiting first, each with its latest status
 * inquiry. Audited as one query naming the claims and patients listed.
 */
import type { FollowUpItem, FollowUpList, FollowUpQuery } from '@medbill/api';
import { sql } from 'kysely';
import type { Actor } from '../actor.ts';
import { recordClaimsAudit } from '../claims/claims-audit.ts';
import { withTenant, type Tx } from '../db/open-database.ts';
import type { ClaimsDeps } from '../deps.ts';
import { loadStatusInquiries, WAITING_STATES } from './status-inquiry-rows.ts';

const DAY_MS = 86_400_000;

export async function listFollowUp(
  deps: Pick<ClaimsDeps, 'db' | 'auditKey' | 'claims'>,
  actor: Actor,
  query: Partial<FollowUpQuery> = {},
): Promise<FollowUpList> {
  const now = deps.claims.now();
  const limit = query.limit ?? 50;
  const offset = query.offset ?? 0;
  return withTenant(deps.db, actor.tenantId, async (tx) => {
    const total = await waitingClaims(tx, actor.tenantId, now, query.payerId)
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    const rows = await waitingClaims(tx, actor.tenantId, now, query.payerId)
      .select([
        'c.id',
        'c.claim_number',
        'c.state',
        'c.total_charge_cents',
        'e.service_date_from',
        'pt.id as patient_id',
        'pt.first_name',
        'pt.last_name',
        'pt.account_number',
        'py.id as payer_id',
        'py.name as payer_name',
        'py.followup_days',
        'b.submitted_at',
      ])
      .orderBy('b.submitted_at')
      .orderBy('c.id')
      .limit(limit)
      .offset(offset)
      .execute();
    const inquiries = await loadStatusInquiries(tx, actor.tenantId, { claimIds: rows.map((r) => r.id) });
    const items: FollowUpItem[] = rows.map((r) => {
      const submittedAt = new Date(r.submitted_at as Date);
      return {
        claimId: r.id,
        claimNumber: r.claim_number,
        state: r.state,
        totalChargeCents: r.total_charge_cents,
        serviceDateFrom: r.service_date_from,
        patientId: r.patient_id,
        firstName: r.first_name,
        lastName: r.last_name,
        accountNumber: r.account_number,
        payerId: r.payer_id,
        payerName: r.payer_name,
        followupDays: r.followup_days,
        submittedAt: submittedAt.toISOString(),
        daysWaiting: Math.floor((now.getTime() - submittedAt.getTime()) / DAY_MS),
        waitingFor: r.state === 'accepted' ? '835' : '277CA',
        lastInquiry: inquiries.find((i) => i.claimId === r.id) ?? null,
      };
    });
    await recordClaimsAudit(
      tx,
      deps.auditKey,
      actor,
      {
        action: 'query',
        resourceType: 'claim',
        dataCategory: 'claim',
        details: { list: 'follow-up', total: Number(total.n), ...(query.payerId ? { payerId: query.payerId } : {}) },
      },
      items.map((i) => i.claimId),
    );
    return { items, total: Number(total.n), limit, offset, asOf: now.toISOString().slice(0, 10) };
  });
}

/** Claims waiting on their payer past its follow-up days (the worklist's selection). */
export function waitingClaims(tx: Tx, tenantId: number, now: Date, payerId?: number) {
  let q = tx
    .selectFrom('claim as c')
    .innerJoin('batch as b', (j) => j.onRef('b.tenant_id', '=', 'c.tenant_id').onRef('b.id', '=', 'c.batch_id'))
    .innerJoin('payer as py', (j) => j.onRef('py.tenant_id', '=', 'c.tenant_id').onRef('py.id', '=', 'c.payer_id'))
    .innerJoin('encounter as e', (j) => j.onRef('e.tenant_id', '=', 'c.tenant_id').onRef('e.id', '=', 'c.encounter_id'))
    .innerJoin('patient as pt', (j) => j.onRef('pt.tenant_id', '=', 'e.tenant_id').onRef('pt.id', '=', 'e.patient_id'))
    .where('c.tenant_id', '=', tenantId)
    .where('c.state', 'in', [...WAITING_STATES])
    .where('b.submitted_at', 'is not', null)
    .where(sql<boolean>`b.submitted_at <= ${now.toISOString()}::timestamptz - py.followup_days * interval '1 day'`);
  if (payerId) q = q.where('c.payer_id', '=', payerId);
  return q;
}
