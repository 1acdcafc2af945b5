/**
 * Issue 8 item 14: in the demo, a batch sent after start gets answers. The server starts in demo mode, a biller sends
 * the demo's built batch, and "Check for responses" brings back its 999 and 277CA and, after the remittance delay,
 * its 835 — answered by the payer simulator while the server runs.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADJUDICATED_STATES } from '@medbill/core';
import { loadConfig } from '../src/config.ts';
import { startServer } from '../src/start-server.ts';
import { createTestDatabase } from './test-store.ts';

const PASSWORD = 'demo-payer-password';
let server: Awaited<ReturnType<typeof startServer>>;
let dataDir: string;
let dropDb: (() => Promise<void>) | undefined;
let cookie = '';

const call = async (method: string, url: string, body?: unknown) => {
  const res = await fetch(`${server.url}${url}`, {
    method,
    headers: { cookie, ...(body ? { 'content-type': 'application/json' } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  const json = await res.json();
  if (!res.ok) throw new Error(`${method} ${url}: ${res.status} ${JSON.stringify(json)}`);
  return json;
};

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'medbill-demo-payer-'));
  let databaseUrl = '';
  if (process.env.DATABASE_URL) {
    const created = await createTestDatabase(process.env.DATABASE_URL);
    databaseUrl = created.url;
    dropDb = created.drop;
  }
  const cfg = loadConfig({
    MEDBILL_DATA: dataDir,
    PORT: '0',
    DATABASE_URL: databaseUrl,
    MEDBILL_DEMO_PASSWORD: PASSWORD,
    MEDBILL_DEMO_REMIT_DELAY: '3',
  });
  server = await startServer(cfg, { demo: true, log: () => {} });
  const res = await fetch(`${server.url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'biller', password: PASSWORD }),
  });
  expect(res.status).toBe(200);
  cookie = res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
}, 600_000);

afterAll(async () => {
  await server?.close();
  await dropDb?.();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

async function pollUntil(clearinghouseId: number, done: (kinds: string[]) => boolean, timeoutMs = 60_000) {
  const kinds: string[] = [];
  const deadline = Date.now() + timeoutMs;
  while (!done(kinds)) {
    if (Date.now() > deadline) throw new Error(`no answer in time; picked up so far: ${kinds.join(', ') || 'nothing'}`);
    const { files } = await call('POST', `/api/clearinghouses/${clearinghouseId}/poll`, {});
    kinds.push(...files.map((f: { kind: string }) => f.kind));
    await new Promise((r) => setTimeout(r, 300));
  }
  return kinds;
}

describe('the demo clearinghouse while the server runs', () => {
  it('answers a batch sent after start with a 999 and a 277CA, then an 835 after the delay', async () => {
    expect(server.demoPayers?.count).toBe(1);
    const batches = (await call('GET', '/api/batches')).items as Array<{
      id: number;
      state: string;
      clearinghouseId: number;
    }>;
    const built = batches.find((b) => b.state === 'built');
    expect(built, 'the demo leaves one batch built, not sent').toBeDefined();
    const sent = await call('POST', `/api/clearinghouses/${built!.clearinghouseId}/submit`, {
      batchIds: [built!.id],
    });
    expect(sent.sent).toHaveLength(1);

    const acks = await pollUntil(built!.clearinghouseId, (k) => k.includes('999') && k.includes('277CA'));
    expect(acks).not.toContain('835'); // the payer pays later
    const afterAcks = await call('GET', `/api/batches/${built!.id}`);
    expect(['accepted', 'partially_accepted']).toContain(afterAcks.state);
    const states = afterAcks.claims.map((c: { state: string }) => c.state);
    expect(states.every((s: string) => s === 'accepted' || s === 'rejected')).toBe(true);

    await pollUntil(built!.clearinghouseId, (k) => k.includes('835'));
    const paid = await call('GET', `/api/batches/${built!.id}`);
    // every claim the payer accepted is decided by its 835 (paid, partly paid, denied…)
    const decided = paid.claims.filter((c: { state: string }) =>
      (ADJUDICATED_STATES as readonly string[]).includes(c.state),
    );
    expect(decided.length).toBe(states.filter((s: string) => s === 'accepted').length);
    expect(decided.length).toBeGreaterThan(0);
  }, 180_000);
});
