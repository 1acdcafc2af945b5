/**
 * Missing payments in a real browser: a demo claim the payer has not answered with a 277CA, sent 40 days ago, is on
 * the Follow-up worklist (claim, payer, days waiting); the biller sends status inquiries, the demo's payer simulator
 * answers the 276 with a 277, and the worklist and the claim page show the claim's status in words.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withTenant } from '@medbill/server';
import { startBrowserHarness, type BrowserHarness } from './browser-harness.ts';

const PASSWORD = 'demo-password-follow-up';
let harness: BrowserHarness | undefined;

beforeAll(async () => {
  harness = await startBrowserHarness({ prefix: 'medbill-e2e-follow-up-', password: PASSWORD });
}, 300_000);
afterAll(async () => {
  await harness?.close();
});

/** A demo claim with no 277CA, its batch sent 40 days ago. */
async function waitingClaim(): Promise<{ id: number; claimNumber: string }> {
  const { db } = harness!.server.store;
  const tenant = await db.selectFrom('tenant').select('id').orderBy('id').executeTakeFirstOrThrow();
  return withTenant(db, tenant.id, async (tx) => {
    const c = await tx
      .selectFrom('claim')
      .select(['id', 'claim_number', 'batch_id'])
      .where('tenant_id', '=', tenant.id)
      .where('state', 'in', ['submitted', 'acknowledged'])
      .where('batch_id', 'is not', null)
      .orderBy('id')
      .executeTakeFirstOrThrow();
    await tx
      .updateTable('batch')
      .set({ submitted_at: new Date(Date.now() - 40 * 86_400_000) })
      .where('tenant_id', '=', tenant.id)
      .where('id', '=', c.batch_id!)
      .execute();
    return { id: c.id, claimNumber: c.claim_number };
  });
}

describe('web UI: the follow-up worklist', () => {
  it('lists a claim waiting past its payer’s days, asks the payer, and shows the answer in words', async () => {
    const claim = await waitingClaim();
    const page = await harness!.newPage();
    await harness!.logIn(page, 'biller');
    await page.getByTestId('current-user').waitFor();
    await page.getByRole('link', { name: 'Follow-up' }).click();
    await page.getByRole('heading', { name: 'Follow-up', level: 1 }).waitFor();
    const row = page.getByTestId(`follow-up-${claim.claimNumber}`);
    await row.waitFor();
    expect(await row.textContent()).toMatch(/40 \/ 30/);
    expect(await page.getByTestId(`last-status-${claim.claimNumber}`).textContent()).toBe('Never asked');

    await row.getByLabel(`Pick claim ${claim.claimNumber}`).check();
    await page.getByRole('button', { name: 'Send status inquiries for 1 picked' }).click();
    await expect
      .poll(() => page.getByRole('status').allTextContents(), { timeout: 60_000 })
      .toEqual(expect.arrayContaining([expect.stringMatching(/^1 status inquiry sent, 1 answered/)]));
    const last = page.getByTestId(`last-status-${claim.claimNumber}`);
    await expect.poll(() => last.textContent()).toMatch(/\[[A-Z]\d+:\d+/);

    await page.goto(`${harness!.server.url}/claims/${claim.id}`);
    const history = page.getByRole('table', { name: 'Claim status history' });
    await history.waitFor();
    expect(await history.textContent()).toMatch(/\[[A-Z]\d+:\d+/);
    expect(harness!.consoleProblems.filter((p) => !/status of 401\b/.test(p))).toEqual([]);
  }, 240_000);
});
