/**
 * The screens behind underpayments and appeals, in a real browser: an admin adds a payer contract (allowed
 * amounts per code and modifier, effective-dated) from the Payers page and reads its rates back; the claims
 * analyst edits the office's appeal-letter template, inserts a placeholder, previews the letter filled with an
 * example, and saves it; no CSP violation, no page error.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBrowserHarness, type BrowserHarness } from './browser-harness.ts';

const PASSWORD = 'demo-password-contracts';
let harness: BrowserHarness | undefined;

beforeAll(async () => {
  harness = await startBrowserHarness({ prefix: 'medbill-e2e-contracts-', password: PASSWORD });
}, 300_000);
afterAll(async () => {
  await harness?.close();
});

describe('web UI: payer contracts and the appeal-letter template', () => {
  it('an admin adds a contract to a payer and reads its rates', async () => {
    const page: Page = await harness!.newPage();
    await harness!.logIn(page, 'admin');
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Payers' }).click();
    await page.getByRole('heading', { name: 'Payers', level: 1 }).waitFor();
    const firstPayer = page.locator('table tbody tr').first();
    const payerName = ((await firstPayer.locator('td').first().textContent()) ?? '').trim();
    await firstPayer.click();
    const contracts = page.getByRole('region', { name: `Contracts of ${payerName}` });
    const form = contracts.getByRole('form', { name: 'Add a contract' });
    await form.getByLabel('Name').fill('E2E fee schedule 2027');
    await form.getByLabel('Effective from').fill('2027-01-01');
    await form.getByLabel('Allowed amounts').fill('99213 85\n99214-25 x');
    await form.getByRole('button', { name: 'Save contract' }).click();
    // a line that is not a code and an amount is named, nothing is saved
    await expect.poll(() => form.getByRole('alert').textContent()).toContain('line 2 "99214-25 x"');
    await form.getByLabel('Allowed amounts').fill('99213 85\n99214-25 $126.50');
    await form.getByRole('button', { name: 'Save contract' }).click();
    await expect.poll(() => form.getByRole('status').textContent()).toContain('Contract saved with 2 rates.');
    const rates = contracts.getByRole('table', { name: 'Rates of E2E fee schedule 2027' });
    await expect.poll(() => rates.textContent()).toContain('$126.50');
    expect(await rates.textContent()).toContain('$85.00');
    expect(await contracts.getByRole('table', { name: 'Contracts' }).textContent()).toContain(
      '2027-01-01 – open-ended',
    );
    await page.context().close();
  });

  it('the analyst edits the appeal template, previews it with an example and saves it', async () => {
    const page: Page = await harness!.newPage();
    await harness!.logIn(page, 'analyst');
    await page.waitForURL(/\/billing/);
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Denials' }).click();
    await page.getByRole('link', { name: 'Appeal letter template' }).click();
    const text = page.getByLabel('Template');
    await expect.poll(() => text.inputValue()).toContain('{{denialReason}}');
    await text.fill('Re: claim ');
    await text.press('End');
    await page.getByRole('list', { name: 'Placeholders' }).getByRole('button', { name: '{{claimNumber}}' }).click();
    await expect.poll(() => text.inputValue()).toBe('Re: claim {{claimNumber}}');
    await text.press('End');
    await text.pressSequentially(', denied for {{denialReason}} on {{deniedOn}}. {{claimNumbr}}');
    await page.getByRole('button', { name: 'Preview' }).click();
    const preview = page.getByTestId('appeal-preview');
    await expect.poll(() => preview.textContent()).toContain('Re: claim C000123, denied for CO-16');
    expect(await page.getByRole('alert').textContent()).toContain('{{claimNumbr}}');
    await page.getByRole('button', { name: 'Save template' }).click();
    await expect.poll(() => page.getByRole('alert').first().textContent()).toContain('unknown placeholder');
    await text.fill('Re: claim {{claimNumber}}, denied for {{denialReason}} on {{deniedOn}}.');
    await page.getByRole('button', { name: 'Save template' }).click();
    await expect.poll(() => page.getByRole('status').textContent()).toContain('Template saved');
    await page.reload();
    await expect
      .poll(() => page.getByLabel('Template').inputValue())
      .toBe('Re: claim {{claimNumber}}, denied for {{denialReason}} on {{deniedOn}}.');

    const problems = harness!.consoleProblems;
    expect(problems.filter((m) => /Content.Security.Policy|CSP violation|Refused to/i.test(m))).toEqual([]);
    expect(problems.filter((m) => m.startsWith('pageerror'))).toEqual([]);
    await page.context().close();
  });
});
