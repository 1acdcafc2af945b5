/**
 * Statement runs as jobs and the account rep's worklists: a run started over HTTP answers after its first batch
 * and is followed to the end (accounts decided, statements stored, PDFs counted), its print-vendor CSV read back;
 * a run in small batches stores the same statements as one batch; a statement lists the payments since the last
 * one and that statement's balance; account lines carry the payers' remark codes in words; worklists of balances,
 * late plans and placed accounts.
 */
import { statementRunDetail, statementRunView } from '@medbill/api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPaymentPlan } from '../src/accounts/payment-plans.ts';
import { recordPatientPayment } from '../src/accounts/record-payment.ts';
import { planStatementRun, processStatementRun, startStatementRun } from '../src/accounts/run-statements.ts';
import type { UseCaseContext } from '../src/accounts/use-case-context.ts';
import { withTenant, type Store } from '../src/db/open-database.ts';
import { buildApp } from '../src/http/app.ts';
import { renderStatementPdf } from '../src/print/statement-pdf.ts';
import { hasPoppler, pageText } from '../src/print/poppler.test-util.ts';
import { createTenantFixture, login, testDeps, type TenantFixture } from './fixtures.ts';
import { patientWithBalance } from './patient-balance.test-util.ts';
import { openTestStore } from './test-store.ts';

let store: Store;
let app: Awaited<ReturnType<typeof buildApp>>;
let t: TenantFixture;
let cookie: string;
let rep: UseCaseContext;
let day = '2026-06-01';
const owing: number[] = [];

beforeAll(async () => {
  store = await openTestStore();
  const deps = testDeps(store);
  deps.claims.now = () => new Date(`${day}T12:00:00Z`);
  app = await buildApp(deps);
  t = await createTenantFixture(store, 'stjobs');
  cookie = await login(app, t.users.account_rep.username);
  rep = {
    db: store.db,
    tenantId: t.tenantId,
    actor: { tenantId: t.tenantId, userId: t.users.account_rep.id, username: 'rep', sourceIp: null },
    auditKey: deps.auditKey,
    now: () => new Date(`${day}T12:00:00Z`),
  };
  for (const [name, cents] of [
    ['Ann', 12_000],
    ['Ben', 30_000],
    ['Cal', 4_500],
    ['Dee', 9_900],
    ['Eve', 60_000],
  ] as const)
    owing.push((await patientWithBalance(store, t, name, cents, '2026-05-01')).patientId);
});
afterAll(async () => {
  await app?.close();
  await store?.close();
});

const call = (method: string, url: string, payload?: unknown) =>
  app.inject({ method: method as 'GET', url, payload: payload as object, headers: { cookie } });

