/**
 * The claims analyst in a real browser works the unmatched worklist: an 835 whose claim number the payer keyed
 * wrong is posted, its payment waits on the worklist with the demo claim it pays suggested (patient, date,
 * amount); the analyst confirms it, the payment posts to that claim (paid), and the claim opens from the
 * worklist with the ERA in its payment history. Then an 835 pays another demo claim by its number, one of its
 * service lines under a code we did not bill: that line waits on the worklist with the claim's line it pays
 * suggested (modifiers, date, charge), and the analyst posts it to that line. No CSP violation, no page error.
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

/** An acknowledged demo claim with two lines or more, and an 835 paying it in full, its second line under another code. */
async function recodedLineEra(): Promise<{ claimNumber: string; text: string; lineCode: string }> {
  const { db } = harness!.server.store;
  const tenant = await db.selectFrom('tenant').select('id').orderBy('id').executeTakeFirstOrThrow();
  return withTenant(db, tenant.id, async (tx) => {
    const c = await tx
      .selectFrom('claim as c')
      .innerJoin('payer as p', (j) => j.onRef('p.tenant_id', '=', 'c.tenant_id').onRef('p.id', '=', 'c.payer_id'))
      .select(['c.id', 'c.claim_number', 'c.encounter_id', 'p.payer_code', 'p.name'])
      .where('c.state', '=', 'acknowledged')
      .where('c.kind', '=', 'professional')
      .where((eb) =>
        eb(
          eb
            .selectFrom('service_line as l')
            .select(eb.fn.countAll<number>().as('n'))
            .whereRef('l.tenant_id', '=', 'c.tenant_id')
            .whereRef('l.encounter_id', '=', 'c.encounter_id'),
          '>=',
          2,
        ),
      )
      .orderBy('c.id')
      .executeTakeFirstOrThrow();
    const lines = await tx
      .selectFrom('service_line')
      .select(['procedure_code', 'modifiers', 'units', 'charge_cents', 'service_date'])
      .where('encounter_id', '=', c.encounter_id)
      .orderBy('line_number')
      .execute();
    const charge = lines.reduce((t, l) => t + l.charge_cents, 0);
    const text = eraText({
      trace: 'E2EUNM2',
      payerId: c.payer_code,
      payerName: c.name.toUpperCase(),
      claims: [
        {
          pcn: c.claim_number,
          status: '1',
          charge,
          paid: charge,
          services: lines.map((l, i) => ({
            // the payer answers the second line under a code nobody billed
            code: i === 1 ? '99499' : l.procedure_code,
            modifiers: l.modifiers,
            units: l.units,
            charge: l.charge_cents,
            paid: l.charge_cents,
            date: l.service_date.replaceAll('-', ''),
          })),
        },
      ],
    });
    return { claimNumber: c.claim_number, text, lineCode: lines[1]!.procedure_code };
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
    await expect.poll(() => card.textContent(), { timeout: 30_000 }).toContain(claimNumber);
    await card.getByRole('button', { name: `Confirm claim ${claimNumber}` }).click();
    // the worklist reloads: the payment is no longer to match; it is listed as matched, with its claim
    // (the answer shows on the card only until the reload: a loaded machine may not see it, so it is not awaited)
    await expect.poll(() => page.getByTestId('unmatched-MISKEYED-77').count(), { timeout: 30_000 }).toBe(0);
    await page.getByLabel('Unmatched status').selectOption('matched');
    const done = page.getByTestId('unmatched-MISKEYED-77');
    await expect.poll(() => done.textContent(), { timeout: 30_000 }).toContain(`matched to claim ${claimNumber}`);
    await done.getByRole('link', { name: `Open claim ${claimNumber}` }).click();
    await page.waitForURL(/\/claims\/\d+$/);
    await expect.poll(() => page.getByTestId('claim-state').textContent(), { timeout: 30_000 }).toBe('Paid');
    // its payment history names the ERA, matched by a person, and the payment on the ledger
    const history = page.getByRole('region', { name: 'Payment history' });
    const era = history.getByRole('region', { name: /^ERA #\d+ on this claim$/ });
    await expect.poll(() => era.textContent(), { timeout: 30_000 }).toContain('matched by a person');
    expect(await era.textContent()).toContain('TRN E2EUNM1');
    const entries = history.getByRole('table', { name: 'Ledger entries' });
    expect(await entries.locator('tr[data-kind="insurance_payment"]').count()).toBeGreaterThan(0);
    expect(await history.getByTestId('ledger-totals').textContent()).toContain('Insurance paid');

    // a service line the payer answered under another code: posted to the line of the claim it pays
    const recoded = await recodedLineEra();
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'ERAs' }).click();
    await page
      .getByLabel('835 file')
      .setInputFiles({ name: 'recoded.835', mimeType: 'text/plain', buffer: Buffer.from(recoded.text) });
    await page.getByRole('button', { name: 'Post ERA' }).click();
    await page.getByRole('status').filter({ hasText: '1 not matched, held as unapplied' }).waitFor();
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Unmatched' }).click();
    const lineCard = page.getByTestId(`unmatched-${recoded.claimNumber}`);
    await expect.poll(() => lineCard.textContent(), { timeout: 30_000 }).toContain('99499');
    const suggested = lineCard.getByRole('table', { name: `Suggested lines of claim ${recoded.claimNumber}` });
    await expect.poll(() => suggested.textContent(), { timeout: 30_000 }).toContain(recoded.lineCode);
    await lineCard.getByRole('button', { name: 'Post to line 2' }).click();
    await expect.poll(() => page.getByTestId(`unmatched-${recoded.claimNumber}`).count(), { timeout: 30_000 }).toBe(0);
    await page.getByLabel('Unmatched status').selectOption('matched');
    await expect
      .poll(() => page.getByTestId(`unmatched-${recoded.claimNumber}`).textContent(), { timeout: 30_000 })
      .toContain(`posted to line 2 (${recoded.lineCode}) of claim ${recoded.claimNumber}`);

    const problems = harness!.consoleProblems;
    expect(problems.filter((m) => /Content.Security.Policy|CSP violation|Refused to/i.test(m))).toEqual([]);
    expect(problems.filter((m) => m.startsWith('pageerror'))).toEqual([]);
  });
});
