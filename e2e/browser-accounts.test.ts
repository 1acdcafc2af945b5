/**
 * The account rep in a real browser: open a demo patient's account, log a call, record a payment, and see the
 * contact listed and the balance change (a payment beyond what is owed shows as credit); no CSP violation.
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
    // the 401 of /api/auth/me before logging in is expected; no CSP violation and no page error
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
