/**
 * Two-step log-in in a real browser against the real server (SECURITY.md B2): the biller turns on
 * TOTP on the Security page (QR code and key shown, code computed here from the key), sees the
 * recovery codes once, logs out, and logs back in with the password and then a code. No CSP violation.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { base32Decode, hotp, stepAt } from '../packages/server/src/auth/totp.ts';
import { startBrowserHarness, type BrowserHarness } from './browser-harness.ts';

const PASSWORD = 'demo-password-1';
let harness: BrowserHarness | undefined;

beforeAll(async () => {
  harness = await startBrowserHarness({ prefix: 'medbill-e2e-mfa-', password: PASSWORD });
});
afterAll(async () => {
  await harness?.close();
});

const codeFor = (seed: Buffer, offset = 0) => hotp(seed, stepAt(Date.now()) + offset);

async function logOut(page: Page) {
  await page.getByRole('button', { name: 'Log out' }).click();
  await page.getByText('You have logged out.').waitFor();
}

describe('web UI: two-step log-in', () => {
  it('the biller enrols on the Security page and then logs in with a code from the authenticator', async () => {
    const page = await harness!.newPage();
    await harness!.logIn(page, 'biller');
    await page.getByTestId('current-user').waitFor();

    await page.getByRole('link', { name: 'Security' }).click();
    await page.getByRole('heading', { name: 'Security', level: 1 }).waitFor();
    expect(await page.getByTestId('mfa-status').textContent()).toMatch(/off/);
    await page.getByRole('button', { name: 'Set up two-step log-in' }).click();
    const secretText = (await page.getByTestId('mfa-secret').textContent())!;
    expect(await page.locator('.qr svg path').count()).toBeGreaterThan(0);
    const seed = base32Decode(secretText);
    expect(seed.length).toBe(20);

    // a wrong code is refused, the right one turns it on and shows ten recovery codes once
    await page.getByLabel('Code from the app').fill(codeFor(seed, 5) === codeFor(seed) ? '000000' : codeFor(seed, 5));
    await page.getByRole('button', { name: 'Turn on' }).click();
    await page.getByText('The code is wrong or has expired').waitFor();
    await page.getByLabel('Code from the app').fill(codeFor(seed));
    await page.getByRole('button', { name: 'Turn on' }).click();
    const codes = page.getByRole('list', { name: 'Recovery codes' });
    await codes.waitFor();
    expect(await codes.locator('li').count()).toBe(10);
    await expect.poll(() => page.getByTestId('mfa-status').textContent()).toMatch(/on.*10 recovery codes left/);

    await logOut(page);
    await harness!.logIn(page, 'biller');
    const codeField = page.getByLabel('Authentication code');
    await codeField.waitFor();
    // the password alone opened nothing: the API still says nobody is logged in
    expect(await page.evaluate(async () => (await fetch('/api/auth/me')).status)).toBe(401);
    // the code used to enrol cannot be used again; the next step's code (one step of drift) works
    await codeField.fill(codeFor(seed, 1));
    await page.getByRole('button', { name: 'Verify' }).click();
    await page.getByTestId('current-user').waitFor();
    expect(await page.getByTestId('current-user').textContent()).toMatch(/Blake Biller/);
    expect(await page.evaluate(async () => (await fetch('/api/auth/me')).status)).toBe(200);

    // the refused wrong code and the probes above log 400/401 resource errors; nothing else may appear
    expect(
      harness!.consoleProblems.filter((m) => /Content.Security.Policy|CSP violation|Refused to|pageerror/i.test(m)),
    ).toEqual([]);
    expect(harness!.consoleProblems.filter((m) => !/status of 40[01]/.test(m))).toEqual([]);
  }, 120_000);
});
