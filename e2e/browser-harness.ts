/**
 * What every browser test needs: the real server on a fresh data folder (on PostgreSQL: a fresh database of its
 * own, so browser test files running side by side never see each other's changes) with the demo, Debian's Chromium
 * (no browser download), and pages that record console errors and CSP violations.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type ConsoleMessage, type Page } from 'playwright-core';
import { loadConfig } from '../packages/server/src/config.ts';
import { startServer } from '../packages/server/src/start-server.ts';
import { createTestDatabase } from '../packages/server/test/test-store.ts';
import { ensureWebBuilt } from './web-build.ts';

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
  '--disable-sync',
  '--disable-quic',
];

export interface BrowserHarness {
  server: Awaited<ReturnType<typeof startServer>>;
  browser: Browser;
  /** console errors/warnings, page errors and CSP violations seen on any page */
  consoleProblems: string[];
  newPage(viewport?: { width: number; height: number }): Promise<Page>;
  /** Open the app on `page` and log in as a demo user through the log-in screen. */
  logIn(page: Page, username: string): Promise<void>;
  close(): Promise<void>;
}

export async function startBrowserHarness(opts: { prefix: string; password: string }): Promise<BrowserHarness> {
  ensureWebBuilt();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), opts.prefix));
  const database = process.env.DATABASE_URL ? await createTestDatabase(process.env.DATABASE_URL) : null;
  const cfg = loadConfig({
    ...process.env,
    ...(database ? { DATABASE_URL: database.url } : {}),
    MEDBILL_DATA: dataDir,
    PORT: '0',
    MEDBILL_DEMO_PASSWORD: opts.password,
  });
  const [server, browser] = await Promise.all([
    startServer(cfg, { demo: true, log: () => {} }),
    chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: CHROMIUM_ARGS }),
  ]);
  const consoleProblems: string[] = [];
  return {
    server,
    browser,
    consoleProblems,
    async newPage(viewport = { width: 1280, height: 900 }) {
      const context = await browser.newContext({ viewport });
      const page = await context.newPage();
      page.setDefaultTimeout(30_000); // CI runs the browser tests beside the rest of the suite on 2 cores
      // Report CSP violations from inside the page too (init scripts are not subject to the page's CSP).
      await page.addInitScript(() => {
        document.addEventListener('securitypolicyviolation', (e) =>
          console.error(`CSP violation: ${e.violatedDirective} ${e.blockedURI}`),
        );
      });
      page.on('console', (m: ConsoleMessage) => {
        if (m.type() === 'error' || m.type() === 'warning') consoleProblems.push(`${m.type()}: ${m.text()}`);
      });
      page.on('pageerror', (e) => consoleProblems.push(`pageerror: ${e.message}`));
      return page;
    },
    async logIn(page, username) {
      await page.goto(`${server.url}/`);
      await page.getByLabel('User name').fill(username);
      await page.getByLabel('Password').fill(opts.password);
      await page.getByRole('button', { name: 'Log in' }).click();
    },
    async close() {
      await browser.close();
      await server.close();
      await database?.drop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
