/**
 * The coder in a real browser: an encounter's note shows the evidence of each suggested code highlighted; the coder
 * accepts one (it becomes the encounter's first diagnosis, kept after a reload), rejects another (kept for
 * measuring, not on the encounter) and replaces a third with another code through Edit; what the note denies is
 * highlighted as not coded. The demo server has the demo code list only, so suggestions come from its titles.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiSession } from './billing-fixtures.ts';
import { startBrowserHarness, type BrowserHarness } from './browser-harness.ts';

const PASSWORD = 'demo-password-suggest';
const NOTE =
  'Assessment: Right knee pain. Type 2 diabetes mellitus without complications. UTI. Denies chest pain. Folding wheeled walker dispensed.';
let harness: BrowserHarness | undefined;
let encounterId: number;
let coderApi: ApiSession;

beforeAll(async () => {
  harness = await startBrowserHarness({ prefix: 'medbill-e2e-suggest-', password: PASSWORD });
  coderApi = await ApiSession.login(harness.server.url, 'coder', PASSWORD);
  const practice = (await coderApi.call<{ items: Array<{ id: number }> }>('GET', '/api/practices?limit=1')).items[0];
  const providers = await coderApi.call<{ items: Array<{ id: number; practiceId: number }> }>(
    'GET',
    '/api/providers?limit=50',
  );
  const patient = (await coderApi.call<{ items: Array<{ id: number }> }>('GET', '/api/patients?limit=1')).items[0];
  encounterId = (
    await coderApi.call<{ id: number }>('POST', '/api/encounters', {
      patientId: patient.id,
      practiceId: practice.id,
      renderingProviderId: (providers.items.find((p) => p.practiceId === practice.id) ?? providers.items[0]).id,
      placeOfService: '11',
      serviceDateFrom: new Date(Date.now() - 2 * 86_400_000).toISOString().slice(0, 10),
      noteText: NOTE,
      diagnoses: [],
      lines: [],
    })
  ).id;
}, 300_000);
afterAll(async () => {
  await harness?.close();
});

const diagnosesOf = async () =>
  (await coderApi.call<{ diagnoses: string[] }>('GET', `/api/encounters/${encounterId}`)).diagnoses;

describe('web UI: the coder takes code suggestions from the note', () => {
  it('accepts, rejects and edits suggestions; accepted codes land on the encounter in order', async () => {
    const page: Page = await harness!.newPage({ width: 1366, height: 900 });
    await harness!.logIn(page, 'coder');
    await page.waitForURL(/\/coding/);
    await page.goto(`${harness!.server.url}/encounters/${encounterId}`);
    const list = page.getByRole('list', { name: 'Suggested codes' });
    const knee = page.getByTestId('suggestion-M25.561');
    await knee.waitFor();
    expect(await knee.textContent()).toContain('Evidence: “Right knee pain”');
    expect(await list.getByRole('listitem').count()).toBe(3);

    // The evidence is highlighted in the note, and the hovered suggestion's words stand out.
    const note = page.getByLabel('Note text');
    expect(await note.textContent()).toBe(NOTE);
    await expect.poll(() => note.locator('mark[data-codes~="M25.561"]').allTextContents()).toEqual(['Right knee pain']);
    await knee.hover();
    await expect.poll(() => note.locator('mark.active').allTextContents()).toEqual(['Right knee pain']);
    expect(await note.locator('mark.not-coded').allTextContents()).toEqual(['chest pain']);
    expect(await page.getByText(/Read but not coded: “chest pain” \(negated\)/).count()).toBe(1);
    // HCPCS items are read from the note too, their words highlighted.
    const walker = page.getByTestId('procedure-E0143');
    expect(await walker.textContent()).toContain('Evidence: “Folding wheeled walker”');
    expect(await note.locator('mark[data-codes~="E0143"]').allTextContents()).toEqual(['Folding wheeled walker']);

    // Accept: the code becomes the first diagnosis.
    await knee.getByRole('button', { name: 'Accept M25.561' }).click();
    await expect.poll(() => knee.textContent()).toContain('On the encounter');
    await expect.poll(() => page.getByTestId('dx-0').textContent()).toContain('M25.561');
    expect(await diagnosesOf()).toEqual(['M25561']);

    // Reject: kept, not on the encounter.
    const uti = page.getByTestId('suggestion-N39.0');
    await uti.getByRole('button', { name: 'Reject N39.0' }).click();
    await expect.poll(() => uti.textContent()).toContain('Rejected');

    // Edit: another code is accepted in place of the suggestion.
    const dm = page.getByTestId('suggestion-E11.9');
    await dm.getByRole('button', { name: 'Edit E11.9' }).click();
    const search = dm.getByRole('combobox', { name: 'Accept another code in place of E11.9' });
    await search.fill('E11.65');
    await dm
      .getByRole('option', { name: /E11.65/ })
      .first()
      .click();
    await expect.poll(() => page.getByTestId('dx-1').textContent()).toContain('E11.65');
    expect(await diagnosesOf()).toEqual(['M25561', 'E1165']);

    // After a reload the decisions are still shown.
    await page.reload();
    await page.getByTestId('suggestion-M25.561').waitFor();
    await expect.poll(() => page.getByTestId('suggestion-N39.0').textContent()).toContain('Rejected');
    expect(await page.getByTestId('suggestion-E11.9').textContent()).toContain('Rejected');
    expect(await page.getByTestId('suggestion-M25.561').textContent()).toContain('On the encounter');

    const decisions = await coderApi.call<{ items: Array<{ code: string; decision: string; reason: string | null }> }>(
      'GET',
      '/api/coding/suggestion-decisions',
    );
    expect(decisions.items.map((d) => [d.code, d.decision, d.reason]).sort()).toEqual([
      ['E11.65', 'accepted', 'in place of E11.9'],
      ['E11.9', 'rejected', 'replaced by E11.65'],
      ['M25.561', 'accepted', null],
      ['N39.0', 'rejected', null],
    ]);
    const problems = harness!.consoleProblems.filter((m) => !/401/.test(m));
    expect(problems).toEqual([]);
  }, 180_000);
});
