/**
 * Claims that went wrong, fixed from the UI in a real browser (issue 8 item 13, issue 9 item 4): a biller opens a
 * rejected claim, fixes its encounter (the editor is open: a rejected claim is editable, one rule with the server),
 * rescrubs it and sends it again; a paid claim is corrected (frequency 7) — its encounter opens for re-coding — and
 * another is voided (8), each from the claim page's buttons, linked to the original both ways.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBrowserHarness, type BrowserHarness } from './browser-harness.ts';
import { ApiSession } from './billing-fixtures.ts';

const PASSWORD = 'demo-password-1';
let harness: BrowserHarness | undefined;
let api: ApiSession;

interface ClaimView {
  id: number;
  claimNumber: string;
  state: string;
  encounter: { id: number };
  lines: Array<{ chargeCents: number }>;
  events: Array<{ fromState: string | null; toState: string; reason: string }>;
  files: Array<{ kind: string; direction: string }>;
  linked: Array<{ id: number }>;
}
const claimView = (id: number) => api.call<ClaimView>('GET', `/api/claims/${id}`);
const firstIn = async (state: string, limit = 5) =>
  (
    await api.call<{ items: Array<{ id: number; claimNumber: string }> }>(
      'GET',
      `/api/claims?state=${state}&limit=${limit}`,
    )
  ).items;

beforeAll(async () => {
  harness = await startBrowserHarness({ prefix: 'medbill-e2e-corrections-', password: PASSWORD });
  api = await ApiSession.login(harness.server.url, 'biller', PASSWORD);
}, 300_000); // the server starts on a fresh demo (the whole claim cycle) beside the rest of the suite
afterAll(async () => {
  await harness?.close();
});

async function openClaim(page: Page, id: number, number: string) {
  await page.goto(`${harness!.server.url}/claims/${id}`);
  await page.getByRole('heading', { name: `Claim ${number}`, level: 1 }).waitFor();
}

describe('web UI: fixing claims that went wrong', () => {
  it('a rejected claim is fixed on its encounter, rescrubbed and sent again', async () => {
    const [rejected] = await firstIn('rejected');
    expect(rejected, 'the demo has a rejected claim').toBeDefined();
    const before = await claimView(rejected.id);
    const page = await harness!.newPage({ width: 1366, height: 900 });
    await harness!.logIn(page, 'biller');
    await page.getByRole('heading', { name: 'Billing', level: 1 }).waitFor();

    await openClaim(page, rejected.id, rejected.claimNumber);
    expect(await page.getByTestId('claim-state').textContent()).toBe('Rejected');
    await page.getByRole('alert').filter({ hasText: 'Rejected.' }).waitFor();

    // the encounter is editable while its claim is rejected: the biller corrects line 1's charge
    await page.getByRole('link', { name: /^Date of service/ }).click();
    await page.getByRole('button', { name: 'Save coding' }).waitFor();
    expect(await page.getByText('has been sent; the coding can no longer change').count()).toBe(0);
    const charge = ((before.lines[0]!.chargeCents + 500) / 100).toFixed(2);
    await page.getByLabel('Charge ($), line 1').fill(charge);
    await page.getByLabel('Charge reason, line 1').fill('charge corrected to the fee schedule in force');
    await page.getByRole('button', { name: 'Save coding' }).click();
    await page.getByText('Coding saved.').waitFor();

    // back on the claim: a draft again, rescrubbed to ready
    await openClaim(page, rejected.id, rejected.claimNumber);
    expect(await page.getByTestId('claim-state').textContent()).toBe('Draft');
    await page.getByRole('button', { name: 'Rescrub' }).click();
    await page.getByText(/^Scrubbed: now Ready/).waitFor();

    // sent again from the billing workspace, this claim alone
    await page.goto(`${harness!.server.url}/billing?state=ready`);
    await page.getByLabel(`Select claim ${rejected.claimNumber}`).check();
    await page.getByLabel('Clearinghouse').selectOption({ index: 0 });
    await page.getByRole('button', { name: 'Batch & submit 1' }).click();
    await page.getByText(/^Built 1 batch\(es\) with 1 claim\(s\).*sent 1 to/).waitFor();

    const after = await claimView(rejected.id);
    expect(['submitted', 'accepted', 'acknowledged', 'rejected', 'paid']).toContain(after.state);
    const path = after.events.map((e) => `${e.fromState}>${e.toState}`);
    expect(path.slice(path.lastIndexOf('rejected>draft'))).toEqual(
      expect.arrayContaining(['rejected>draft', 'draft>ready', 'ready>batched', 'batched>submitted']),
    );
    expect(after.lines[0]!.chargeCents).toBe(before.lines[0]!.chargeCents + 500);
    expect(after.files.filter((f) => f.direction === 'outbound').length).toBe(
      before.files.filter((f) => f.direction === 'outbound').length + 1,
    );
    await page.context().close();
  });

  it('a paid claim is corrected and another voided from the claim page, each linked to its original', async () => {
    // paid claims the demo did not already correct or void
    const paid: Array<{ id: number; claimNumber: string }> = [];
    for (const c of await firstIn('paid', 30))
      if (paid.length < 2 && !(await claimView(c.id)).linked.length) paid.push(c);
    expect(paid.length).toBe(2);
    const page = await harness!.newPage({ width: 1366, height: 900 });
    await harness!.logIn(page, 'biller');
    await page.getByRole('heading', { name: 'Billing', level: 1 }).waitFor();

    const [toCorrect, toVoid] = [paid[0]!, paid[1]!];
    await openClaim(page, toCorrect.id, toCorrect.claimNumber);
    await page.getByRole('button', { name: 'Correct claim' }).click();
    const correct = page.getByRole('form', { name: 'Correct the claim' });
    // the form asks the reason before anything is made: an empty one is refused in words
    await correct.getByRole('button', { name: 'Make the corrected claim' }).click();
    await correct
      .getByRole('alert')
      .getByText(/Say why/)
      .waitFor();
    expect(page.url()).toMatch(new RegExp(`/claims/${toCorrect.id}$`));
    await correct.getByLabel('What is being corrected?').fill('diagnosis pointers of line 1');
    await correct.getByRole('button', { name: 'Make the corrected claim' }).click();
    await page.getByText('Corrected claim', { exact: true }).waitFor();
    const linked = page.getByRole('list', { name: 'Linked claims' });
    await linked.getByText(`Replaces claim ${toCorrect.claimNumber}`).waitFor();
    expect(await page.getByTestId('claim-state').textContent()).toBe('Draft');
    // its encounter opens for re-coding while the correction is prepared
    await page.getByRole('link', { name: /^Date of service/ }).click();
    await page.getByRole('button', { name: 'Save coding' }).waitFor();

    await openClaim(page, toVoid.id, toVoid.claimNumber);
    await page.getByRole('button', { name: 'Void claim' }).click();
    const voiding = page.getByRole('form', { name: 'Void the claim' });
    // cancelling makes nothing; the form opens again
    await voiding.getByRole('button', { name: 'Cancel' }).click();
    expect(await voiding.count()).toBe(0);
    await page.getByRole('button', { name: 'Void claim' }).click();
    await voiding.getByLabel('Why is the claim voided?').fill('billed under the wrong patient');
    // the void says what becomes of the balance once the payer takes the claim back: both options in words, no default
    await voiding.getByRole('button', { name: 'Void the claim' }).click();
    await voiding
      .getByRole('alert')
      .getByText(/^Choose what becomes of the balance/)
      .waitFor();
    expect(page.url()).toMatch(new RegExp(`/claims/${toVoid.id}$`));
    const rebill = voiding.getByRole('radio', {
      name: /^Rebill: once the payer takes the claim back, bill the balance/,
    });
    const writeOff = voiding.getByRole('radio', { name: /^Write off: once the payer takes the claim back, adjust/ });
    expect([await rebill.isChecked(), await writeOff.isChecked()]).toEqual([false, false]);
    // a biller may not write off: the option is shown, not offered
    expect(await writeOff.isDisabled()).toBe(true);
    await rebill.check();
    await voiding.getByRole('button', { name: 'Void the claim' }).click();
    await page.getByText('Void', { exact: true }).waitFor();
    await page
      .getByTestId('void-disposition')
      .getByText(/^When the payer takes the claim back: bill the balance to the patient's other coverage/)
      .waitFor();
    await page.getByRole('list', { name: 'Linked claims' }).getByText(`Voids claim ${toVoid.claimNumber}`).waitFor();

    // the original names its void, and offers no second one while this one is on its way
    await openClaim(page, toVoid.id, toVoid.claimNumber);
    await page
      .getByRole('list', { name: 'Linked claims' })
      .getByText(/^Voided by claim C\d+/)
      .waitFor();
    await page
      .getByRole('list', { name: 'Claim history' })
      .getByText(/void requested by claim C\d+: billed under/)
      .waitFor();
    expect(await page.getByRole('button', { name: 'Void claim' }).count()).toBe(0);
    expect(harness!.consoleProblems.filter((m) => m.startsWith('pageerror'))).toEqual([]);
    await page.context().close();
  });
});
