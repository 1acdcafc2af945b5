/**
 * The claims analyst in a real browser works the unmatched worklist: an 835 whose claim number the payer keyed
 * wrong is posted, its payment waits on the worklist with the demo claim it pays suggested (patient, date,
 * amount); the analyst confirms it, the payment posts to that claim (paid), and the claim opens from the
 * worklist with the ERA in its payment history; no CSP violation, no page error.
 */
import { eraText } from '@medbill/core/test-util';
import { withTenant } from '@medbill/server';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBrowserHarness, type BrowserHarness } from './browser-harness.ts';

const PASSWORD = 'demo-password-unmatched';
let harness: BrowserHarness | undefined;

beforeAll(async () => {
  harness = await startBrowserHarness({ prefix: 'medbill-e2e-unmatched-', password: PASSWORD });
}, 300_000);
afterAll(async () => {
  await harness?.close();
});

/** A demo claim the payer acknowledged, and an 835 paying it in full under a claim number that is not ours. */
async function mistypedEra(): Promise<{ claimNumber: string; claimId: number; text: string }> {
  const { db } = harness!.server.store;
  const tenant = await db.selectFrom('tenant').select('id').orderBy('id').executeTakeFirstOrThrow();
  return withTenant(db, tenant.id, async (tx) => {
    const c = await tx
      .selectFrom('claim as c')
      .innerJoin('payer as p', (j) => j.onRef('p.tenant_id', '=', 'c.tenant_id').onRef('p.id', '=', 'c.payer_id'))
      .innerJoin('encounter as e', (j) =>
        j.onRef('e.tenant_id', '=', 'c.tenant_id').onRef('e.id', '=', 'c.encounter_id'),
      )
      .innerJoin('patient as pt', (j) =>
        j.onRef('pt.tenant_id', '=', 'e.tenant_id').onRef('pt.id', '=', 'e.patient_id'),
      )
      .select(['c.id', 'c.claim_number', 'c.encounter_id', 'p.payer_code', 'p.name', 'pt.last_name', 'pt.first_name'])
      .where('c.state', '=', 'acknowledged')
      .where('c.kind', '=', 'professional')
      .orderBy('c.id', 'desc')
      .executeTakeFirstOrThrow();
    const lines = await tx
      .selectFrom('service_line')
      .select(['procedure_code', 'modifiers', 'units', 'charge_cents', 'service_date'])
      .where('encounter_id', '=', c.encounter_id)
      .orderBy('line_number')
      .execute();
    const charge = lines.reduce((t, l) => t + l.charge_cents, 0);
    const text = eraText({
      trace: 'E2EUNM1',
      payerId: c.payer_code,
      payerName: c.name.toUpperCase(),
      claims: [
        {
          pcn: 'MISKEYED-77',
          status: '1',
          charge,
          paid: charge,
          patient: { last: c.last_name.toUpperCase(), first: c.first_name.toUpperCase() },
          services: lines.map((l) => ({
            code: l.procedure_code,
            modifiers: l.modifiers,
            units: l.units,
            charge: l.charge_cents,
            paid: l.charge_cents,
            date: l.service_date.replaceAll('-', ''),
          })),
        },
      ],
    });
    return { claimNumber: c.claim_number, claimId: c.id, text };
  });
}

describe('web UI: the claims analyst matches a payment nobody could place', () => {
  it('the suggested claim is confirmed and the payment posts to it', async () => {
    const { claimNumber, text } = await mistypedEra();
    const page: Page = await harness!.newPage();
    await harness!.logIn(page, 'analyst');
    await page.waitForURL(/\/billing/);
    await page.getByRole('link', { name: 'ERAs' }).click();
    await page
      .getByLabel('835 file')
      .setInputFiles({ name: 'miskeyed.835', mimeType: 'text/plain', buffer: Buffer.from(text) });
    await page.getByRole('button', { name: 'Post ERA' }).click();
    await page.getByRole('status').filter({ hasText: '1 not matched, held as unapplied' }).waitFor();

    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Unmatched' }).click();
    const card = page.getByTestId('unmatched-MISKEYED-77');
    await expect.poll(() => card.textContent()).toContain(claimNumber);
    await card.getByRole('button', { name: `Confirm claim ${claimNumber}` }).click();
    await expect.poll(() => card.textContent()).toContain(`posted to claim ${claimNumber}`);
    // the worklist reloads: the payment is no longer to match; it is listed as matched, with its claim
    await expect.poll(() => page.getByTestId('unmatched-MISKEYED-77').count()).toBe(0);
    await page.getByLabel('Unmatched status').selectOption('matched');
    const done = page.getByTestId('unmatched-MISKEYED-77');
    await expect.poll(() => done.textContent()).toContain(`matched to claim ${claimNumber}`);
    await done.getByRole('link', { name: `Open claim ${claimNumber}` }).click();
    await page.waitForURL(/\/claims\/\d+$/);
    await expect.poll(() => page.getByTestId('claim-state').textContent()).toBe('Paid');
    // its payment history names the ERA, matched by a person, and the payment on the ledger
    const history = page.getByRole('region', { name: 'Payment history' });
    const era = history.getByRole('region', { name: /^ERA #\d+ on this claim$/ });
    await expect.poll(() => era.textContent()).toContain('matched by a person');
    expect(await era.textContent()).toContain('TRN E2EUNM1');
    const entries = history.getByRole('table', { name: 'Ledger entries' });
    expect(await entries.locator('tr[data-kind="insurance_payment"]').count()).toBeGreaterThan(0);
    expect(await history.getByTestId('ledger-totals').textContent()).toContain('Insurance paid');

    const problems = harness!.consoleProblems;
    expect(problems.filter((m) => /Content.Security.Policy|CSP violation|Refused to/i.test(m))).toEqual([]);
    expect(problems.filter((m) => m.startsWith('pageerror'))).toEqual([]);
  });
});
