/**
 * The account rep's money work on the real ledger: a posted 835 leaves a patient balance; the account page shows
 * it line by line in words; payments (oldest first or chosen), credits and refunds with approval, small-balance
 * write-offs; a statement run whose PDF text shows the patient, the amount due and aging equal to the ledger.
 * After every step each balance equals the sum of its ledger entries.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  adjustmentEntries,
  chargePosting,
  insurancePaymentEntries,
  transferEntries,
  type LineRef,
} from '@medbill/core/ledger';
import { patientAccount, refundRequestView } from '@medbill/api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getPatientAccount } from '../src/accounts/get-account.ts';
import { recordPatientPayment } from '../src/accounts/record-payment.ts';
import { decideRefund, requestRefund } from '../src/accounts/refunds.ts';
import { planStatementRun } from '../src/accounts/run-statements.ts';
import { writeStatementFiles } from '../src/accounts/statement-files.ts';
import type { UseCaseContext } from '../src/accounts/use-case-context.ts';
import { writeOffSmallBalance } from '../src/accounts/write-off.ts';
import { withTenant, type Store } from '../src/db/open-database.ts';
import { appendPostings, ledgerTotals } from '../src/ledger/index.ts';
import { hasPoppler, pageText, POPPLER_MISSING_MESSAGE } from '../src/print/poppler.test-util.ts';
import { serialiseStrictly } from './serialise-strictly.ts';
import { auditKeyForTests, createTenantFixture, type TenantFixture } from './fixtures.ts';
import { openTestStore } from './test-store.ts';

let store: Store;
let t: TenantFixture;
let rep: UseCaseContext;
let admin: UseCaseContext;
let lines: LineRef[] = [];
const key = auditKeyForTests();
const today = '2026-11-23';
const out = fs.mkdtempSync(path.join(os.tmpdir(), 'medbill-statements-'));

const ctxFor = (userId: number, username: string): UseCaseContext => ({
  db: store.db,
  tenantId: t.tenantId,
  actor: { tenantId: t.tenantId, userId, username, sourceIp: '127.0.0.1' },
  auditKey: key,
  now: () => new Date(`${today}T15:00:00Z`),
});

/** Two visits: a charge to the payer, then the 835: paid, CO 45, and PR (deductible / copay) to the patient. */
beforeAll(async () => {
  store = await openTestStore();
  t = await createTenantFixture(store, 'acct');
  rep = ctxFor(t.users.account_rep.id, t.users.account_rep.username);
  admin = ctxFor(t.users.admin.id, t.users.admin.username);
  await withTenant(store.db, t.tenantId, async (tx) => {
    const line1 = await tx
      .selectFrom('service_line')
      .select('id')
      .where('tenant_id', '=', t.tenantId)
      .where('encounter_id', '=', t.encounterId)
      .executeTakeFirstOrThrow();
    const line2 = await tx
      .insertInto('service_line')
      .values({
        tenant_id: t.tenantId,
        encounter_id: t.encounterId,
        line_number: 2,
        procedure_code: '36415',
        units: 1,
        charge_cents: 2500,
        diagnosis_pointers: [1],
        service_date: '2026-11-02',
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    lines = [line1.id, line2.id].map((serviceLineId) => ({
      serviceLineId,
      claimId: t.claimId,
      patientId: t.patientId,
      practiceId: t.practiceId,
    }));
    const payer = { kind: 'payer' as const, payerId: t.payerId };
    await appendPostings(
      tx,
      t.tenantId,
      [
        chargePosting(lines[0]!, payer, 15000, '2026-11-02', 'claim sent'),
        chargePosting(lines[1]!, payer, 2500, '2026-11-02', 'claim sent'),
        {
          kind: 'claim_payment',
          effectiveDate: '2026-07-10',
          memo: '835',
          claimId: t.claimId,
          patientId: t.patientId,
          entries: [
            ...insurancePaymentEntries(lines[0]!, t.payerId, 7000),
            ...adjustmentEntries(lines[0]!, payer, 'CO', '45', 5500),
            ...transferEntries(lines[0]!, payer, { kind: 'patient' }, 2500, { group: 'PR', reason: '3' }),
            ...adjustmentEntries(lines[1]!, payer, 'CO', '45', 1300),
            ...transferEntries(lines[1]!, payer, { kind: 'patient' }, 1200, { group: 'PR', reason: '1' }),
          ],
        },
      ],
      { userId: null, username: 'test' },
    );
  });
});
afterAll(async () => {
  await store?.close();
  fs.rmSync(out, { recursive: true, force: true });
});

async function balances() {
  return withTenant(store.db, t.tenantId, (tx) => ledgerTotals(tx, t.tenantId, { patientId: t.patientId }));
}

describe('patient account on the ledger', () => {
  it('the account page explains each charge and what the patient owes, equal to the ledger', async () => {
    const a = await getPatientAccount(rep, t.patientId);
    const ledger = await balances();
    expect(a.patientBalanceCents).toBe(3700);
    expect(a.patientBalanceCents).toBe(ledger.patientBalance);
    const visit = a.lines.find((l) => l.code === '99213')!;
    expect(visit).toMatchObject({
      description: 'Office or outpatient visit',
      chargeCents: 15000,
      insurancePaidCents: 7000,
      patientOwesCents: 2500,
      billedTo: [`acct Health`],
    });
    expect(visit.adjustments[0]).toMatchObject({
      group: 'CO',
      reason: '45',
      amountCents: 5500,
      explanation: expect.stringMatching(/discount your insurer negotiated/),
    });
    expect(visit.patientShare[0]!.explanation).toBe('This is your copay for the visit.');
    expect(a.aging).toEqual({ current: 0, days31to60: 0, days61to90: 0, days91to120: 0, over120: 3700 });
  });

  it('a statement run prints the patient, the amount due and the aging of the ledger; one per cycle', async () => {
    const run = await planStatementRun(rep, { asOf: today });
    expect(run.statements).toHaveLength(1);
    const s = run.statements[0]!;
    expect(s.content).toMatchObject({ amountDueCents: 3700, balanceCents: 3700, aging: { over120: 3700 } });
    expect(s.level).toBe('final_notice');
    const files = await writeStatementFiles(run, out);
    const csv = fs.readFileSync(files.csvFile, 'utf8').split('\r\n');
    expect(csv[0]).toMatch(/^statement_number,account_number,guarantor_name/);
    expect(csv[1]).toContain(',37.00,37.00,0.00,0.00,0.00,0.00,37.00,final_notice,');
    if (!hasPoppler()) return console.warn(POPPLER_MISSING_MESSAGE);
    const text = pageText(fs.readFileSync(path.join(out, `${s.content.statementNumber}.pdf`)), 1);
    expect(text).toContain('Gina Guardacct');
    expect(text).toContain(`Quinn Sampleacct`);
    expect(text).toMatch(/Amount due[\s\S]*\$37\.00/);
    expect(text).toContain('Office or outpatient visit (99213)');
    expect(text).toMatch(/Over 120 days\s+Balance\s*\n\s*\$0\.00\s+\$0\.00\s+\$0\.00\s+\$0\.00\s+\$37\.00\s+\$37\.00/);
    expect(text).toContain('FINAL NOTICE');
    const again = await planStatementRun(rep, { asOf: today });
    expect(again.statements).toHaveLength(0);
    expect(again.skipped).toEqual({ already_this_cycle: 1 });
  });

  it('a payment goes to the oldest line first; an overpayment becomes a credit refunded only with approval', async () => {
    const p = await recordPatientPayment(rep, {
      patientId: t.patientId,
      amountCents: 3000,
      method: 'check',
      reference: '1042',
    });
    expect(p.applied.map((x) => x.amountCents).reduce((s, x) => s + x, 0)).toBe(3000);
    expect((await balances()).patientBalance).toBe(700);
    const over = await recordPatientPayment(rep, { patientId: t.patientId, amountCents: 1000, method: 'cash' });
    expect(over.onAccountCents).toBe(300);
    const a = await getPatientAccount(rep, t.patientId);
    expect(a).toMatchObject({ patientBalanceCents: 0, creditCents: 300, amountOwedCents: -300 });
    const req = await requestRefund(rep, { patientId: t.patientId, amountCents: 300, reason: 'overpaid at the desk' });
    await expect(decideRefund(rep, { refundId: req.id, approve: true })).rejects.toThrow(/cannot approve/);
    const done = serialiseStrictly(refundRequestView, await decideRefund(admin, { refundId: req.id, approve: true }));
    expect(done).toMatchObject({ status: 'approved', requestedBy: rep.actor.username, postingId: expect.any(Number) });
    const after = serialiseStrictly(patientAccount, await getPatientAccount(rep, t.patientId));
    expect(after.creditCents).toBe(0);
    expect(after.refunds).toEqual([expect.objectContaining({ id: req.id, amountCents: 300, status: 'approved' })]);
    expect(after.payments.map((x) => x.method)).toContain('cash');
    await expect(requestRefund(rep, { patientId: t.patientId, amountCents: 1, reason: 'x' })).rejects.toThrow(
      /credit available/,
    );
  });

  it('a small balance is written off by rule, a larger one is refused', async () => {
    await withTenant(store.db, t.tenantId, (tx) =>
      appendPostings(
        tx,
        t.tenantId,
        [
          {
            kind: 'transfer',
            effectiveDate: today,
            memo: 'test',
            claimId: t.claimId,
            patientId: t.patientId,
            entries: transferEntries(lines[0]!, { kind: 'payer', payerId: t.payerId }, { kind: 'patient' }, 400),
          },
        ],
        { userId: null, username: 'test' },
      ),
    );
    const w = await writeOffSmallBalance(rep, t.patientId);
    expect(w.totalCents).toBe(400);
    const ledger = await balances();
    expect(ledger.patientBalance).toBe(0);
    expect(ledger.writeOffs).toBe(400);
    await expect(writeOffSmallBalance(rep, t.patientId)).rejects.toThrow(/does not apply/);
  });
});
