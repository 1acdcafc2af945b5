/**
 * A separate process posting one 835 (the crash test kills it part-way): reports its progress on stdout,
 * one JSON line per step, and `done` at the end. DATABASE_URL or MEDBILL_CHILD_DATA_DIR names the store.
 * A kill point (`planning:500`: the phase and how many claims in) makes it SIGKILL itself right there, so the
 * crash lands at that step however slowly the test reads its output on a loaded machine.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { openStore } from '../src/db/open-database.ts';
import { postRemittance } from '../src/remittance/post-remittance.ts';

const [tenant, file, killAt] = process.argv.slice(2);
const [killPhase, killDone] = killAt ? [killAt.split(':')[0], Number(killAt.split(':')[1] ?? 0)] : [null, 0];
const store = process.env.DATABASE_URL
  ? await openStore({ databaseUrl: process.env.DATABASE_URL })
  : await openStore({ dataDir: process.env.MEDBILL_CHILD_DATA_DIR!, purpose: 'crash test child' });
process.stdout.write(`${JSON.stringify({ phase: 'open' })}\n`);
const r = await postRemittance(
  store.db,
  Number(tenant),
  { fileName: path.basename(file), text: fs.readFileSync(file, 'utf8') },
  {
    actor: { userId: null, username: 'crash-child' },
    audit: { key: crypto.randomBytes(32), sourceIp: null },
    onProgress: (p) => {
      process.stdout.write(`${JSON.stringify(p)}\n`);
      if (p.phase === killPhase && (p.done ?? 0) >= killDone) process.kill(process.pid, 'SIGKILL');
    },
  },
);
process.stdout.write(`done ${r.status}\n`);
await store.close();
