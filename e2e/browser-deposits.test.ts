/**
 * The claims analyst reconciles the bank in a real browser: the demo's deposits page shows the Medicaid check that
 * came before its 835 and the 835s whose money has not come. The analyst records the EFT of one of those 835s
 * (matched at once by its trace number, the 835 leaves the unmatched list), then an EFT whose 835 is not here
 * (listed as a deposit with no 835); the 835 arrives (posted on the ERAs page) and "Reconcile with 835s" matches
 * the deposit to it by TRN02. No CSP violation, no page error.
 */
import { eraText } from '@medbill/core/test-util';
import { withTenant } from '@medbill/server';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EARLY_CHECK } from '../packages/server/src/demo/seed-remittance-demo.ts';
import { startBrowserHarness, type BrowserHarness } from './browser-harness.ts';

const PASSWORD = 'demo-password-deposits';
const TRACE = 'E2EDEP77';
let harness: BrowserHarness | undefined;

beforeAll(async () => {
  harness = await startBrowserHarness({ prefix: 'medbill-e2e-deposits-', password: PASSWORD });
}, 300_000);
afterAll(async () => {
  await harness?.close();
});

/** An accepted demo claim and the 835 that pays it in full under TRN02 `TRACE`. */
async function paidInFullEra(): Promise<{ text: string; cents: number }> {
  const { db } = harness!.server.store;
  const tenant = await db.selectFrom('tenant').select('id').orderBy('id').executeTakeFirstOrThrow();
  return withTenant(db, tenant.id, async (tx) => {
    const c = await tx
      .selectFrom('claim as c')
      .innerJoin('payer as p', (j) => j.onRef('p.tenant_id', '=', 'c.tenant_id').onRef('p.id', '=', 'c.payer_id'))
      .select(['c.claim_number', 'c.encounter_id', 'p.payer_code', 'p.name'])
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
    const cents = lines.reduce((t, l) => t + l.charge_cents, 0);
    const text = eraText({
      trace: TRACE,
      payerId: c.payer_code,
      payerName: c.name.toUpperCase(),
      claims: [
        {
          pcn: c.claim_number,
          status: '1',
          charge: cents,
          paid: cents,
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
    return { text, cents };
  });
}

const dollars = (cents: number) => (cents / 100).toFixed(2);
const unmatchedDeposits = (page: Page) => page.getByRole('table', { name: 'Deposits with no 835' });
const unmatchedEras = (page: Page) => page.getByRole('table', { name: '835s with no deposit' });
const rowWith = (table: Locator, text: string) => table.getByRole('row').filter({ hasText: text });

async function recordDeposit(page: Page, d: { on: string; cents: number; trace: string }) {
  const form = page.getByRole('form', { name: 'Record a deposit' });
  await form.getByLabel('Deposited on').fill(d.on);
  await form.getByLabel('Amount').fill(dollars(d.cents));
  await form.getByLabel('Method').selectOption('EFT');
  await form.getByLabel('Trace or check number').fill(d.trace);
  await form.getByLabel('Memo').fill('ACH credit HCCLAIMPMT');
  await form.getByRole('button', { name: 'Record deposit' }).click();
}

describe('web UI: the claims analyst reconciles deposits with 835s', () => {
  it('records deposits, sees one matched by trace at once, one wait for its 835 and match when it comes', async () => {
    const page: Page = await harness!.newPage();
    await harness!.logIn(page, 'analyst');
    await page.waitForURL(/\/billing/);
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Deposits' }).click();

    // the demo: a Medicaid check with no 835 yet, and 835s whose money has not come
    const check = rowWith(unmatchedDeposits(page), EARLY_CHECK.traceNumber);
    await expect.poll(() => check.textContent(), { timeout: 30_000 }).toContain(`$${dollars(EARLY_CHECK.amountCents)}`);
    expect(await check.textContent()).toContain('CHK');
    const waiting = unmatchedEras(page).getByRole('row');
    await expect.poll(() => waiting.count(), { timeout: 30_000 }).toBeGreaterThan(1);

    // the EFT of the first 835 waiting: matched to it by trace number as it is recorded
    const first = waiting.nth(1);
    const cells = await first.getByRole('cell').allTextContents();
    const era = cells[0]!.trim();
    const trace = cells[2]!.trim().split(/\s+/).at(-1)!;
    const cents = Math.round(Number(cells[4]!.replace(/[$,]/g, '')) * 100);
    expect(cents).toBeGreaterThan(0);
    await recordDeposit(page, { on: '2026-12-09', cents, trace });
    await page
      .getByRole('status')
      .filter({ hasText: `recorded and matched to ERA ${era}` })
      .waitFor();
    await expect.poll(() => rowWith(unmatchedEras(page), trace).count(), { timeout: 30_000 }).toBe(0);
    const deposits = page.getByRole('table', { name: 'Deposits' });
    const matched = rowWith(deposits, trace);
    await expect.poll(() => matched.textContent(), { timeout: 30_000 }).toContain('matched');
    expect(await matched.getByRole('link', { name: era }).count()).toBe(1);

    // an EFT whose 835 is not here: a deposit with no 835
    const { text, cents: paid } = await paidInFullEra();
    await recordDeposit(page, { on: '2026-12-09', cents: paid, trace: TRACE });
    await page
      .getByRole('alert')
      .filter({ hasText: `no 835 with trace ${TRACE} yet` })
      .waitFor();
    await expect
      .poll(() => rowWith(unmatchedDeposits(page), TRACE).textContent(), { timeout: 30_000 })
      .toContain(`$${dollars(paid)}`);

    // its 835 comes: posted on the ERAs page, then reconciled by its trace number
    await page.getByRole('link', { name: 'ERAs' }).first().click();
    await page
      .getByLabel('835 file')
      .setInputFiles({ name: 'deposit-e2e.835', mimeType: 'text/plain', buffer: Buffer.from(text) });
    await page.getByRole('button', { name: 'Post ERA' }).click();
    await page
      .getByRole('status')
      .filter({ hasText: `TRN02 ${TRACE}` })
      .waitFor();
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Deposits' }).click();
    await page.getByRole('button', { name: 'Reconcile with 835s' }).click();
    await page.getByRole('status').filter({ hasText: '1 deposit matched by this run' }).waitFor();
    await expect.poll(() => rowWith(unmatchedDeposits(page), TRACE).count(), { timeout: 30_000 }).toBe(0);
    const late = rowWith(page.getByRole('table', { name: 'Deposits' }), TRACE);
    await expect.poll(() => late.textContent(), { timeout: 30_000 }).toContain('matched');
    expect(await late.getByRole('link').count()).toBe(1);
    // the early check still waits for its 835
    expect(await rowWith(unmatchedDeposits(page), EARLY_CHECK.traceNumber).count()).toBe(1);

    const problems = harness!.consoleProblems;
    expect(problems.filter((m) => /Content.Security.Policy|CSP violation|Refused to/i.test(m))).toEqual([]);
    expect(problems.filter((m) => m.startsWith('pageerror'))).toEqual([]);
  });
});
