/**
 * Issue 12's demo: after `medbill demo` the account rep meets accounts in every state — balances after insurance
 * from posted 835s, statements already sent (first notice to final notice), a kept and a broken payment plan, an
 * account ready for placement and one placed with an agency whose payment was imported, contacts logged and
 * eligibility answers (271) on file — and every account's balance equals the sum of its ledger entries.
 * Issue 11's demo, on the same seed: the claims analyst meets a held 835 (with its difference, and releasable), an
 * 835 line on the unmatched worklist with the claim's line suggested, an 835 claim under a miskeyed number with our
 * claim suggested, and deposits reconciled to their 835s by TRN02 with what is unmatched on both sides.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createDemoCatalog } from '@medbill/codes';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accountOfPatient, loadAccount } from '../src/accounts/account-of.ts';
import { collectionsWorklist } from '../src/accounts/collections.ts';
import { getPatientAccount } from '../src/accounts/get-account.ts';
import { loadPlanStatus } from '../src/accounts/plan-status.ts';
import type { UseCaseContext } from '../src/accounts/use-case-context.ts';
import { defaultClaimServices } from '../src/claims/claim-services.ts';
import { codesServiceFrom } from '../src/codes/codes-service.ts';
import { withTenant, type Store } from '../src/db/open-database.ts';
import { seedDemo, type DemoResult } from '../src/demo/seed-demo.ts';
import { EARLY_CHECK, UNREPORTED_INTEREST_CENTS } from '../src/demo/seed-remittance-demo.ts';
import { listEligibilityChecks } from '../src/eligibility/list-eligibility-checks.ts';
import { depositReconciliation } from '../src/remittance/reconcile-deposits.ts';
import { getEra, listEras, releaseEra } from '../src/remittance/era-use-cases.ts';
import { listUnmatched } from '../src/remittance/unmatched-worklist.ts';
import { ledgerEntries, ledgerTotals } from '../src/ledger/index.ts';
import { auditKeyForTests } from './fixtures.ts';
import { openTestStore } from './test-store.ts';

const NOW = new Date('2026-11-23T15:00:00Z');
const TODAY = '2026-11-23';
let store: Store;
let dataDir: string;
let demo: DemoResult;
let ctx: UseCaseContext;
let seconds = 0;

beforeAll(async () => {
  store = await openTestStore();
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'medbill-demo-accounts-'));
  const t0 = Date.now();
  demo = (await seedDemo(store, auditKeyForTests(), {
    password: 'demo-accounts-password',
    dataDir,
    onlyIfEmpty: false,
    claims: defaultClaimServices(dataDir, {
      now: () => NOW,
      coding: codesServiceFrom(createDemoCatalog(), true).check,
    }),
  }))!;
  seconds = (Date.now() - t0) / 1000;
  ctx = {
    db: store.db,
    tenantId: demo.tenantId,
    actor: { tenantId: demo.tenantId, userId: null, username: 'test', sourceIp: null },
    auditKey: auditKeyForTests(),
    now: () => NOW,
  };
}, 300_000);
afterAll(async () => {
  await store?.close();
  if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
});

describe('the demo leaves accounts in every state a rep meets', () => {
  it('names who is who, and seeds in reasonable time', () => {
    const story = demo.accounts!;
    expect(story).toBeTruthy();
    const ids = [story.collections, story.placed, story.keptPlan, story.brokenPlan, story.paidInFull, story.paidInPart];
    expect(new Set(ids).size).toBe(6);
    console.log(`demo seeded in ${seconds.toFixed(1)} s (${store.kind})`);
  });

  it('balances after insurance come from posted 835s', async () => {
    const story = demo.accounts!;
    const a = await getPatientAccount(ctx, story.collections);
    expect(a.patientBalanceCents).toBeGreaterThan(2500);
    const line = a.lines.find((l) => l.patientShare.length)!;
    expect(line.billedTo.length).toBeGreaterThan(0);
    expect(line.patientShare[0]!.explanation).not.toBe('');
    // recent visits too: 835s posted today leave patient shares on accounts the story does not touch
    const fromToday = await withTenant(store.db, demo.tenantId, (tx) =>
      sql<{ n: string }>`SELECT count(DISTINCT e.patient_id) AS n FROM ledger_entry e
          JOIN ledger_posting p ON p.tenant_id = e.tenant_id AND p.id = e.posting_id
         WHERE e.tenant_id = ${demo.tenantId} AND p.kind = 'claim_payment' AND e.kind = 'transfer'
           AND e.responsibility = 'patient' AND e.amount_cents > 0 AND p.effective_date = ${TODAY}`.execute(tx),
    );
    expect(Number(fromToday.rows[0]!.n)).toBeGreaterThan(5);
  });

  it('statements went out from first notice to final notice, and the collections worklist has an account ready', async () => {
    const story = demo.accounts!;
    const levels = await withTenant(store.db, demo.tenantId, (tx) =>
      tx.selectFrom('statement').select('dunning_level').distinct().where('tenant_id', '=', demo.tenantId).execute(),
    );
    expect(levels.map((l) => l.dunning_level).sort()).toEqual(
      ['final_notice', 'first_notice', 'reminder', 'second_reminder'].sort(),
    );
    const x = await getPatientAccount(ctx, story.collections);
    expect(x.statements.map((s) => s.dunningLevel)).toEqual([
      'final_notice',
      'second_reminder',
      'reminder',
      'first_notice',
    ]);
    expect(x.finalNoticeDate).not.toBeNull();
    const worklist = await collectionsWorklist(ctx);
    expect(worklist.find((r) => r.patientIds.includes(story.collections))).toMatchObject({ ready: true });
    expect(worklist.some((r) => r.patientIds.includes(story.placed))).toBe(false);
  });

  it('one plan is kept and one broken', async () => {
    const story = demo.accounts!;
    const state = (patientId: number) =>
      withTenant(store.db, demo.tenantId, async (tx) => {
        const account = await accountOfPatient(tx, demo.tenantId, patientId);
        return loadPlanStatus(tx, demo.tenantId, account, TODAY);
      });
    const kept = await state(story.keptPlan);
    expect(kept).toMatchObject({ state: 'kept', misses: 0 });
    expect(kept!.installments.filter((i) => i.status === 'paid').length).toBeGreaterThanOrEqual(3);
    const broken = await state(story.brokenPlan);
    expect(broken).toMatchObject({ state: 'broken' });
    expect(broken!.misses).toBeGreaterThanOrEqual(2);
    // while the plan was kept the statements asked for the installment, not the balance
    const k = await getPatientAccount(ctx, story.keptPlan);
    expect(k.payments.length).toBe(kept!.installments.filter((i) => i.paidCents > 0).length);
    expect(k.payments.every((p) => p.method === 'card' && p.appliedCents === p.amountCents)).toBe(true);
    expect(k.statements.some((s) => s.amountDueCents < s.balanceCents)).toBe(true);
  });

  it('an account is placed with an agency and the agency payment is posted, its fee apart', async () => {
    const story = demo.accounts!;
    const p = await getPatientAccount(ctx, story.placed);
    expect(p.placement).toMatchObject({ status: 'placed', agencyStatus: 'active' });
    const lines = await withTenant(store.db, demo.tenantId, (tx) =>
      tx
        .selectFrom('agency_report_line')
        .selectAll()
        .where('tenant_id', '=', demo.tenantId)
        .where('record_type', '=', 'payment')
        .execute(),
    );
    expect(lines).toHaveLength(1);
    expect(lines[0]!.problem).toBeNull();
    expect(Number(lines[0]!.fee_cents)).toBeGreaterThan(0);
    const paid = await withTenant(store.db, demo.tenantId, (tx) =>
      ledgerTotals(tx, demo.tenantId, { patientId: story.placed }),
    );
    expect(paid.patientPayments).toBe(Number(lines[0]!.paid_cents));
    expect(p.payments).toEqual([
      expect.objectContaining({ method: 'agency', amountCents: Number(lines[0]!.paid_cents), onAccountCents: 0 }),
    ]);
    expect(p.patientBalanceCents).toBe(p.placement!.placedBalanceCents - Number(lines[0]!.paid_cents));
  });

  it('payments in full and in part, contacts of every kind and eligibility answers are on file', async () => {
    const story = demo.accounts!;
    expect((await getPatientAccount(ctx, story.paidInFull)).patientBalanceCents).toBe(0);
    const part = await getPatientAccount(ctx, story.paidInPart);
    expect(part.patientBalanceCents).toBeGreaterThan(0);
    expect(part.lines.reduce((s, l) => s + l.patientPaidCents, 0)).toBeGreaterThan(0);
    const channels = await withTenant(store.db, demo.tenantId, (tx) =>
      tx
        .selectFrom('contact_log')
        .select(['channel', 'outcome', 'promise_cents'])
        .where('tenant_id', '=', demo.tenantId)
        .execute(),
    );
    expect(new Set(channels.map((c) => c.channel))).toEqual(new Set(['call', 'letter', 'text', 'agency']));
    expect(channels.some((c) => c.outcome === 'promise_to_pay' && Number(c.promise_cents) > 0)).toBe(true);
    const answers = await listEligibilityChecks(ctx, story.keptPlan);
    expect(answers.length).toBeGreaterThanOrEqual(2);
    for (const a of answers) {
      expect(a.status).toBe('answered');
      expect(a.benefits?.sentences.length).toBeGreaterThan(0);
    }
    // asked on the day of the visit and again today
    expect(answers.map((a) => a.serviceDate)).toEqual([TODAY, expect.stringMatching(/^2026-06-2\d$/)]);
  });

  it("every account's balance equals the sum of its ledger entries, and every posting balances", async () => {
    await withTenant(store.db, demo.tenantId, async (tx) => {
      const unbalanced = await sql`SELECT posting_id FROM ledger_entry WHERE tenant_id = ${demo.tenantId}
                                    GROUP BY posting_id HAVING sum(amount_cents) <> 0`.execute(tx);
      expect(unbalanced.rows).toEqual([]);
    });
    // each patient's share of the ledger, summed in the database
    const sums = await withTenant(store.db, demo.tenantId, (tx) =>
      sql<{ patient_id: number; ar: string; unapplied: string }>`
        SELECT patient_id,
               sum(CASE WHEN account = 'ar' AND responsibility = 'patient' THEN amount_cents ELSE 0 END) AS ar,
               sum(CASE WHEN account = 'unapplied' THEN amount_cents ELSE 0 END) AS unapplied
          FROM ledger_entry WHERE tenant_id = ${demo.tenantId} AND patient_id IS NOT NULL
         GROUP BY patient_id`.execute(tx),
    );
    const byPatient = new Map(sums.rows.map((r) => [Number(r.patient_id), r]));
    const accountIds = await withTenant(store.db, demo.tenantId, (tx) =>
      tx.selectFrom('patient_account').select('id').where('tenant_id', '=', demo.tenantId).execute(),
    );
    expect(accountIds.length).toBeGreaterThan(100);
    let owing = 0;
    for (const { id } of accountIds) {
      const { patientIds } = await withTenant(store.db, demo.tenantId, (tx) =>
        loadAccount(tx, demo.tenantId, { accountId: id }),
      );
      if (!patientIds.some((p) => byPatient.has(p))) continue;
      const patientAr = patientIds.reduce((s, p) => s + Number(byPatient.get(p)?.ar ?? 0), 0);
      const unapplied = patientIds.reduce((s, p) => s + Number(byPatient.get(p)?.unapplied ?? 0), 0);
      // what the account page shows, the use case's own reading of the ledger
      const view = await getPatientAccount(ctx, patientIds[0]!);
      expect(view.patientBalanceCents, `account ${id}`).toBe(patientAr);
      expect(view.amountOwedCents, `account ${id}`).toBe(patientAr + unapplied);
      expect(
        view.lines.reduce((s, l) => s + l.patientOwesCents, 0),
        `account ${id}`,
      ).toBe(patientAr);
      if (patientAr > 0) owing++;
    }
    // the story's patients read a third way: the ledger's totals
    const story = demo.accounts!;
    for (const p of [
      story.collections,
      story.placed,
      story.keptPlan,
      story.brokenPlan,
      story.paidInFull,
      story.paidInPart,
    ]) {
      const entries = await withTenant(store.db, demo.tenantId, (tx) =>
        ledgerEntries(tx, demo.tenantId, { patientId: p }),
      );
      const totals = await withTenant(store.db, demo.tenantId, (tx) =>
        ledgerTotals(tx, demo.tenantId, { patientId: p }),
      );
      expect(totals.balance).toBe(entries.filter((e) => e.account === 'ar').reduce((s, e) => s + e.amount, 0));
    }
    expect(owing).toBeGreaterThan(20);
  });
});

describe("the demo leaves the claims analyst's remittance work: a held 835, an unmatched line and claim, deposits", () => {
  const deps = () => ({ db: store.db, auditKey: auditKeyForTests(), claims: { now: () => NOW, today: () => TODAY } });
  const actor = () => ctx.actor;

  it('an 835 whose BPR02 the claims do not explain is held with the difference, and a person can post it', async () => {
    const story = demo.remittances!;
    expect(story.heldClaimId).not.toBeNull();
    const held = await listEras(deps(), actor(), { status: 'held' });
    expect(held.items).toHaveLength(1);
    const era = held.items[0]!;
    expect(era).toMatchObject({ payerName: 'BLUEBONNET BLUE HMO DEMO', paymentDate: '2026-11-15', claimCount: 1 });
    expect(era.holdReasons).toEqual([
      expect.objectContaining({
        code: 'remittance_unbalanced',
        equation: expect.stringMatching(/^BPR02 [\d.]+ ≠ ΣCLP04 [\d.]+ − ΣPLB 0\.00 = [\d.]+ \(difference 4\.12\)$/),
      }),
    ]);
    // nothing of it was posted: its claim waits, accepted by the payer's 277CA, with no payment on its ledger
    const claim = await withTenant(store.db, demo.tenantId, (tx) =>
      tx
        .selectFrom('claim')
        .select(['state'])
        .where('tenant_id', '=', demo.tenantId)
        .where('id', '=', story.heldClaimId!)
        .executeTakeFirstOrThrow(),
    );
    expect(claim.state).toBe('accepted');
    expect(
      (
        await withTenant(store.db, demo.tenantId, (tx) =>
          ledgerTotals(tx, demo.tenantId, { claimId: story.heldClaimId! }),
        )
      ).insurancePayments,
    ).toBe(0);
    // releasable: posted with a reason, the claims paid what CLP04 says and the $4.12 stays visible as a difference
    const released = await releaseEra(deps(), actor(), {
      remittanceId: era.id,
      action: 'post',
      reason: 'interest on a late claim; the payer left out its PLB L6',
    });
    expect(released.status).toBe('posted');
    const view = await getEra(deps(), actor(), { remittanceId: era.id });
    expect(view.status).toBe('posted');
    const paid = view.claims.reduce((s, c) => s + c.paidCents, 0);
    expect(paid + UNREPORTED_INTEREST_CENTS).toBe(era.paymentCents);
  });

  it('an 835 line the payer paid under another code waits on the unmatched worklist, the billed line suggested', async () => {
    const story = demo.remittances!;
    const open = await listUnmatched(deps(), actor(), { kind: 'line' });
    const item = open.items.find((i) => i.claimId === story.recodedClaimId);
    expect(item).toBeDefined();
    expect(item!.service).toMatchObject({ procedure: '99213', submittedProcedure: null, billedCents: 19000 });
    expect(item!.amountCents).toBe(item!.service!.paidCents);
    expect(item!.amountCents).toBeGreaterThan(0);
    expect(item!.lineSuggestions[0]).toMatchObject({ lineNumber: 1, procedure: '99214', chargeCents: 19000 });
  });

  it('an 835 claim the payer keyed under a wrong number waits on the unmatched worklist, our claim suggested', async () => {
    const story = demo.remittances!;
    expect(story.miskeyedClaimId).not.toBeNull();
    const ours = await withTenant(store.db, demo.tenantId, (tx) =>
      tx
        .selectFrom('claim')
        .select(['claim_number', 'state'])
        .where('tenant_id', '=', demo.tenantId)
        .where('id', '=', story.miskeyedClaimId!)
        .executeTakeFirstOrThrow(),
    );
    // sent and acknowledged (999), never answered by a 277CA: nothing tells us the payer's own number
    expect(ours.state).toBe('acknowledged');
    const open = await listUnmatched(deps(), actor(), { kind: 'claim' });
    const miskeyed = ours.claim_number.replaceAll('0', 'O');
    const items = open.items.filter((i) => i.patientControlNumber === miskeyed);
    expect(items).toHaveLength(1);
    const item = items[0]!;
    expect(item).toMatchObject({ kind: 'claim', heldAs: 'claim', claimId: null, status: 'open' });
    expect(item.amountCents).toBeGreaterThan(0);
    // our claim comes first, by the patient, the date of service and the amount
    expect(item.suggestions[0]).toMatchObject({ claimId: story.miskeyedClaimId, claimNumber: ours.claim_number });
    expect(item.suggestions[0]!.why.length).toBeGreaterThan(1);
    // its ERA was posted (not held): the money waits as unapplied, nothing on our claim's ledger
    const era = await getEra(deps(), actor(), { remittanceId: item.remittanceId });
    expect(era.status).toBe('posted');
    const totals = await withTenant(store.db, demo.tenantId, (tx) =>
      ledgerTotals(tx, demo.tenantId, { claimId: story.miskeyedClaimId! }),
    );
    expect(totals.insurancePayments).toBe(0);
  });

  it('deposits reconcile to their 835s by TRN02; a check without its 835 and the 835s without their money are listed', async () => {
    const r = await depositReconciliation(deps(), actor());
    expect(demo.remittances!.deposits).toBeGreaterThanOrEqual(2);
    // every deposit but the early check found its 835 by trace, for the same amount
    const matched = await withTenant(store.db, demo.tenantId, (tx) =>
      sql<{ trace: string; amount: string; paid: string; status: string }>`
        SELECT d.trace_number AS trace, d.amount_cents AS amount, r.payment_cents AS paid, d.status
          FROM deposit d JOIN deposit_remittance dr ON dr.tenant_id = d.tenant_id AND dr.deposit_id = d.id
          JOIN remittance r ON r.tenant_id = dr.tenant_id AND r.id = dr.remittance_id
         WHERE d.tenant_id = ${demo.tenantId} AND dr.matched_by = 'trace'`.execute(tx),
    );
    expect(matched.rows.length).toBe(demo.remittances!.deposits - 1);
    for (const m of matched.rows) expect([m.status, Number(m.amount)]).toEqual(['matched', Number(m.paid)]);
    expect(r.unmatchedDeposits.map((d) => [d.traceNumber, d.amountCents, d.method])).toEqual([
      [EARLY_CHECK.traceNumber, EARLY_CHECK.amountCents, 'CHK'],
    ]);
    expect(r.differences).toEqual([]);
    // today's 835s wait for their money (paid today, the EFT settles in a day or two)
    expect(r.unmatchedRemittances.length).toBeGreaterThan(3);
    expect(r.unmatchedRemittances.every((x) => x.paymentCents > 0)).toBe(true);
    expect(r.unmatchedRemittances.some((x) => x.paymentDate === TODAY)).toBe(true);
  });
});
