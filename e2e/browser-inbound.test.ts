/**
 * A poison file in the browser (issue 8 item 6): the biller checks for responses and is told the file is held and
 * why; the admin finds it under "Held inbound files" on the Batches page with its reason and discards it.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FolderAdapter } from '../packages/server/src/clearinghouse/folder-adapter.ts';
import { startBrowserHarness, type BrowserHarness } from './browser-harness.ts';

const PASSWORD = 'demo-password-1';
let harness: BrowserHarness | undefined;

beforeAll(async () => {
  harness = await startBrowserHarness({ prefix: 'medbill-e2e-inbound-', password: PASSWORD });
  const { server } = harness;
  const ch = await server.store.db.selectFrom('clearinghouse').selectAll().orderBy('id').executeTakeFirstOrThrow();
  const adapter = server.claims.adapterFor({ ...ch, config: ch.config as Record<string, unknown> });
  const inbound = (adapter as FolderAdapter).folders.inboundDir;
  fs.mkdirSync(inbound, { recursive: true });
  fs.writeFileSync(path.join(inbound, 'scan.pdf.x12'), Buffer.from('%PDF-1.4\n\u0000\u0001binary', 'latin1'));
}, 300_000);

afterAll(async () => {
  await harness?.close();
});

describe('web UI: a file that is not X12 in the inbound folder', () => {
  it('is reported when the biller checks for responses, and the admin discards it from the Batches page', async () => {
    const page = await harness!.newPage({ width: 1366, height: 900 });
    await harness!.logIn(page, 'biller');
    await page.getByRole('heading', { name: 'Billing', level: 1 }).waitFor();
    await page.getByRole('button', { name: 'Check for responses' }).click();
    await page.getByText(/scan\.pdf\.x12: held for review \(Batches page\): a NUL byte at byte \d+/).waitFor();

    const admin = await harness!.newPage({ width: 1366, height: 900 });
    await harness!.logIn(admin, 'admin');
    await admin.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Batches' }).click();
    const held = admin.getByRole('table', { name: 'Held inbound files' });
    await held.getByRole('cell', { name: 'scan.pdf.x12' }).waitFor();
    expect(await held.getByRole('cell', { name: /a NUL byte at byte \d+: a binary file, not X12 text/ }).count()).toBe(
      1,
    );
    await held.getByRole('button', { name: 'Discard' }).click();
    await admin.getByText('scan.pdf.x12 was discarded.').waitFor();
    // the list is asked again after the decision: the discarded file leaves it
    await admin.getByRole('table', { name: 'Held inbound files' }).waitFor({ state: 'detached' });
    // the log-in page asks who is logged in before anyone is (401): the only answer allowed to fail
    expect(harness!.consoleProblems.filter((m) => !/status of 401/.test(m))).toEqual([]);
  }, 180_000);
});
