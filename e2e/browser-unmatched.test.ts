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

/** An acknowledged demo claim with two lines or more (the first such, by id), its payer and lines. */
async function claimWithLines() {
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
      .select(['line_number', 'procedure_code', 'modifiers', 'units', 'charge_cents', 'service_date'])
      .where('encounter_id', '=', c.encounter_id)
      .orderBy('line_number')
      .execute();
    return {
      claimId: c.id,
      claimNumber: c.claim_number,
      payerId: c.payer_code,
      payerName: c.name.toUpperCase(),
      lines,
    };
  });
}

/** "$1,234.56" as the web writes cents */
const dollars = (cents: number) =>
  `${cents < 0 ? '−' : ''}$${Math.floor(Math.abs(cents) / 100).toLocaleString('en-US')}.${String(Math.abs(cents) % 100).padStart(2, '0')}`;

/** The claim page's insurance payments, each as "line amount" (line number and code, then the amount), sorted. */
async function insurancePayments(page: Page): Promise<string[]> {
  const rows = page
    .getByRole('region', { name: 'Payment history' })
    .getByRole('table', { name: 'Ledger entries' })
    .locator('tr[data-kind="insurance_payment"]');
  const cells = await rows.evaluateAll((rs) =>
    rs.map((r) => [...(r as HTMLTableRowElement).cells].map((c) => (c.textContent ?? '').trim())),
  );
  return cells.map((c) => `${c[2]} ${c[5]}`).sort();
}

async function uploadEra(page: Page, name: string, text: string) {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'ERAs' }).click();
  await page.getByLabel('835 file').setInputFiles({ name, mimeType: 'text/plain', buffer: Buffer.from(text) });
  await page.getByRole('button', { name: 'Post ERA' }).click();
}