describe('statement runs as jobs', () => {
  it('a run in batches of two stores what one batch would, a batch at a time', async () => {
    const deps = { db: store.db, auditKey: rep.auditKey, claims: { now: rep.now } };
    const actor = { ...rep.actor, tenantId: t.tenantId };
    const { runId, accountsTotal } = await startStatementRun(deps, actor, { asOf: '2026-05-20' });
    expect(accountsTotal).toBe(6); // the fixture's family and five who owe
    await expect(startStatementRun(deps, actor, { asOf: '2026-05-20' })).rejects.toThrow(/still running/);
    const seen: Array<{ done: number; statements: number }> = [];
    const done = await processStatementRun(deps, actor, {
      runId,
      batchSize: 2,
      onBatch: async (batch, progress) => {
        seen.push({ done: progress.done, statements: batch.length });
        const row = await withTenant(store.db, t.tenantId, (tx) =>
          tx.selectFrom('statement_run').selectAll().where('id', '=', runId).executeTakeFirstOrThrow(),
        );
        expect(row).toMatchObject({ status: 'running', accounts_done: progress.done });
      },
    });
    expect(seen.map((s) => s.done)).toEqual([2, 4, 6]);
    expect(seen.reduce((s, b) => s + b.statements, 0)).toBe(5);
    expect(done).toMatchObject({ statements: 5, totalDueCents: 12_000 + 30_000 + 4_500 + 9_900 + 60_000 });
    const run = await withTenant(store.db, t.tenantId, (tx) =>
      tx.selectFrom('statement_run').selectAll().where('id', '=', runId).executeTakeFirstOrThrow(),
    );
    expect(run).toMatchObject({ status: 'finished', accounts_done: 6, statements: 5 });
  });

  it('started over HTTP: answers after the first batch, finishes, counts pages, gives the print-vendor file', async () => {
    day = '2026-06-20';
    const res = await call('POST', '/api/statement-runs', { asOf: '2026-06-20' });
    expect(res.statusCode, res.body).toBe(202);
    const started = statementRunView.parse(res.json());
    expect(started.accountsDone).toBe(6);
    let detail = statementRunDetail.parse((await call('GET', `/api/statement-runs/${started.id}`)).json());
    for (let i = 0; i < 100 && detail.run.status === 'running'; i++) {
      await new Promise((r) => setTimeout(r, 100));
      detail = statementRunDetail.parse((await call('GET', `/api/statement-runs/${started.id}`)).json());
    }
    expect(detail.run).toMatchObject({ status: 'finished', statements: 5, printed: 5 });
    expect(detail.statements.map((s) => s.pages)).toEqual([1, 1, 1, 1, 1]);
    expect(detail.statements.map((s) => s.level)).toEqual(Array(5).fill('reminder'));
    const list = (await call('GET', '/api/statement-runs')).json();
    expect(list.items[0]).toMatchObject({ id: started.id, status: 'finished' });
    const csv = await call('GET', `/api/statement-runs/${started.id}/print-vendor.csv`);
    expect(csv.headers['content-type']).toMatch(/^text\/csv/);
    const rows = csv.body.trim().split('\r\n');
    expect(rows).toHaveLength(6);
    expect(rows[0]).toMatch(/^statement_number,account_number,guarantor_name,/);
    expect(rows.slice(1).map((r) => r.split(',').at(-1))).toEqual(['1', '1', '1', '1', '1']);
    expect(rows.join('\n')).toContain(`Eve-${t.tenantId},Eve Owes,9 Pine St,,Austin,TX,78701,2026-06-20`);
  });

  it('a statement lists the payments since the last one and the last one’s balance', async () => {
    day = '2026-07-02';
    await recordPatientPayment(rep, { patientId: owing[1]!, amountCents: 5_000, method: 'check', reference: '1042' });
    day = '2026-07-20';
    const run = await planStatementRun(rep, { asOf: day });
    const ben = run.statements.find((s) => s.patientIds.includes(owing[1]!))!;
    expect(ben.content.previous).toEqual({ date: '2026-06-20', balanceCents: 30_000 });
    expect(ben.content.payments).toEqual([{ date: '2026-07-02', cents: 5_000, method: 'check 1042' }]);
    expect(ben.content.balanceCents).toBe(25_000);
    const ann = run.statements.find((s) => s.patientIds.includes(owing[0]!))!;
    expect(ann.content.payments).toEqual([]);
    if (!hasPoppler()) return;
    const text = pageText(await renderStatementPdf(ben.content), 1);
    expect(text).toContain('Balance on your statement of 2026-06-20: $300.00');
    expect(text).toMatch(/2026-07-02\s+Payment received, thank you \(check 1042\)\s+-\$50\.00/);
  });
});

