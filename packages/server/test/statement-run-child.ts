/**
 * A separate process doing one statement run a batch (one account) at a time, slowly (the restart test kills it
 * part-way): one JSON line per stored batch on stdout. DATABASE_URL or MEDBILL_CHILD_DATA_DIR names the store.
 */
import crypto from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { processStatementRun, startStatementRun } from '../src/accounts/run-statements.ts';
import { openStore } from '../src/db/open-database.ts';

const [tenant, asOf] = process.argv.slice(2);
const store = process.env.DATABASE_URL
  ? await openStore({ databaseUrl: process.env.DATABASE_URL })
  : await openStore({ dataDir: process.env.MEDBILL_CHILD_DATA_DIR!, purpose: 'statement run child' });
const deps = { db: store.db, auditKey: crypto.randomBytes(32), claims: { now: () => new Date(`${asOf}T12:00:00Z`) } };
const actor = { tenantId: Number(tenant), userId: null, username: 'run-child', sourceIp: null };
const { runId } = await startStatementRun(deps, actor, { asOf: asOf! });
await processStatementRun(deps, actor, {
  runId,
  batchSize: 1,
  onBatch: async (batch, p) => {
    process.stdout.write(`${JSON.stringify({ runId, statements: batch.length, ...p })}\n`);
    await sleep(5_000);
  },
});
process.stdout.write('done\n');
await store.close();