describe('web UI: the claims analyst posts what a claim’s lines could not place', () => {
  it('several services of a claim that matched none of its lines are each posted to the line the analyst names', async () => {
    const c = await claimWithLines();
    const [l1, l2] = [c.lines[0]!, c.lines[1]!];
    // the payer answers both lines under codes nobody billed: the first paid less a contractual adjustment, the second denied
    const paid1 = l1.charge_cents - 1234;
    const text = eraText({
      trace: 'E2EUNM3',
      payerId: c.payerId,
      payerName: c.payerName,
      claims: [
        {
          pcn: c.claimNumber,
          status: '1',
          charge: c.lines.reduce((t, l) => t + l.charge_cents, 0),
          paid: paid1,
          services: c.lines.map((l, i) => ({
            code: i === 0 ? '99499' : '99429',
            units: l.units,
            charge: l.charge_cents,
            paid: i === 0 ? paid1 : 0,
            date: l.service_date.replaceAll('-', ''),
            cas:
              i === 0
                ? [{ group: 'CO', reason: '45', amount: 1234 }]
                : [{ group: 'CO', reason: '50', amount: l.charge_cents }],
          })),
        },
      ],
    });
    const page: Page = await harness!.newPage();
    await harness!.logIn(page, 'analyst');
    await page.waitForURL(/\/billing/);
    await uploadEra(page, 'unplaced.835', text);
    await page.getByRole('status').filter({ hasText: '1 not matched, held as unapplied' }).waitFor();
    await page.goto(`${harness!.server.url}/claims/${c.claimId}`);
    // nothing is on the lines yet: the money waits as unapplied
    await page.getByRole('region', { name: 'Payment history' }).getByTestId('ledger-totals').waitFor();
    expect(await insurancePayments(page)).toEqual([]);
    const stateBefore = await page.getByTestId('claim-state').textContent();

    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Unmatched' }).click();
    const card = page.getByTestId(`unmatched-${c.claimNumber}`);
    const form = card.getByRole('form', { name: `Post the services of claim ${c.claimNumber}` });
    await form.getByLabel('Line for SVC 1').fill('1');
    await form.getByLabel('Line for SVC 2').fill('2');
    await form.getByRole('button', { name: 'Post each service to its line' }).click();
    await expect.poll(() => page.getByTestId(`unmatched-${c.claimNumber}`).count(), { timeout: 30_000 }).toBe(0);
    await page.getByLabel('Unmatched status').selectOption('matched');
    const done = page.getByTestId(`unmatched-${c.claimNumber}`);
    await expect
      .poll(() => done.textContent(), { timeout: 30_000 })
      .toContain(
        `posted SVC 1 (99499) to line 1 (${l1.procedure_code}), SVC 2 (99429) to line 2 (${l2.procedure_code}) of claim ${c.claimNumber}`,
      );
    await done.getByRole('link', { name: `Open claim ${c.claimNumber}` }).click();
    await page.waitForURL(/\/claims\/\d+$/);
    // line 1 has the payment, line 2 was denied: the claim says so
    await expect
      .poll(() => page.getByTestId('claim-state').textContent(), { timeout: 30_000 })
      .toBe('Paid, lines denied');
    expect(stateBefore).not.toBe('Paid, lines denied');
    await expect
      .poll(() => insurancePayments(page), { timeout: 30_000 })
      .toEqual([`${l1.line_number} ${[l1.procedure_code, ...l1.modifiers].join('-')} ${dollars(-paid1)}`]);
    const totals = page.getByRole('region', { name: 'Payment history' }).getByTestId('ledger-totals');
    expect(await totals.textContent()).toContain(`Insurance paid${dollars(paid1)}`);
  });

  it('what a claim’s lines do not explain is applied to the lines the analyst chooses, to the cent', async () => {
    const c = await claimWithLines();
    const [l1, l2] = [c.lines[0]!, c.lines[1]!];
    // each line paid all but a contractual $11.11 / $22.22, and the claim paid $8.00 more than its lines: held
    const paid = [l1.charge_cents - 1111, l2.charge_cents - 2222];
    const text = eraText({
      trace: 'E2EUNM4',
      payerId: c.payerId,
      payerName: c.payerName,
      claims: [
        {
          pcn: c.claimNumber,
          status: '1',
          charge: l1.charge_cents + l2.charge_cents,
          paid: paid[0]! + paid[1]! + 800,
          services: [l1, l2].map((l, i) => ({
            code: l.procedure_code,
            modifiers: l.modifiers,
            units: l.units,
            charge: l.charge_cents,
            paid: paid[i]!,
            date: l.service_date.replaceAll('-', ''),
            cas: [{ group: 'CO', reason: '45', amount: l.charge_cents - paid[i]! }],
          })),
        },
      ],
    });
    if (c.lines.length !== 2) throw new Error(`claim ${c.claimNumber} has ${c.lines.length} lines, the ERA pays 2`);
    const page: Page = await harness!.newPage();
    await harness!.logIn(page, 'analyst');
    await page.waitForURL(/\/billing/);
    await uploadEra(page, 'unbalanced.835', text);
    // held (the claim does not balance); the analyst opens it and posts it with the difference
    const row = page.getByRole('table', { name: 'ERAs' }).getByRole('row').filter({ hasText: 'E2EUNM4' });
    await expect.poll(() => row.textContent(), { timeout: 30_000 }).toContain('held');
    await row.getByRole('link').first().click();
    await page.getByLabel('Release reason').fill('payer confirmed the extra $8 by phone');
    await page.getByRole('button', { name: 'Post with the difference' }).click();
    await expect.poll(() => page.getByTestId('era-status').textContent(), { timeout: 30_000 }).toBe('posted');

    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Unmatched' }).click();
    const card = page.getByTestId(`unmatched-${c.claimNumber}`);
    const form = card.getByRole('form', { name: `Apply the difference of claim ${c.claimNumber}` });
    const left = form.getByTestId('difference-left');
    const apply = form.getByRole('button', { name: 'Apply the difference' });
    // a wrong total is refused: the shortfall is named beside the amounts, and nothing can be posted
    await form.getByLabel('Amount for line 1').fill('3.00');
    await form.getByLabel('Amount for line 2').fill('4.00');
    await expect.poll(() => left.textContent(), { timeout: 30_000 }).toBe('$1.00 left to apply of $8.00.');
    expect(await apply.isDisabled()).toBe(true);
    // each amount's field is described by what is left to apply
    expect(
      await form
        .getByLabel('Amount for line 2')
        .evaluate((el) => document.getElementById(el.getAttribute('aria-describedby') ?? '')?.textContent),
    ).toBe('$1.00 left to apply of $8.00.');
    await form.getByLabel('Amount for line 2').fill('5.50');
    await expect.poll(() => left.textContent(), { timeout: 30_000 }).toBe('$0.50 too much of $8.00.');
    expect(await apply.isDisabled()).toBe(true);
    await form.getByLabel('Amount for line 2').fill('5.00');
    await expect.poll(() => left.textContent(), { timeout: 30_000 }).toBe('Adds up to $8.00.');
    await apply.click();
    await expect.poll(() => page.getByTestId(`unmatched-${c.claimNumber}`).count(), { timeout: 30_000 }).toBe(0);

    await page.goto(`${harness!.server.url}/claims/${c.claimId}`);
    const code = (l: typeof l1) => `${l.line_number} ${[l.procedure_code, ...l.modifiers].join('-')}`;
    await expect
      .poll(() => insurancePayments(page), { timeout: 30_000 })
      .toEqual(
        [
          `${code(l1)} ${dollars(-paid[0]!)}`,
          `${code(l1)} ${dollars(-300)}`,
          `${code(l2)} ${dollars(-paid[1]!)}`,
          `${code(l2)} ${dollars(-500)}`,
        ].sort(),
      );
    const totals = page.getByRole('region', { name: 'Payment history' }).getByTestId('ledger-totals');
    expect(await totals.textContent()).toContain(`Insurance paid${dollars(paid[0]! + paid[1]! + 800)}`);
    // the claim's payment history and the ERA's posting view say what was applied to which line
    const appliedWords = `Difference applied by a person, $8.00 of the paid: $3.00 to line 1 (${l1.procedure_code}), $5.00 to line 2 (${l2.procedure_code})`;
    const history = page.getByRole('region', { name: 'Payment history' });
    await expect
      .poll(() => history.getByTestId('applied-difference').textContent(), { timeout: 30_000 })
      .toBe(appliedWords);
    await history
      .getByRole('region', { name: /^ERA #\d+ on this claim$/ })
      .getByRole('link')
      .first()
      .click();
    await page.waitForURL(/\/eras\/\d+$/);
    const posting = page.getByTestId(`posting-${c.claimNumber}`);
    await expect
      .poll(() => posting.getByTestId('applied-difference').textContent(), { timeout: 30_000 })
      .toBe(appliedWords);

    const problems = harness!.consoleProblems;
    expect(problems.filter((m) => /Content.Security.Policy|CSP violation|Refused to/i.test(m))).toEqual([]);
    expect(problems.filter((m) => m.startsWith('pageerror'))).toEqual([]);
  });
});
