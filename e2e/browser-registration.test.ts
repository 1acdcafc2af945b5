/**
 * The web UI in a real browser against the real server: log in as the account rep, find a patient by
 * name, open it with the keyboard, see a field error, change the phone, reload and see it kept, and no
 * Content-Security-Policy violation on the way. Then take coverages off a patient: delete one entered
 * by mistake, be refused deleting one a claim used, and end that one on a date instead.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBrowserHarness, type BrowserHarness } from './browser-harness.ts';
import { REPO_ROOT } from './web-build.ts';

const PASSWORD = 'demo-password-1';
const SCREENSHOT_DIR = path.join(REPO_ROOT, '.tmp');

interface PatientRow {
  id: number;
  accountNumber: string;
  firstName: string;
  lastName: string;
  phone: string | null;
}

let harness: BrowserHarness | undefined;
let server: BrowserHarness['server'] | undefined;
let consoleProblems: string[] = [];

beforeAll(async () => {
  harness = await startBrowserHarness({ prefix: 'medbill-e2e-', password: PASSWORD });
  server = harness.server;
  consoleProblems = harness.consoleProblems;
});

afterAll(async () => {
  await harness?.close();
});

function newPage(): Promise<Page> {
  return harness!.newPage({ width: 1280, height: 900 });
}

const focusedLabel = (page: Page) =>
  page.evaluate(() => {
    const el = document.activeElement;
    return el?.id ? (document.querySelector(`label[for="${CSS.escape(el.id)}"]`)?.textContent ?? null) : null;
  });

describe('web UI: patient registration in the browser', () => {
  it('the account rep finds a patient, changes the phone, and it is still there after a reload', async () => {
    const page = await newPage();

    // Log-in screen
    await harness!.logIn(page, 'rep');

    // Shell: navigation by role (the rep may not see admin pages), search box focused on load
    const search = page.getByLabel('Search patients');
    await search.waitFor();
    expect(await focusedLabel(page)).toBe('Search patients');
    const nav = page.getByRole('navigation', { name: 'Main' });
    expect(await nav.getByRole('link').allTextContents()).toEqual([
      'Patients',
      'Accounts',
      'Statements',
      'Collections',
      'Practices',
      'Providers',
      'Payers',
    ]);
    expect(await page.getByTestId('current-user').textContent()).toContain('Riley Rep');

    // Pick a patient through the API with the same session, then find them by name in the UI
    const res = await page.request.get(`${server!.url}/api/patients?limit=20`);
    expect(res.status()).toBe(200);
    const { items } = (await res.json()) as { items: PatientRow[] };
    const patient = items.find((p) => !/[\s,]/.test(p.lastName + p.firstName))!;
    expect(patient).toBeDefined();
    await search.fill(`${patient.lastName}, ${patient.firstName}`);
    await search.press('Enter');
    const results = page.getByRole('table', { name: 'Patients found' });
    await results.getByRole('row', { name: new RegExp(patient.accountNumber) }).waitFor();
    const rowCount = await results.locator('tbody tr').count();
    expect(rowCount).toBeGreaterThan(0);
    const firstAccount = await results.locator('tbody tr').first().locator('td').first().textContent();
    expect(firstAccount).toBeTruthy();
    await search.press('ArrowDown');
    await page.keyboard.press('Enter');

    // Patient page
    const openedId = Number(new URL(page.url()).pathname.split('/').pop());
    await page.getByRole('heading', { level: 1 }).waitFor();
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toContain(',');
    await page.getByRole('heading', { name: 'Coverages' }).waitFor();
    const phone = page.getByLabel('Phone', { exact: true });
    await phone.waitFor();

    // A bad phone number: the server's 400 message appears next to the field
    await phone.fill('555-12');
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await page.getByText('A phone number has 10 digits').waitFor();
    expect(await phone.getAttribute('aria-invalid')).toBe('true');

    // A good one: saved, and still there after a reload
    const digits = `617555${String(1000 + Math.floor(Math.random() * 9000))}`;
    const shown = `${digits.slice(0, 3)}-${digits.slice(3, 6)}-${digits.slice(6)}`;
    await phone.fill(shown);
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await page.getByText('Saved.', { exact: true }).waitFor();
    await page.reload();
    await page.getByLabel('Phone', { exact: true }).waitFor();
    await page.waitForFunction(
      (v) => (document.querySelector('input[name="phone"]') as HTMLInputElement | null)?.value === v,
      shown,
    );
    expect(await page.getByLabel('Phone', { exact: true }).inputValue()).toBe(shown);

    const stored = await page.request.get(`${server!.url}/api/patients/${openedId}`);
    expect(((await stored.json()) as PatientRow).phone).toBe(digits);

    fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
    await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'e2e-patient-page.png'), fullPage: true });

    // Log out returns to the log-in screen
    await page.getByRole('button', { name: 'Log out' }).click();
    await page.getByLabel('User name').waitFor();

    const csp = consoleProblems.filter((m) => /Content.Security.Policy|CSP violation|Refused to/i.test(m));
    expect(csp).toEqual([]);
    expect(consoleProblems.filter((m) => m.startsWith('pageerror'))).toEqual([]);
    await page.context().close();
  });

  it('the account rep deletes a coverage entered by mistake, and ends one that a claim used', async () => {
    const page = await newPage();
    await harness!.logIn(page, 'rep');
    await page.getByLabel('Search patients').waitFor();

    // a patient whose primary coverage is on a claim
    const claims = (await (await page.request.get(`${server!.url}/api/claims?limit=1`)).json()) as {
      items: Array<{ id: number; patientId: number; claimNumber: string }>;
    };
    const claim = claims.items[0];
    const detail = (await (await page.request.get(`${server!.url}/api/claims/${claim.id}`)).json()) as {
      coverageId: number;
    };
    const patient = (await (await page.request.get(`${server!.url}/api/patients/${claim.patientId}`)).json()) as {
      coverages: Array<{ id: number; coverageOrder: number; payerName: string; effectiveDate: string }>;
    };
    const used = patient.coverages.find((c) => c.id === detail.coverageId)!;
    expect(used).toBeDefined();
    // the payer list arrives only after the rep has started the form: what was entered must stay
    let payersArrive!: () => void;
    const payersHeld = new Promise<void>((resolve) => {
      payersArrive = resolve;
    });
    await page.route(/\/api\/payers(\?|$)/, async (route) => {
      await payersHeld;
      await route.continue();
    });
    await page.goto(`${server!.url}/patients/${claim.patientId}`);
    const table = page.getByRole('table', { name: 'Coverages' });
    await table.waitFor();

    // add a tertiary coverage by mistake, then delete it
    await page.getByRole('button', { name: 'Add coverage' }).click();
    const form = page.getByRole('form', { name: 'New coverage' });
    await form.getByLabel('Order').selectOption('3');
    payersArrive();
    await form.getByLabel('Payer').selectOption({ index: 1 });
    expect(await form.getByLabel('Order').inputValue()).toBe('3');
    await form.getByLabel('Member ID').fill('OOPS12345');
    await form.getByLabel('Patient is subscriber’s').selectOption('18');
    // a script in a stored text field is shown as text, never run (A5)
    await form.getByLabel('Subscriber last name').fill('<img src=x onerror="window.__xss=1">Mistake');
    await form.getByLabel('Subscriber first name').fill('Entered');
    await form.getByLabel('Effective date').fill('2026-01-01');
    await form.getByRole('button', { name: 'Create' }).click();
    // the new row, or the refusal the form shows (so a failure says why, not only that the row is missing)
    await table
      .getByRole('row', { name: /OOPS12345/ })
      .or(form.getByRole('alert'))
      .first()
      .waitFor();
    expect(await form.getByRole('alert').allTextContents()).toEqual([]);
    await table.getByRole('row', { name: /OOPS12345/ }).waitFor();
    await table.getByText('<img src=x onerror="window.__xss=1">Mistake, Entered').waitFor();
    expect(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();
    await table.getByRole('button', { name: /^Delete coverage 3 — tertiary/ }).click();
    await table.getByRole('button', { name: 'Yes, delete' }).click();
    await page.getByText(/Deleted the 3 — tertiary .* coverage \(member ID OOPS12345\)/).waitFor();
    await expect.poll(() => table.getByRole('row', { name: /OOPS12345/ }).count()).toBe(0);

    // the coverage a claim used cannot be deleted: the message names the claim and says to end it
    const name = `${used.coverageOrder} — ${used.coverageOrder === 1 ? 'primary' : used.coverageOrder === 2 ? 'secondary' : 'tertiary'} ${used.payerName}`;
    await table.getByRole('button', { name: `Delete coverage ${name}` }).click();
    await table.getByRole('button', { name: 'Yes, delete' }).click();
    const refusal = page.getByRole('alert').filter({ hasText: 'end it with an end date instead' });
    await refusal.waitFor();
    expect(await refusal.textContent()).toMatch(/claim C\d+/);

    // end it instead: an end date before the effective date is refused next to the field, then a good one
    await table.getByRole('button', { name: `End coverage ${name}` }).click();
    const end = page.getByRole('form', { name: 'End coverage' });
    const endDate = end.getByLabel('End date');
    await endDate.fill('2000-01-01');
    await end.getByRole('button', { name: 'End coverage' }).click();
    await end.getByText('End date cannot be before the effective date').waitFor();
    expect(await endDate.getAttribute('aria-invalid')).toBe('true');
    await endDate.fill('2030-06-30');
    await end.getByRole('button', { name: 'End coverage' }).click();
    await page.getByText(/Ended the .* coverage on 2030-06-30/).waitFor();
    await table.getByRole('cell', { name: '2030-06-30' }).waitFor();
    const stored = (await (await page.request.get(`${server!.url}/api/coverages/${used.id}`)).json()) as {
      endDate: string;
    };
    expect(stored.endDate).toBe('2030-06-30');
    fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
    await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'e2e-coverage-ended.png'), fullPage: true });

    expect(consoleProblems.filter((m) => /Content.Security.Policy|CSP violation|pageerror/i.test(m))).toEqual([]);
    await page.context().close();
  });
});
