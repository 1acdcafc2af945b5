/**
 * The claims analyst in a real browser: upload an 835 denying a demo claim the payer acknowledged, read the
 * denial in words on the ERA's posting view, and work it from the denial worklist into a corrected claim
 * (frequency 7) that opens on its claim page; no CSP violation, no page error.
 */
import { eraText } from '@medbill/core/test-util';
import { withTenant } from '@medbill/server';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBrowserHarness, type BrowserHarness } from './browser-harness.ts';

const PASSWORD = 'demo-password-denials';
let harness: BrowserHarness | undefined;

beforeAll(async () => {
  harness = await startBrowserHarness({ prefix: 'medbill-e2e-denials-', password: PASSWORD });
}, 300_000);
afterAll(async () => {
  await harness?.close();
});

/** A demo claim the payer acknowledged, and an 835 denying each of its lines (CO-16 with MA130). */
async function denyingEra(): Promise<{ claimNumber: string; text: string }> {
  const { db } = harness!.server.store;
  const tenant = await db.selectFrom('tenant').select('id').orderBy('id').executeTakeFirstOrThrow();
  return withTenant(db, tenant.id, async (tx) => {
    const c = await tx
      .selectFrom('claim as c')
      .innerJoin('payer as p', (j) => j.onRef('p.tenant_id', '=', 'c.tenant_id').onRef('p.id', '=', 'c.payer_id'))
      .select(['c.claim_number', 'c.encounter_id', 'p.payer_code', 'p.name'])
      .where('c.state', '=', 'acknowledged')
      .where('c.kind', '=', 'professional')
      .orderBy('c.id')
      .executeTakeFirstOrThrow();
    const lines = await tx
      .selectFrom('service_line')
      .select(['line_number', 'procedure_code', 'modifiers', 'units', 'charge_cents', 'service_date'])
      .where('encounter_id', '=', c.encounter_id)
      .orderBy('line_number')
      .execute();
    const charge = lines.reduce((t, l) => t + l.charge_cents, 0);
    const text = eraText({
      trace: 'E2EDENY1',
      payerId: c.payer_code,
      payerName: c.name.toUpperCase(),
      claims: [
        {
          pcn: c.claim_number,
          status: '4',
          charge,
          paid: 0,
          services: lines.map((l) => ({
            code: l.procedure_code,
            modifiers: l.modifiers,
            units: l.units,
            charge: l.charge_cents,
            paid: 0,
            date: l.service_date.replaceAll('-', ''),
            lineControl: `${c.claim_number}-${l.line_number}`,
            cas: [{ group: 'CO', reason: '16', amount: l.charge_cents }],
            remarks: ['MA130'],
          })),
        },
      ],
    });
    return { claimNumber: c.claim_number, text };
  });
}

describe('web UI: the claims analyst posts an ERA and works a denial', () => {
  it('the denial reads in words and becomes a corrected claim', async () => {
    const { claimNumber, text } = await denyingEra();
    const page: Page = await harness!.newPage();
    await harness!.logIn(page, 'analyst');
    await page.waitForURL(/\/billing/);
    await page.getByRole('link', { name: 'ERAs' }).click();
    await page
      .getByLabel('835 file')
      .setInputFiles({ name: 'deny.835', mimeType: 'text/plain', buffer: Buffer.from(text) });
    await page.getByRole('button', { name: 'Post ERA' }).click();
    const posted = page.getByRole('status').filter({ hasText: 'posted ERA #' });
    await posted.waitFor();
    const eraId = /posted ERA #(\d+)/.exec((await posted.textContent()) ?? '')![1];

    await page.getByRole('link', { name: `#${eraId}`, exact: true }).click();
    await expect.poll(() => page.getByTestId('era-status').textContent()).toBe('posted');
    const claimBlock = page.getByTestId(`posting-${claimNumber}`);
    await expect.poll(() => claimBlock.textContent()).toContain('CO-16');
    expect(await claimBlock.textContent()).toContain('Missing information or a billing error');
    expect(await claimBlock.textContent()).toContain('MA130 Unprocessable claim: incomplete or invalid information');

    await page.getByRole('link', { name: 'Denials' }).first().click();
    const row = page.getByTestId(`denial-${claimNumber}`).first();
    await expect.poll(() => row.textContent()).toContain('Missing information');
    await row.click();
    const panel = page.getByLabel(`Denial on ${claimNumber}`);
    // a void asks what becomes of the balance once the payer takes the claim back: both options in words, none chosen,
    // nothing sent until one is; the analyst thinks better of it and cancels
    await panel.getByRole('button', { name: 'Void claim' }).click();
    const voiding = panel.getByRole('group', { name: 'Void the claim' });
    const rebill = voiding.getByRole('radio', {
      name: /^Rebill: once the payer takes the claim back, bill the balance/,
    });
    const writeOff = voiding.getByRole('radio', { name: /^Write off: once the payer takes the claim back, adjust/ });
    expect([await rebill.isChecked(), await writeOff.isChecked()]).toEqual([false, false]);
    expect(await writeOff.isDisabled()).toBe(false);
    expect(await voiding.getByRole('button', { name: 'Make the void claim' }).isDisabled()).toBe(true);
    await writeOff.check();
    expect(await voiding.getByRole('button', { name: 'Make the void claim' }).isDisabled()).toBe(false);
    await voiding.getByRole('button', { name: 'Cancel' }).click();
    expect(await voiding.count()).toBe(0);
    await panel.getByLabel('Reason').fill('modifier 25 was missing on the visit');
    await panel.getByRole('button', { name: 'Corrected claim' }).click();
    await expect.poll(() => panel.textContent()).toMatch(new RegExp(`Corrected claim C\\d+ made for ${claimNumber}`));
    const made = /Corrected claim (C\d+) made/.exec((await panel.textContent()) ?? '')![1];
    // the history reloads after the action's own message shows: wait for it rather than read it once
    await expect
      .poll(async () => (await panel.getByTestId('denial-history').textContent()) ?? '')
      .toContain(`Corrected claim ${made} made`);
    await panel.getByRole('link', { name: 'Open the new claim' }).click();
    await page.waitForURL(/\/claims\/\d+$/);
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe(`Claim ${made}`);

    const problems = harness!.consoleProblems;
    expect(problems.filter((m) => /Content.Security.Policy|CSP violation|Refused to/i.test(m))).toEqual([]);
    expect(problems.filter((m) => m.startsWith('pageerror'))).toEqual([]);
  });
});
