/**
 * Audit chain verification (SECURITY.md C4: 1M entries verified in < 60 s with no false alarm), on PGlite or
 * PostgreSQL (DATABASE_URL). The chain is written in bulk with the same hashes and HMACs as recordAudit.
 *   node --import tsx bench/audit-verify.ts [ENTRIES]
 */
import crypto from 'node:crypto';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { SingleBar } from 'cli-progress';
import { seedAuditChain } from '../packages/server/src/audit/seed-audit-chain.test-util.ts';
import { verifyAudit } from '../packages/server/src/audit/verify-audit.ts';
import { openTestStore } from '../packages/server/test/test-store.ts';

export async function runAuditVerifyBench(entries = 1_000_000, log = (s: string) => console.log(s)) {
  const store = await openTestStore();
  try {
    const key = crypto.randomBytes(32);
    const tenantId = (
      await store.db
        .insertInto('tenant')
        .values({ name: 'Audit bench', slug: `audit-bench-${crypto.randomBytes(3).toString('hex')}` })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
    const bar = new SingleBar(
      { format: 'writing chain {bar} {value}/{total} entries', hideCursor: true, noTTYOutput: false },
      undefined,
    );
    if (process.stdout.isTTY) bar.start(entries, 0);
    const w0 = performance.now();
    await seedAuditChain(store.db, key, tenantId, entries, {
      batch: 2000,
      onProgress: (n) => process.stdout.isTTY && bar.update(n),
    });
    if (process.stdout.isTTY) bar.stop();
    const writeS = (performance.now() - w0) / 1000;
    const t0 = performance.now();
    const c0 = process.cpuUsage();
    const r = await verifyAudit(store.db, key, { tenantId });
    const seconds = (performance.now() - t0) / 1000;
    const cpu = process.cpuUsage(c0);
    log(
      `audit verify (${store.kind}): ${r.entries.toLocaleString('en-US')} entries in ${seconds.toFixed(1)} s wall, ${((cpu.user + cpu.system) / 1e6).toFixed(1)} s CPU = ${Math.round(r.entries / seconds).toLocaleString('en-US')} entries/s; ` +
        `${r.problems.length} problems (false alarms); goal: 1,000,000 in < 60 s, 0 false alarms (chain written in ${writeS.toFixed(0)} s)`,
    );
    return { entries: r.entries, seconds, problems: r.problems.length };
  } finally {
    await store.close();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  await runAuditVerifyBench(Number(process.argv[2] ?? 1_000_000));
}
