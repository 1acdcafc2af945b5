/**
 * The account rep in a real browser: open a demo patient's account, log a call, record a payment, and see the
 * contact and the payment listed and the balance change (a payment beyond what is owed shows as credit); the
 * demo's kept-plan account shows its ledger, statements, payments, plan installments, contacts and eligibility
 * answers in words (and a new check adds one); the placed account shows its agency. No CSP violation.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBrowserHarness, type BrowserHarness } from './browser-harness.ts';

const PASSWORD = 'demo-password-accounts';
let harness: BrowserHarness | undefined;

beforeAll(async () => {
  harness = await startBrowserHarness({ prefix: 'medbill-e2e-accounts-', password: PASSWORD });
}, 300_000);
afterAll(async () => {
  await harness?.close();
});

const cents = (text: string) => {
  const negative = /[−-]/.test(text);
  return Math.round(Number(text.replace(/[^0-9.]/g, '')) * 100) * (negative ? -1 : 1);
};

describe('web UI: the account rep records a call and a payment', () => {
  it('the contact is listed and the balance changes by the payment', async () => {
    const page: Page = await harness!.newPage();
    await harness!.logIn(page, 'rep');
    await page.waitForURL(/\/patients/);
    await page.goto(`${harness!.server.url}/patients/1`);
    const balance = page.getByTestId('account-balance');
    await balance.waitFor();
    const before = cents((await balance.textContent()) ?? '');

    const contact = page.getByRole('form', { name: 'Log a contact' });
    await contact.getByLabel('Outcome').selectOption('left_message');
    await contact.getByLabel('Note').fill('Asked to call back about the balance');
    await contact.getByRole('button', { name: 'Log contact' }).click();
    await expect
      .poll(() => page.getByRole('list', { name: 'Contacts' }).textContent())
      .toContain('Asked to call back about the balance');

    const pay = page.getByRole('form', { name: 'Record a payment' });
    await pay.getByLabel('Amount').fill('12.34');
    await pay.getByLabel('Method').selectOption('check');
    await pay.getByLabel('Check or card reference').fill('1001');
    await pay.getByRole('button', { name: 'Record payment' }).click();
    await expect.poll(() => pay.textContent()).toContain('Payment of $12.34 recorded');
    await expect.poll(async () => cents((await balance.textContent()) ?? '')).toBe(before - 1234);
    const payments = page.getByRole('table', { name: 'Payments' });
    await expect.poll(() => payments.locator('tbody tr').first().textContent()).toMatch(/check\s*1001\s*\$12\.34/);
    // the 401 of /api/auth/me before logging in is expected; no CSP violation and no page error
    const problems = harness!.consoleProblems;
    expect(problems.filter((m) => /Content.Security.Policy|CSP violation|Refused to/i.test(m))).toEqual([]);
    expect(problems.filter((m) => m.startsWith('pageerror'))).toEqual([]);
  });

  it("a kept plan's account: ledger, statements, payments, installments, contacts and eligibility answers in words", async () => {
    const db = harness!.server.store.db;
    // the demo's kept plan: the patient asked about twice (the day of the visit and today) with an active plan
    const asked = await db
      .selectFrom('eligibility_check')
      .select('patient_id')
      .groupBy('patient_id')
      .having((eb) => eb.fn.countAll(), '>=', 2)
      .execute();
    expect(asked.length, 'the demo has a patient asked about twice').toBe(1);
    const patientId = asked[0]!.patient_id;
    const page: Page = await harness!.newPage({ width: 1366, height: 900 });
    await harness!.logIn(page, 'rep');
    await page.waitForURL(/\/patients/);
    await page.goto(`${harness!.server.url}/patients/${patientId}`);
    await page.getByTestId('account-balance').waitFor();

    await page.getByRole('table', { name: 'Payments' }).waitFor();
    expect(await page.getByRole('table', { name: 'Payments' }).locator('tbody tr').count()).toBeGreaterThanOrEqual(3);
    expect(await page.getByTestId('plan-state').textContent()).toMatch(/6 monthly installments .*: kept\. Paid \$/);
    const installments = page.getByRole('table', { name: 'Installments' }).locator('tbody tr');
    expect(await installments.count()).toBe(6);
    expect(await installments.filter({ hasText: 'paid' }).count()).toBeGreaterThanOrEqual(3);
    expect(await page.getByRole('list', { name: 'Statements' }).locator('li').count()).toBeGreaterThanOrEqual(3);
    expect(await page.getByRole('list', { name: 'Contacts' }).textContent()).toContain('payment plan agreed');
    expect(await page.locator('table.account-lines tbody tr').count()).toBeGreaterThanOrEqual(2);

    const answers = page.getByRole('list', { name: 'Eligibility answers' }).locator(':scope > li');
    expect(await answers.count()).toBe(2);
    // newest first, each in words: the plan active on the date, the deductible met and left
    expect(await answers.first().textContent()).toMatch(/answered.*The plan.* is active on .*Deductible/s);
    await page.getByRole('button', { name: 'Check eligibility' }).click();
    await expect.poll(() => answers.count(), { timeout: 30_000 }).toBe(3);
    expect(await answers.first().textContent()).toMatch(/answered.*is active on/s);

    // the account placed with the agency says so, with what the agency reports
    const placed = await db
      .selectFrom('collection_placement as c')
      .innerJoin('patient_account as a', (j) =>
        j.onRef('a.tenant_id', '=', 'c.tenant_id').onRef('a.id', '=', 'c.account_id'),
      )
      .innerJoin('patient as p', (j) =>
        j
          .onRef('p.tenant_id', '=', 'a.tenant_id')
          .on((eb) =>
            eb.or([eb('p.id', '=', eb.ref('a.patient_id')), eb('p.guarantor_id', '=', eb.ref('a.guarantor_id'))]),
          ),
      )
      .select('p.id')
      .executeTakeFirstOrThrow();
    await page.goto(`${harness!.server.url}/patients/${placed.id}`);
    await page.getByTestId('account-balance').waitFor();
    expect(await page.getByRole('region', { name: 'Collection agency' }).textContent()).toMatch(
      /Placed with Alamo Credit Associates \(demo\) on .*the agency reports: active/,
    );
    expect(await page.getByRole('table', { name: 'Payments' }).textContent()).toContain('agency');
    const problems = harness!.consoleProblems;
    expect(problems.filter((m) => /Content.Security.Policy|CSP violation|Refused to/i.test(m))).toEqual([]);
    expect(problems.filter((m) => m.startsWith('pageerror'))).toEqual([]);
  });

  it('the rep reaches money from the menu: worklist, a statement run followed to the end, collections', async () => {
    const page: Page = await harness!.newPage();
    await harness!.logIn(page, 'rep');
    await page.waitForURL(/\/patients/);
    const nav = page.getByRole('navigation', { name: 'Main' });
    await nav.getByRole('link', { name: 'Accounts' }).click();
    // the demo's balances after insurance, or the worklist saying there are none
    await page.getByRole('table', { name: 'Accounts' }).or(page.getByText('No accounts on this list.')).waitFor();
    await page.getByRole('button', { name: 'Plans late or broken' }).click();
    await page.waitForURL(/view=plans_late/);

    await nav.getByRole('link', { name: 'Statements' }).click();
    await page
      .getByRole('form', { name: 'Start a statement run' })
      .getByRole('button', { name: 'Run statements' })
      .click();
    await page.waitForURL(/\/statement-runs\/\d+$/);
    await expect.poll(() => page.getByTestId('run-status').textContent(), { timeout: 60_000 }).toMatch(/^Finished/);
    await page.getByRole('table', { name: 'Statements' }).waitFor();
    await expect.poll(() => page.getByTestId('run-status').textContent()).toMatch(/(\d+)\/\1 printed/);
    await page.getByRole('link', { name: 'Print vendor file (CSV)' }).waitFor();

    await nav.getByRole('link', { name: 'Collections' }).click();
    await page.getByRole('heading', { name: 'Past the collection rules' }).waitFor();
    await page.getByRole('heading', { name: 'With an agency' }).waitFor();
    const problems = harness!.consoleProblems;
    expect(problems.filter((m) => /Content.Security.Policy|CSP violation|Refused to/i.test(m))).toEqual([]);
    expect(problems.filter((m) => m.startsWith('pageerror'))).toEqual([]);
  });
});