describe('account lines and worklists', () => {
  it('shows the payers’ remark codes on a line in words', async () => {
    const cal = owing[2]!;
    await withTenant(store.db, t.tenantId, async (tx) => {
      const claim = await tx
        .selectFrom('claim')
        .innerJoin('encounter', (j) => j.onRef('encounter.id', '=', 'claim.encounter_id'))
        .select('claim.id')
        .where('claim.tenant_id', '=', t.tenantId)
        .where('encounter.patient_id', '=', cal)
        .executeTakeFirstOrThrow();
      const adj = await tx
        .insertInto('claim_adjudication')
        .values({
          tenant_id: t.tenantId,
          claim_id: claim.id,
          source: '835',
          status_code: '1',
          adjudication_date: '2026-05-01',
          charge_cents: 4_500,
          paid_cents: 0,
          patient_responsibility_cents: 4_500,
          remarks: JSON.stringify(['MA01']),
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await tx
        .insertInto('claim_adjudication_line')
        .values({
          tenant_id: t.tenantId,
          adjudication_id: adj.id,
          position: 1,
          line_number: 1,
          procedure_code: '99214',
          charge_cents: 4_500,
          paid_cents: 0,
          paid_units: 1,
          remarks: JSON.stringify(['N115', 'ZZ99']),
        })
        .execute();
    });
    const account = (await call('GET', `/api/patients/${cal}/account`)).json();
    expect(account.lines[0].remarks).toEqual([
      { code: 'MA01', text: 'If you disagree with the insurer’s decision, you may appeal it.' },
      { code: 'N115', text: 'The insurer decided this under its local coverage rules for the service.' },
      { code: 'ZZ99', text: 'The insurer added remark ZZ99.' },
    ]);
  });

  it('lists balances largest first, plans late, and accounts with an agency', async () => {
    day = '2026-07-21';
    await call('POST', `/api/patients/${owing[3]!}/contacts`, {
      channel: 'call',
      direction: 'outbound',
      outcome: 'no_answer',
    });
    const balances = (await call('GET', '/api/accounts/worklist?view=balances&limit=3')).json();
    expect(balances.total).toBe(5);
    expect(balances.items.map((r: { name: string }) => r.name)).toEqual(['Eve Owes', 'Ben Owes', 'Ann Owes']);
    expect(balances.items[1]).toMatchObject({
      balanceCents: 25_000,
      lastStatementDate: '2026-07-20',
      statementsSent: 3,
      lastPaymentDate: '2026-07-02',
      oldestDays: 81,
      plan: null,
      agency: null,
    });
    const dee = (await call('GET', '/api/accounts/worklist?view=balances&offset=3')).json().items[0];
    expect(dee).toMatchObject({ name: 'Dee Owes', contacts: 1 });
    day = '2026-06-25';
    await createPaymentPlan(rep, { patientId: owing[4]!, installments: 3, firstDueDate: '2026-07-01', graceDays: 5 });
    day = '2026-07-21';
    const late = (await call('GET', '/api/accounts/worklist?view=plans_late')).json();
    expect(late.items).toHaveLength(1);
    expect(late.items[0]).toMatchObject({ name: 'Eve Owes', plan: { status: 'active', missed: 1 } });
    await withTenant(store.db, t.tenantId, async (tx) => {
      const agency = await tx
        .insertInto('collection_agency')
        .values({ tenant_id: t.tenantId, name: 'Lone Star Recovery', code: 'LSR', fee_basis_points: 2500 })
        .returning('id')
        .executeTakeFirstOrThrow();
      const account = await tx
        .selectFrom('patient_account')
        .select('id')
        .where('tenant_id', '=', t.tenantId)
        .where('patient_id', '=', owing[0]!)
        .executeTakeFirstOrThrow();
      await tx
        .insertInto('collection_placement')
        .values({
          tenant_id: t.tenantId,
          account_id: account.id,
          agency_id: agency.id,
          placed_at: '2026-07-15',
          placed_balance_cents: 12_000,
          placed_by: 'rep',
        })
        .execute();
    });
    const placed = (await call('GET', '/api/accounts/worklist?view=placed')).json();
    expect(placed.items.map((r: { name: string; agency: { name: string } }) => [r.name, r.agency.name])).toEqual([
      ['Ann Owes', 'Lone Star Recovery'],
    ]);
    const agencies = (await call('GET', '/api/collection-agencies')).json();
    expect(agencies.items).toEqual([
      expect.objectContaining({ name: 'Lone Star Recovery', placedAccounts: 1, placedCents: 12_000 }),
    ]);
  });
});
