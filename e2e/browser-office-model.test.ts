/**
 * The coder in a real browser sees whether suggestions are adapted to the office: "not yet learned" on a fresh demo
 * office, then Learn from coded notes (a job, its progress shown), after which the page says how many coded notes
 * the suggestions learnt from and a suggestion learnt from the office's history says so in words. A biller sees the
 * state but no button.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiSession } from './billing-fixtures.ts';
import { startBrowserHarness, type BrowserHarness } from './browser-harness.ts';

const PASSWORD = 'demo-password-office-model';
/** The office calls a diabetic's glucose "sugars": no code title reads it, the office's coding does. */
const CODED = ['Sugars running high.', 'Follow-up for sugars.', 'Her sugars are stable.', 'Sugars checked at home.'];
const NOTE = 'Her sugars remain high.';
let harness: BrowserHarness | undefined;
let encounterId: number;

beforeAll(async () => {
  harness = await startBrowserHarness({ prefix: 'medbill-e2e-office-', password: PASSWORD });
  const coder = await ApiSession.login(harness.server.url, 'coder', PASSWORD);
  const practice = (await coder.call<{ items: Array<{ id: number }> }>('GET', '/api/practices?limit=1')).items[0];
  const providers = await coder.call<{ items: Array<{ id: number; practiceId: number }> }>(
    'GET',
    '/api/providers?limit=50',
  );
  const patient = (await coder.call<{ items: Array<{ id: number }> }>('GET', '/api/patients?limit=1')).items[0];
  const encounter = (noteText: string, coded: boolean) =>
    coder.call<{ id: number }>('POST', '/api/encounters', {
      patientId: patient.id,
      practiceId: practice.id,
      renderingProviderId: (providers.items.find((p) => p.practiceId === practice.id) ?? providers.items[0]).id,
      placeOfService: '11',
      serviceDateFrom: new Date(Date.now() - 2 * 86_400_000).toISOString().slice(0, 10),
      noteText,
      diagnoses: coded ? ['E11.9'] : [],
      lines: coded ? [{ procedureCode: '99213', units: 1, diagnosisPointers: [1] }] : [],
    });
  for (const text of CODED) await encounter(text, true);
  encounterId = (await encounter(NOTE, false)).id;
}, 300_000);
afterAll(async () => {
  await harness?.close();
});

describe('web UI: suggestions adapted to the office', () => {
  it('says not yet learned, learns on request, then names the office history behind a suggestion', async () => {
    const page: Page = await harness!.newPage({ width: 1366, height: 900 });
    await harness!.logIn(page, 'coder');
    await page.waitForURL(/\/coding/);
    await page.goto(`${harness!.server.url}/encounters/${encounterId}`);
    const line = page.getByTestId('office-model');
    await expect.poll(() => line.textContent()).toMatch(/Not yet learned from this office's coded notes/);
    await expect.poll(() => line.textContent()).toMatch(/\d+ coded notes available/);
    expect(await page.getByTestId('suggestion-E11.9').count()).toBe(0);

    await line.getByRole('button', { name: 'Learn from coded notes' }).click();
    await expect
      .poll(() => line.textContent(), { timeout: 120_000 })
      .toMatch(/Adapted to this office: learned from \d+ coded notes, built /);
    const dm = page.getByTestId('suggestion-E11.9');
    await dm.waitFor();
    expect(await dm.textContent()).toContain('Evidence: “sugars”');
    expect(await page.getByTestId('office-evidence-E11.9').textContent()).toMatch(
      /^This office coded "sugar" as E11\.9 in \d+ of \d+ notes\.$/,
    );
    await expect
      .poll(() => page.getByLabel('Note text').locator('mark[data-codes~="E11.9"]').allTextContents())
      .toEqual(['sugars']);
    expect(await line.getByRole('button', { name: 'Learn again' }).count()).toBe(1);
    expect(harness!.consoleProblems.filter((m) => !/401/.test(m))).toEqual([]);
  }, 240_000);

  it('a biller sees whether suggestions are adapted, without the button', async () => {
    const page: Page = await harness!.newPage({ width: 1366, height: 900 });
    await harness!.logIn(page, 'biller');
    await page.getByRole('heading', { name: 'Billing', level: 1 }).waitFor();
    await page.goto(`${harness!.server.url}/encounters/${encounterId}`);
    const line = page.getByTestId('office-model');
    await expect.poll(() => line.textContent()).toMatch(/Adapted to this office: learned from \d+ coded notes/);
    expect(await line.getByRole('button').count()).toBe(0);
  }, 120_000);
});
