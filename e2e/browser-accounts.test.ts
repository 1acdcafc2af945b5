/**
 * The account rep in a real browser: open a demo patient's account, log a call, record a payment, and see the
 * contact and the payment listed and the balance change (a payment beyond what is owed shows as credit); the
 * demo's kept-plan account shows its ledger, statements, payments, plan installments, contacts and eligibility
 * answers in words (and a new check adds one); the placed account shows its agency. An admin adds a collection
 * agency through the Collections page's form, sees it listed, and places the account past the rules with it; the
 * account then shows under "With an agency" and on its page. A payment goes to the charge the rep chose (the rest as
 * credit), the credit is refunded only when someone else (the admin) approves, a small balance is written off under
 * the rule, and another account goes on a payment plan. A planned visit is estimated from the 271 on file, and a
 * self-pay estimate gives the Good Faith Estimate PDF. No CSP violation.
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
    // a patient whose account is not on the collections worklist (a later test places the one past the rules)
    const pastRules = await page.evaluate(async () =>
      ((await (await fetch('/api/collections/worklist')).json()).items as Array<{ patientIds: number[] }>).flatMap(
        (r) => r.patientIds,
      ),
    );
    const patientId = [1, 2, 3, 4, 5, 6, 7, 8].find((id) => !pastRules.includes(id))!;
    await page.goto(`${harness!.server.url}/patients/${patientId}`);
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
    await page.getByRole('list', { name: 'Contacts' }).waitFor();
    expect(await page.getByRole('list', { name: 'Contacts' }).textContent()).toContain('payment plan agreed');
    expect(await page.locator('table.account-lines tbody tr').count()).toBeGreaterThanOrEqual(2);

    const answers = page.getByRole('list', { name: 'Eligibility answers' }).locator(':scope > li');
    // the answers load on their own after the account: wait for them, not for the account
    await expect.poll(() => answers.count(), { timeout: 30_000 }).toBe(2);
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

  it('an admin adds a collection agency from the Collections page and places the ready account with it', async () => {
    const page: Page = await harness!.newPage({ width: 1366, height: 900 });
    await harness!.logIn(page, 'admin');
    await page.waitForURL(/\/patients/);
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Collections' }).click();
    const agencies = page.getByRole('table', { name: 'Agencies' });
    await agencies.waitFor();
    expect(await agencies.textContent()).not.toContain('Rio Grande Collections');

    const form = page.getByRole('form', { name: 'Add an agency' });
    await form.getByLabel('Agency name').fill('Rio Grande Collections');
    await form.getByLabel('Code on its files').fill('rgc-7');
    await form.getByLabel('Fee (% of what it collects)').fill('22.5');
    await form.getByRole('button', { name: 'Add agency' }).click();
    await page.getByText('Added Rio Grande Collections (RGC-7), fee 22.50%.').waitFor();
    const row = agencies.locator('tbody tr', { hasText: 'Rio Grande Collections' });
    await expect.poll(() => row.textContent()).toMatch(/Rio Grande Collections\s*RGC-7\s*22\.50%\s*0\s*\$?0\.00/);

    // the same code again is refused, in words
    await form.getByLabel('Agency name').fill('Another Agency');
    await form.getByLabel('Code on its files').fill('RGC-7');
    await form.getByLabel('Fee (% of what it collects)').fill('10');
    await form.getByRole('button', { name: 'Add agency' }).click();
    await page.getByText("Agency code RGC-7 is already Rio Grande Collections's").waitFor();
    expect(await form.getByText('is already in use').count()).toBe(1);

    // the demo's account past the rules, its final notice out, is placed with the new agency
    const worklist = page.getByRole('table', { name: 'Collections worklist' });
    await worklist.waitFor();
    const ready = worklist.locator('tbody tr').filter({ has: page.locator('input[type=checkbox]:not([disabled])') });
    expect(await ready.count(), 'the demo has an account ready for placement').toBeGreaterThanOrEqual(1);
    const name = ((await ready.first().locator('td a').textContent()) ?? '').trim();
    await ready.first().locator('input[type=checkbox]').check();
    const place = page.getByRole('group', { name: 'Place with an agency' });
    await place.getByLabel('Agency').selectOption({ label: 'Rio Grande Collections' });
    const download = page.waitForEvent('download');
    await place.getByRole('button', { name: /^Place 1 with the agency/ }).click();
    expect((await download).suggestedFilename()).toMatch(/^placement-\d+\.csv$/);
    await page.getByText(/Placed 1 account\(s\)/).waitFor();
    const placed = page.getByRole('table', { name: 'Placed accounts' }).locator('tbody tr', { hasText: name });
    await expect.poll(() => placed.textContent()).toContain('Rio Grande Collections since');
    await expect.poll(() => row.textContent()).toMatch(/RGC-7\s*22\.50%\s*1\s*\$/);

    await placed.getByRole('link', { name }).click();
    await page.getByTestId('account-balance').waitFor();
    expect(await page.getByRole('region', { name: 'Collection agency' }).textContent()).toMatch(
      /Placed with Rio Grande Collections on /,
    );
    const problems = harness!.consoleProblems;
    expect(problems.filter((m) => /Content.Security.Policy|CSP violation|Refused to/i.test(m))).toEqual([]);
    expect(problems.filter((m) => m.startsWith('pageerror'))).toEqual([]);
  });

  it('pays a chosen charge, refunds the credit with approval, writes off a small balance, sets up a plan', async () => {
    const page: Page = await harness!.newPage({ width: 1366, height: 900 });
    await harness!.logIn(page, 'rep');
    await page.waitForURL(/\/patients/);
    type Line = { lineId: number; serviceDate: string; patientOwesCents: number };
    type Account = { patientBalanceCents: number; creditCents: number; plan: unknown; lines: Line[] };
    // accounts with two charges still owed, no plan, no credit, nothing pending with insurance (through the page's API)
    const candidates = await page.evaluate(async () => {
      const list = await (await fetch('/api/accounts/worklist?view=balances&limit=200')).json();
      const found: number[] = [];
      for (const r of list.items as Array<{ patientId: number; plan: unknown; agency: unknown }>) {
        if (r.plan || r.agency) continue;
        const a = await (await fetch(`/api/patients/${r.patientId}/account`)).json();
        if (a.insurancePendingCents || a.creditCents) continue;
        if (a.lines.filter((l: { patientOwesCents: number }) => l.patientOwesCents > 0).length >= 2)
          found.push(r.patientId);
        if (found.length === 2) break;
      }
      return found;
    });
    expect(candidates.length, 'the demo has two accounts owing on two charges, with no plan').toBe(2);
    const [payer, planned] = candidates as [number, number];
    const account = (id: number) =>
      page.evaluate(async (p) => (await fetch(`/api/patients/${p}/account`)).json(), id) as Promise<Account>;

    // a payment on the newest charge (chosen), $5.00 more than it owes: that line is paid, the older one not
    const before = await account(payer);
    const open = before.lines.filter((l) => l.patientOwesCents > 0);
    const [oldest, newest] = [open[0]!, open.at(-1)!];
    await page.goto(`${harness!.server.url}/patients/${payer}`);
    const pay = page.getByRole('form', { name: 'Record a payment' });
    await pay.getByRole('group', { name: /Apply to/ }).waitFor();
    await pay
      .getByRole('checkbox')
      .nth(open.length - 1)
      .check();
    await pay.getByLabel('Amount').fill(((newest.patientOwesCents + 500) / 100).toFixed(2));
    await pay.getByRole('button', { name: 'Record payment' }).click();
    await expect.poll(() => pay.textContent()).toContain('on 1 charge(s); $5.00 kept as credit');
    const paid = await account(payer);
    expect(paid.lines.find((l) => l.lineId === newest.lineId)!.patientOwesCents).toBe(0);
    expect(paid.lines.find((l) => l.lineId === oldest.lineId)!.patientOwesCents).toBe(oldest.patientOwesCents);
    expect(paid.creditCents).toBe(before.creditCents + 500);

    // the rep asks to refund the $5.00; the rep cannot approve it, the admin can
    const refunds = page.getByRole('region', { name: 'Credit and refunds' });
    const ask = refunds.getByRole('form', { name: 'Ask for a refund' });
    await ask.getByLabel('Refund amount').fill('5.00');
    await ask.getByLabel('Reason').fill('paid twice at the desk');
    await ask.getByRole('button', { name: 'Ask for refund' }).click();
    await expect.poll(() => refunds.textContent()).toContain('Refund of $5.00 asked');
    const request = refunds
      .getByRole('table', { name: 'Refund requests' })
      .locator('tbody tr', { hasText: 'paid twice' });
    expect(await request.textContent()).toMatch(/\$5\.00.*paid twice at the desk.*rep.*requested/);
    expect(await refunds.getByRole('button', { name: 'Approve' }).count()).toBe(0);
    const admin: Page = await harness!.newPage({ width: 1366, height: 900 });
    await harness!.logIn(admin, 'admin');
    await admin.waitForURL(/\/patients/);
    await admin.goto(`${harness!.server.url}/patients/${payer}`);
    const adminRefunds = admin.getByRole('region', { name: 'Credit and refunds' });
    await adminRefunds
      .getByRole('table', { name: 'Refund requests' })
      .locator('tbody tr', { hasText: 'paid twice' })
      .getByRole('button', { name: 'Approve' })
      .click();
    await expect.poll(() => adminRefunds.textContent()).toContain('Refund of $5.00 approved');
    expect((await account(payer)).creditCents).toBe(before.creditCents);

    // paid down to $3.00 (oldest first), the small balance is written off under the rule: nothing owed
    const owed = (await account(payer)).patientBalanceCents - (await account(payer)).creditCents;
    await page.reload();
    await pay.getByLabel('Amount').fill(((owed - 300) / 100).toFixed(2));
    await pay.getByRole('button', { name: 'Record payment' }).click();
    const balance = page.getByTestId('account-balance');
    await expect.poll(() => balance.textContent()).toBe('$3.00');
    await page.getByRole('button', { name: 'Write off small balance' }).click();
    await page.getByText('Small balance of $3.00 written off.').waitFor();
    await expect.poll(() => balance.textContent()).toBe('$0.00');
    // the answer stays once the account has reloaded with nothing owed (it used to vanish with the button)
    expect(await page.getByText('Small balance of $3.00 written off.').isVisible()).toBe(true);
    expect(await page.getByRole('button', { name: 'Write off small balance' }).count()).toBe(0);

    // the other account goes on a plan of three monthly payments
    await page.goto(`${harness!.server.url}/patients/${planned}`);
    const plan = page.getByRole('form', { name: 'Set up a payment plan' });
    await plan.getByLabel('Installments').fill('3');
    const due = new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);
    await plan.getByLabel('First due date').fill(due);
    await plan.getByLabel('Days of grace').fill('5');
    await plan.getByLabel('Breaks after missed payments').fill('3');
    await plan.getByRole('button', { name: 'Set up plan' }).click();
    await expect
      .poll(() => page.getByTestId('plan-state').textContent())
      .toMatch(
        /in 3 monthly installments .*: kept\..*missed 5 days after its due date; the plan breaks after 3 missed\./,
      );
    expect(await page.getByRole('table', { name: 'Installments' }).locator('tbody tr').count()).toBe(3);
    expect(await page.getByRole('table', { name: 'Installments' }).textContent()).toContain(due);
    const problems = harness!.consoleProblems;
    expect(problems.filter((m) => /Content.Security.Policy|CSP violation|Refused to/i.test(m))).toEqual([]);
    expect(problems.filter((m) => m.startsWith('pageerror'))).toEqual([]);
  });

  it('estimates a planned visit from the 271 on file, and gives a self-pay patient a Good Faith Estimate PDF', async () => {
    const db = harness!.server.store.db;
    const answered = await db
      .selectFrom('eligibility_check')
      .select('patient_id')
      .where('status', '=', 'answered')
      .orderBy('id')
      .executeTakeFirstOrThrow();
    const page: Page = await harness!.newPage({ width: 1366, height: 900 });
    await harness!.logIn(page, 'rep');
    await page.waitForURL(/\/patients/);
    await page.goto(`${harness!.server.url}/patients/${answered.patient_id}`);
    const box = page.getByRole('region', { name: 'Cost estimate' });
    const form = box.getByRole('form', { name: 'Estimate a visit' });
    await form.getByLabel('Planned codes').fill('99213 93000x2');
    await form.getByRole('button', { name: 'Estimate' }).click();
    const shown = box.getByTestId('estimate');
    await expect
      .poll(() => shown.textContent())
      .toMatch(/^Estimate for .* with .*: the patient is likely to owe \$[\d,.]+, insurance to pay \$/);
    expect(await shown.locator('tbody tr').count()).toBe(2);

    await form.getByLabel(/Self-pay/).check();
    await form.getByRole('button', { name: 'Estimate' }).click();
    await expect.poll(() => shown.textContent()).toMatch(/^Good Faith Estimate for .*\(uninsured or self-pay\)/);
    const href = await shown.getByRole('link', { name: 'Good Faith Estimate (PDF)' }).getAttribute('href');
    const pdf = await page.request.get(`${harness!.server.url}${href}`);
    expect(pdf.status()).toBe(200);
    expect(pdf.headers()['content-type']).toContain('application/pdf');
    expect((await pdf.body()).subarray(0, 5).toString()).toBe('%PDF-');
    const problems = harness!.consoleProblems;
    expect(problems.filter((m) => /Content.Security.Policy|CSP violation|Refused to/i.test(m))).toEqual([]);
    expect(problems.filter((m) => m.startsWith('pageerror'))).toEqual([]);
  });
});
