/**
 * Issue 11 / SECURITY.md D5: a process killed (SIGKILL) while it posts a 600-claim 835, at seeded points
 * in planning and in writing: after restart nothing of the file is in the database (no remittance, no
 * posting, no claim moved), and posting it again completes it with the ledger's cash equal to BPR02.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { eraText } from '@medbill/core/test-util';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrate } from '../src/db/migrate.ts';
import { openStore, withTenant, type Store } from '../src/db/open-database.ts';
import { ledgerTotals } from '../src/ledger/read-ledger.ts';
import { postRemittance } from '../src/remittance/post-remittance.ts';
import { auditKeyForTests, createTenantFixture, type TenantFixture } from './fixtures.ts';
import { addSentClaimsInBulk, bulkEraText } from './remit-fixtures.ts';
import { createTestDatabase, onPostgres } from './test-store.ts';

const CLAIMS = 600;
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'medbill-crash-'));
const eraFile = path.join(dir, 'big.835');
let pgUrl: string | undefined;
let drop = async () => {};
let fx: TenantFixture;
let claimIds: number[] = [];

const open = (): Promise<Store> =>
  pgUrl ? openStore({ databaseUrl: pgUrl }) : openStore({ dataDir: path.join(dir, 'data') });

beforeAll(async () => {
  if (onPostgres) {
    const db = await createTestDatabase(process.env.DATABASE_URL!);
    pgUrl = db.url;
    drop = db.drop;
  }
  const store = await open();
  try {
    await migrate(store);
    fx = await createTenantFixture(store, 'crash');
    const claims = await addSentClaimsInBulk(store, fx, CLAIMS, 'K');
    claimIds = claims.map((c) => c.claimId);
    fs.writeFileSync(eraFile, bulkEraText(claims, 'CRASH1', eraText));
  } finally {
    await store.close();
  }
}, 600_000);
afterAll(async () => {
  await drop();
  fs.rmSync(dir, { recursive: true, force: true });
});

/**
 * Runs the child until it reaches `killAt` (`phase:claims`), where it SIGKILLs itself (and this side kills it too on
 * seeing that progress line, should the child's own kill ever not happen).
 */
function postAndKill(killAt: string): Promise<string> {
  const [phase, done] = [killAt.split(':')[0], Number(killAt.split(':')[1] ?? 0)];
  const when = (p: { phase: string; done?: number }) => p.phase === phase && (p.done ?? 0) >= done;
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [
        '--import',
        'tsx',
        path.resolve('packages/server/test/post-remittance-child.ts'),
        String(fx.tenantId),
        eraFile,
        killAt,
      ],
      {
        env: {
          ...process.env,
          ...(pgUrl ? { DATABASE_URL: pgUrl } : { MEDBILL_CHILD_DATA_DIR: path.join(dir, 'data') }),
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let last = 'started';
    let buf = '';
    child.stdout.on('data', (d: Buffer) => {
      buf += d.toString();
      const lines = buf.split('\n');
      buf = lines.pop()!;
      for (const l of lines) {
        last = l;
        if (l.startsWith('{') && when(JSON.parse(l))) child.kill('SIGKILL');
      }
    });
    child.on('error', reject);
    child.on('exit', (_code, signal) => resolve(`${signal ?? 'exited'} after ${last}`));
  });
}

async function nothingOfTheFile(store: Store) {
  const t = fx.tenantId;
  const count = (q: Promise<{ rows: Array<{ n: string | number }> }>) => q.then((r) => Number(r.rows[0].n));
  return {
    remittances: await count(
      sql<{ n: number }>`SELECT count(*) AS n FROM remittance WHERE tenant_id = ${t}`.execute(store.db),
    ),
    files: await count(
      sql<{ n: number }>`SELECT count(*) AS n FROM edi_file WHERE tenant_id = ${t} AND direction = 'inbound'`.execute(
        store.db,
      ),
    ),
    postings: await count(
      sql<{ n: number }>`SELECT count(*) AS n FROM ledger_posting WHERE tenant_id = ${t} AND kind <> 'charge'`.execute(
        store.db,
      ),
    ),
    moved: await count(
      sql<{
        n: number;
      }>`SELECT count(*) AS n FROM claim WHERE tenant_id = ${t} AND state <> 'accepted' AND claim_number LIKE 'K%'`.execute(
        store.db,
      ),
    ),
  };
}

describe('a posting process killed part-way', () => {
  it('leaves nothing half-posted, and posting again completes it', async () => {
    // seeded kill points: early and late in planning, at the start of writing and during it
    const points: Array<[string, string]> = [
      ['planning, 100 claims in', 'planning:100'],
      ['planning, 500 claims in', 'planning:500'],
      ['writing', 'writing:0'],
    ];
    for (const [name, killAt] of points) {
      const how = await postAndKill(killAt);
      expect(how, name).toMatch(/^SIGKILL/);
      const store = await open();
      try {
        expect(await nothingOfTheFile(store), name).toEqual({ remittances: 0, files: 0, postings: 0, moved: 0 });
      } finally {
        await store.close();
      }
    }
    const store = await open();
    try {
      const r = await postRemittance(
        store.db,
        fx.tenantId,
        { fileName: 'big.835', text: fs.readFileSync(eraFile, 'utf8') },
        { actor: { userId: null, username: 'test' }, audit: { key: auditKeyForTests(), sourceIp: null } },
      );
      expect(r).toMatchObject({ status: 'posted', claimsPosted: CLAIMS });
      const cash = await sql<{
        s: string;
      }>`SELECT sum(amount_cents) AS s FROM ledger_entry WHERE tenant_id = ${fx.tenantId} AND account = 'cash'`.execute(
        store.db,
      );
      expect(Number(cash.rows[0].s)).toBe(r.remittances[0].paymentCents);
      const t = await withTenant(store.db, fx.tenantId, (tx) =>
        ledgerTotals(tx, fx.tenantId, { claimId: claimIds[0] }),
      );
      expect(t).toMatchObject({ charges: 21500, insurancePayments: 10320, patientBalance: 2580, insuranceBalance: 0 });
    } finally {
      await store.close();
    }
  }, 600_000);
});
