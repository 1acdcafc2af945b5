/**
 * The account rep's worklists: accounts with a patient balance (largest first), accounts whose payment plan is
 * late or broken, and accounts placed with an agency — each row with balance, age, last statement, last payment,
 * contacts, plan and agency. The account set is found in SQL; the page's rows are filled in for the page only.
 */
import type { AccountWorklist } from '@medbill/api';
import { accounts } from '@medbill/core';
import { sql } from 'kysely';
import type { Actor } from '../actor.ts';
import { recordAudit } from '../audit/record-audit.ts';
import { withTenant, type Tx } from '../db/open-database.ts';
import type { Deps } from '../deps.ts';
import { safeSum } from '../ledger/read-ledger.ts';
import { openItems } from './open-items.ts';
import { paymentsSince, termsOf } from './plan-status.ts';

export interface WorklistInput {
  view: AccountWorklist['view'];
  minBalanceCents: number;
  limit: number;
  offset: number;
}

type Row = AccountWorklist['items'][number];

export async function accountWorklist(
  deps: Pick<Deps, 'db' | 'auditKey'> & { claims: Pick<Deps['claims'], 'now'> },
  actor: Actor,
  input: WorklistInput,
): Promise<AccountWorklist> {
  const t = actor.tenantId;
  const asOf = deps.claims.now().toISOString().slice(0, 10);
  return withTenant(deps.db, t, async (tx) => {
    const balances = await accountBalances(tx, t);
    const plans = await latestPlans(tx, t, asOf);
    const placements = await openPlacements(tx, t);
    let ids: number[];
    if (input.view === 'balances') ids = [...balances].filter(([, b]) => b >= input.minBalanceCents).map(([id]) => id);
    else if (input.view === 'plans_late')
      ids = [...plans].filter(([, p]) => p.status === 'broken' || p.missed > 0).map(([id]) => id);
    else ids = [...placements.keys()];
    ids.sort((a, b) => (balances.get(b) ?? 0) - (balances.get(a) ?? 0) || a - b);
    const page = ids.slice(input.offset, input.offset + input.limit);
    const items = await fillRows(tx, t, page, asOf, { balances, plans, placements });
    await recordAudit(tx, deps.auditKey, actor, {
      action: 'query',
      resourceType: 'account_worklist',
      dataCategory: 'account',
      details: { view: input.view, accounts: items.length, patientIds: items.map((i) => i.patientId) },
    });
    return { view: input.view, items, total: ids.length, limit: input.limit, offset: input.offset };
  });
}

/** Each account's patient balance (the patient's `ar`, all its patients). */
async function accountBalances(tx: Tx, t: number): Promise<Map<number, number>> {
  const { rows } = await sql<{ account_id: number; balance: string }>`
    SELECT a.id AS account_id, sum(e.amount_cents) AS balance
      FROM patient_account a
      JOIN patient p ON p.tenant_id = a.tenant_id AND (p.id = a.patient_id OR p.guarantor_id = a.guarantor_id)
      JOIN ledger_entry e ON e.tenant_id = p.tenant_id AND e.patient_id = p.id
     WHERE a.tenant_id = ${t} AND e.account = 'ar' AND e.responsibility = 'patient'
     GROUP BY a.id`.execute(tx);
  return new Map(rows.map((r) => [r.account_id, safeSum(r.balance)]));
}

interface PlanInfo {
  id: number;
  status: string;
  missed: number;
}

/** The newest active or broken plan of each account, with its missed installments as of today. */
async function latestPlans(tx: Tx, t: number, asOf: string): Promise<Map<number, PlanInfo>> {
  const rows = await tx
    .selectFrom('payment_plan')
    .selectAll()
    .where('tenant_id', '=', t)
    .where('status', 'in', ['active', 'broken'])
    .orderBy('id')
    .execute();
  const out = new Map<number, PlanInfo>();
  for (const p of rows) {
    const patients = await sql<{ id: number }>`
      SELECT p.id FROM patient_account a
        JOIN patient p ON p.tenant_id = a.tenant_id AND (p.id = a.patient_id OR p.guarantor_id = a.guarantor_id)
       WHERE a.tenant_id = ${t} AND a.id = ${p.account_id}`.execute(tx);
    const status = accounts.planStatus(
      termsOf(p),
      await paymentsSince(
        tx,
        t,
        patients.rows.map((r) => r.id),
        p.start_date,
      ),
      asOf,
    );
    const missed = status.installments.filter((i) => i.status === 'missed').length;
    out.set(p.account_id, {
      id: p.id,
      status: p.status === 'active' && status.state === 'broken' ? 'broken' : p.status,
      missed,
    });
  }
  return out;
}

