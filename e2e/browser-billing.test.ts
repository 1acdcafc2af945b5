/**
 * The billing workspace in a real browser against the real server: the biller scrubs draft claims,
 * selects the ready ones, batches and submits them to the clearinghouse, sees the batch listed as
 * submitted and the claims moved to Submitted, opens a claim and its 837, and no Content-Security-Policy
 * violation on the way.
 *
 * The demo seed brings claims in every state and a clearinghouse. Should a seed come without them,
 * beforeAll adds a folder clearinghouse (no API for that: straight into the database) and makes
 * encounters with draft claims through the API, which the test then scrubs from the UI.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBrowserHarness, type BrowserHarness } from './browser-harness.ts';
import { ApiSession, createDraftClaims, ensureClearinghouse } from './billing-fixtures.ts';
import { REPO_ROOT } from './web-build.ts';

const PASSWORD = 'demo-password-1';
const SCREENSHOT_DIR = path.join(REPO_ROOT, '.tmp');

let harness: BrowserHarness | undefined;
let server: BrowserHarness['server'] | undefined;
let consoleProblems: string[] = [];

beforeAll(async () => {
  harness = await startBrowserHarness({ prefix: 'medbill-e2e-billing-', password: PASSWORD });
  server = harness.server;
  consoleProblems = harness.consoleProblems;
  await ensureClearinghouse(server.store);
  const api = await ApiSession.login(server.url, 'biller', PASSWORD);
  const summary = await api.call<{ counts: Record<string, number> }>('GET', '/api/claims/summary');
  if (!summary.counts.draft && !summary.counts.ready) await createDraftClaims(api, 4);
});

afterAll(async () => {
  await harness?.close();
});

function newPage(): Promise<Page> {
  return harness!.newPage({ width: 1366, height: 900 });
}

const count = async (page: Page, state: string) => Number(await page.getByTestId(`count-${state}`).textContent());

describe('web UI: the billing workspace in the browser', () => {
  it('the biller scrubs, batches and submits ready claims and sees them submitted', async () => {
    const page = await newPage();
    await harness!.logIn(page, 'biller');

    // The biller starts in the billing workspace; the menu shows the work queues by permission.
    await page.getByRole('heading', { name: 'Billing', level: 1 }).waitFor();
    const nav = page.getByRole('navigation', { name: 'Main' });
    expect(await nav.getByRole('link').allTextContents()).toEqual(
      expect.arrayContaining(['Coding', 'Billing', 'Batches']),
    );
    const states = page.getByRole('navigation', { name: 'Claim states' });
    await page.getByTestId('count-draft').filter({ hasText: /^\d+$/ }).waitFor();
    await expect.poll(() => page.getByRole('img', { name: /Claims by state/ }).count()).toBe(1);

    // No ready claims yet: select the drafts and scrub them from the UI.
    if ((await count(page, 'ready')) === 0) {
      await states.getByRole('link', { name: /^Draft/ }).click();
      await page.getByRole('table', { name: 'Draft claims' }).locator('tbody tr').first().waitFor();
      await page.getByLabel('Select all claims').check();
      await page.getByRole('button', { name: 'Scrub selected' }).click();
      await page.getByText(/^Scrubbed \d+ claim\(s\): [1-9]\d* ready/).waitFor();
    }

    // Ready claims: select all, batch & submit to the clearinghouse.
    await states.getByRole('link', { name: /^Ready/ }).click();
    const readyTable = page.getByRole('table', { name: 'Ready claims' });
    await readyTable.locator('tbody tr').first().waitFor();
    const claimNumbers = (await readyTable.locator('tbody tr td:nth-child(2)').allTextContents()).map((s) => s.trim());
    expect(claimNumbers.length).toBeGreaterThan(0);
    const submittedBefore = await count(page, 'submitted');
    await page.getByLabel('Select all claims').check();
    expect(await page.getByText(`${claimNumbers.length} selected`).count()).toBe(1);
    const clearinghouse = page.getByLabel('Clearinghouse');
    expect(await clearinghouse.locator('option').count()).toBeGreaterThan(0);
    await clearinghouse.selectOption({ index: 0 });
    await page.getByRole('button', { name: /^Batch & submit/ }).click();
    const built = page.getByText(
      new RegExp(`^Built (\\d+) batch\\(es\\) with ${claimNumbers.length} claim\\(s\\).*sent \\d+ to`),
    );
    await built.waitFor();
    const batchCount = Number(/^Built (\d+)/.exec((await built.textContent()) ?? '')?.[1]);
    expect(batchCount).toBeGreaterThan(0);

    // The counts move: nothing ready, the claims are submitted and listed there.
    await expect.poll(() => count(page, 'ready')).toBe(0);
    await expect.poll(() => count(page, 'submitted')).toBe(submittedBefore + claimNumbers.length);
    await states.getByRole('link', { name: /^Submitted/ }).click();
    const submittedTable = page.getByRole('table', { name: 'Submitted claims' });
    await submittedTable.getByRole('link', { name: claimNumbers[0] }).waitFor();
    const submittedNumbers = (await submittedTable.locator('tbody tr td:nth-child(2)').allTextContents()).map((s) =>
      s.trim(),
    );
    expect(submittedNumbers).toEqual(expect.arrayContaining(claimNumbers));

    // One claim: now Submitted, its history, and the 837 it went out in, shown one segment a line.
    await submittedTable.getByRole('link', { name: claimNumbers[0] }).click();
    await page.getByRole('heading', { name: `Claim ${claimNumbers[0]}`, level: 1 }).waitFor();
    expect(await page.getByTestId('claim-state').textContent()).toBe('Submitted');
    await page.getByRole('list', { name: 'Claim history' }).getByText('Batched → Submitted').waitFor();
    fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
    await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'e2e-billing-claim.png'), fullPage: true });
    await page.getByRole('link', { name: /^837/ }).first().click();
    const segments = page.getByRole('list', { name: 'X12 segments' });
    await segments.locator('li').first().waitFor();
    expect(await segments.locator('li').first().textContent()).toMatch(/^ISA\*/);
    expect(
      await segments
        .locator('li')
        .filter({ hasText: /^CLM\*/ })
        .count(),
    ).toBeGreaterThan(0);

    // The batch list (newest first) shows the new batches as submitted, each with its 837 file.
    await nav.getByRole('link', { name: 'Batches' }).click();
    const batches = page.getByRole('table', { name: 'Batches' });
    await batches.locator('tbody tr').first().waitFor();
    const firstRows = (await batches.locator('tbody tr td:nth-child(2)').allTextContents())
      .slice(0, batchCount)
      .map((s) => s.trim());
    expect(firstRows).toEqual(Array(batchCount).fill('submitted'));
    expect(await batches.locator('tbody tr').first().getByRole('link', { name: '837' }).count()).toBe(1);
    await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'e2e-billing-batches.png'), fullPage: true });

    // "Check for responses" polls the clearinghouse and says what came back.
    await nav.getByRole('link', { name: 'Billing' }).click();
    await page.getByRole('button', { name: 'Check for responses' }).click();
    await page.getByText(/No new responses|claim\(s\) moved/).waitFor();
    await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'e2e-billing-workspace.png'), fullPage: true });

    const csp = consoleProblems.filter((m) => /Content.Security.Policy|CSP violation|Refused to/i.test(m));
    expect(csp).toEqual([]);
    expect(consoleProblems.filter((m) => m.startsWith('pageerror'))).toEqual([]);
    await page.context().close();
  });
});
