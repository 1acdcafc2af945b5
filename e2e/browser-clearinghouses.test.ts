/**
 * The admin's Clearinghouses page in a real browser (issue 8 items 1 and 2): an SFTP clearinghouse is created with
 * its password, which the page and the API never show again (only when it was set); replacing it works the same
 * way; a folder clearinghouse whose folder name reaches outside the office's own folder is refused with a message.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBrowserHarness, type BrowserHarness } from './browser-harness.ts';

const PASSWORD = 'demo-password-clearinghouses';
const SFTP_PASSWORD = 'sftp-Secret-7f3c9a1e';
const REPLACED = 'sftp-Replaced-2b8d4e6f';
let harness: BrowserHarness | undefined;

beforeAll(async () => {
  harness = await startBrowserHarness({ prefix: 'medbill-e2e-clearinghouses-', password: PASSWORD });
}, 300_000);
afterAll(async () => {
  await harness?.close();
});

describe('web UI: the admin manages clearinghouses', () => {
  it('stores an SFTP password write-only, replaces it, and refuses a folder outside the office', async () => {
    const page = await harness!.newPage();
    await harness!.logIn(page, 'admin');
    await page.getByTestId('current-user').waitFor();
    await page.getByRole('link', { name: 'Clearinghouses' }).click();
    await page.getByRole('heading', { name: 'Clearinghouses', level: 1 }).waitFor();

    await page.getByRole('button', { name: 'New clearinghouse' }).click();
    const form = page.getByRole('form', { name: 'New clearinghouse' });
    await form.getByLabel(/^Name( \*)?$/).fill('Browser SFTP Exchange');
    await form.getByLabel('Submitter ID (ISA06)').fill('BROWSERSUB');
    await form.getByLabel('Submitter name').fill('Browser Billing');
    await form.getByLabel('Receiver ID (ISA08)').fill('BROWSERRCV');
    await form.getByLabel('Receiver name').fill('Browser Exchange');
    await form.getByLabel(/^Host( \*)?$/).fill('sftp.example.test');
    await form.getByLabel('SFTP user name').fill('office1');
    await form.getByLabel('Host key fingerprint (SHA256:…)').fill('SHA256:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA');
    await form.getByLabel('SFTP password').fill(SFTP_PASSWORD);
    await form.getByRole('button', { name: 'Create' }).click();
    await page.getByText('Created the clearinghouse Browser SFTP Exchange.').waitFor();

    const table = page.getByRole('table', { name: 'Clearinghouses' });
    const row = table.getByRole('row').filter({ hasText: 'Browser SFTP Exchange' });
    await expect.poll(() => row.textContent()).toMatch(/Password set on/);
    const list = await page.evaluate(async () => (await fetch('/api/clearinghouses')).text());
    expect(list).toContain('Browser SFTP Exchange');
    expect(list).not.toContain(SFTP_PASSWORD);
    expect(await page.content()).not.toContain(SFTP_PASSWORD);

    await row.getByRole('button', { name: 'Replace password or key' }).click();
    const secretForm = page.getByRole('form', { name: 'Secret of Browser SFTP Exchange' });
    await secretForm.getByLabel('SFTP password').fill(REPLACED);
    await secretForm.getByRole('button', { name: 'Store' }).click();
    await page.getByText('Browser SFTP Exchange: the new password or key is stored.').waitFor();
    const after = await page.evaluate(async () => (await fetch('/api/clearinghouses')).text());
    expect(after).not.toContain(REPLACED);
    expect(await page.content()).not.toContain(REPLACED);

    await page.getByRole('button', { name: 'New clearinghouse' }).click();
    const folder = page.getByRole('form', { name: 'New clearinghouse' });
    await folder.getByLabel('Transport').selectOption('folder');
    await folder.getByLabel(/^Name( \*)?$/).fill('Escaping Folder');
    await folder.getByLabel('Submitter ID (ISA06)').fill('ESCSUB');
    await folder.getByLabel('Submitter name').fill('Escape');
    await folder.getByLabel('Receiver ID (ISA08)').fill('ESCRCV');
    await folder.getByLabel('Receiver name').fill('Escape');
    await folder.getByLabel('Folder name').fill('../pgdata');
    await folder.getByRole('button', { name: 'Create' }).click();
    await expect.poll(() => folder.getByRole('alert').textContent()).toMatch(/Folder name is a folder name/);
    expect(await table.textContent()).not.toContain('Escaping Folder');
    // the app asks who is logged in before log-in (401) and the refused folder answered 400: nothing else
    expect(harness!.consoleProblems.filter((p) => !/status of (400|401)\b/.test(p))).toEqual([]);
  }, 180_000);
});