async function openPlacements(tx: Tx, t: number) {
  const rows = await tx
    .selectFrom('collection_placement as c')
    .innerJoin('collection_agency as g', (j) =>
      j.onRef('g.tenant_id', '=', 'c.tenant_id').onRef('g.id', '=', 'c.agency_id'),
    )
    .select(['c.id', 'c.account_id', 'c.placed_at', 'g.name'])
    .where('c.tenant_id', '=', t)
    .where('c.status', '=', 'placed')
    .execute();
  return new Map(rows.map((r) => [r.account_id, { placementId: r.id, name: r.name, placedDate: String(r.placed_at) }]));
}

async function fillRows(
  tx: Tx,
  t: number,
  accountIds: number[],
  asOf: string,
  known: {
    balances: Map<number, number>;
    plans: Map<number, PlanInfo>;
    placements: Awaited<ReturnType<typeof openPlacements>>;
  },
): Promise<Row[]> {
  if (!accountIds.length) return [];
  const { rows: members } = await sql<{
    account_id: number;
    id: number;
    first_name: string;
    last_name: string;
    account_number: string;
    g_first: string | null;
    g_last: string | null;
  }>`
    SELECT a.id AS account_id, p.id, p.first_name, p.last_name, p.account_number, g.first_name AS g_first, g.last_name AS g_last
      FROM patient_account a
      JOIN patient p ON p.tenant_id = a.tenant_id AND (p.id = a.patient_id OR p.guarantor_id = a.guarantor_id)
      LEFT JOIN guarantor g ON g.tenant_id = a.tenant_id AND g.id = a.guarantor_id
     WHERE a.tenant_id = ${t} AND a.id IN (${sql.join(accountIds)})
     ORDER BY a.id, p.id`.execute(tx);
  const patientIds = members.map((m) => m.id);
  const items = await openItems(tx, t, patientIds);
  const { rows: statements } = await sql<{ account_id: number; last: string; n: string }>`
    SELECT account_id, max(statement_date)::text AS last, count(*) AS n FROM statement
     WHERE tenant_id = ${t} AND account_id IN (${sql.join(accountIds)}) GROUP BY account_id`.execute(tx);
  const { rows: payments } = await sql<{ patient_id: number; last: string }>`
    SELECT patient_id, max(effective_date)::text AS last FROM ledger_posting
     WHERE tenant_id = ${t} AND kind = 'patient_payment' AND patient_id IN (${sql.join(patientIds)})
     GROUP BY patient_id`.execute(tx);
  const { rows: contacts } = await sql<{ patient_id: number; n: string; last: Date }>`
    SELECT patient_id, count(*) AS n, max(occurred_at) AS last FROM contact_log
     WHERE tenant_id = ${t} AND patient_id IN (${sql.join(patientIds)}) GROUP BY patient_id`.execute(tx);
  return accountIds.map((accountId): Row => {
    const mine = members.filter((m) => m.account_id === accountId);
    const ids = new Set(mine.map((m) => m.id));
    const first = mine[0]!;
    const st = statements.find((s) => s.account_id === accountId);
    const pays = payments.filter((p) => ids.has(p.patient_id)).map((p) => p.last);
    const cs = contacts.filter((c) => ids.has(c.patient_id));
    const lastContact = cs.map((c) => new Date(c.last).getTime()).sort((a, b) => b - a)[0];
    const plan = known.plans.get(accountId);
    return {
      accountId,
      patientId: first.id,
      accountNumber: first.account_number,
      name: first.g_first ? `${first.g_first} ${first.g_last}` : `${first.first_name} ${first.last_name}`,
      balanceCents: known.balances.get(accountId) ?? 0,
      oldestDays: accounts.oldestAgeDays(
        items.filter((i) => ids.has(i.patientId) && i.balanceCents > 0),
        asOf,
      ),
      lastStatementDate: st?.last ?? null,
      statementsSent: Number(st?.n ?? 0),
      lastPaymentDate: pays.sort().at(-1) ?? null,
      contacts: cs.reduce((s, c) => s + Number(c.n), 0),
      lastContactAt: lastContact ? new Date(lastContact).toISOString() : null,
      plan: plan ?? null,
      agency: known.placements.get(accountId) ?? null,
    };
  });
}
