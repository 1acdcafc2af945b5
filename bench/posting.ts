/**
 * 835 posting throughput: a 10,000-claim 835 (two lines each, contractual + coinsurance) posted into a database
 * holding those claims and their charges, on PGlite (in a data folder, as the server opens it) and (with DATABASE_URL)
 * PostgreSQL, while a child process asks GET /api/health over HTTP every 20 ms on its own clock: its latency shows
 * whether posting blocks the server. Prints wall and CPU time (every thread of the process) and the event-loop delay.
 * Goal: 10,000 claims < 30 s on PostgreSQL, < 60 s on PGlite, health p99 < 100 ms meanwhile.
 *   npm run bench -- posting        (MEDBILL_BENCH_CLAIMS=1000 for a smaller file)
 */
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { eraText } from '../packages/core/src/remittance/era-text.test-util.ts';
import { buildApp } from '../packages/server/src/http/app.ts';
import { postRemittance } from '../packages/server/src/remittance/post-remittance.ts';
import { createTenantFixture, testDeps } from '../packages/server/test/fixtures.ts';
import { addSentClaimsInBulk, bulkEraText } from '../packages/server/test/remit-fixtures.ts';
import { openTestStore } from '../packages/server/test/test-store.ts';
import { cpuSeconds, latencyLine, load, ms, pct, startHealthSampler, watchDatabaseCpu } from './health-sampler.ts';

async function benchOne(n: number, goalSeconds: number): Promise<void> {
  const store = await openTestStore({ onDisk: true });
  const deps = testDeps(store);
  const app = await buildApp(deps);
  try {
    const t = await createTenantFixture(store, 'postbench');
    const seededAt = performance.now();
    const claims = await addSentClaimsInBulk(store, t, n, 'PB');
    const text = bulkEraText(claims, `PB${n}`, eraText);
    const seeded = (performance.now() - seededAt) / 1000;
    const base = await app.listen({ host: '127.0.0.1', port: 0 });
    // health with nothing to do first: on a busy machine this is the floor the figure during posting stands on
    const idle = await startHealthSampler(`${base}/api/health`, 20);
    await new Promise((r) => setTimeout(r, 3000));
    const quiet = await idle.stop();
    const sampler = await startHealthSampler(`${base}/api/health`, 20);
    const loop = monitorEventLoopDelay({ resolution: 10 });
    loop.enable();
    const loadBefore = load();
    const dbWatch = await watchDatabaseCpu(store);
    const cpu0 = process.cpuUsage();
    const started = performance.now();
    // as an upload or a poll posts it: read on the parse worker, then one transaction
    const r = await postRemittance(
      store.db,
      t.tenantId,
      { fileName: 'bench.835', text },
      { actor: { userId: null, username: 'bench' }, audit: { key: deps.auditKey, sourceIp: null } },
    );
    const seconds = (performance.now() - started) / 1000;
    const cpu = cpuSeconds(cpu0);
    const dbCpu = await dbWatch.stop();
    const loadAfter = load();
    loop.disable();
    const lat = await sampler.stop();
    if (r.status !== 'posted' || r.claimsPosted !== n) throw new Error(`posting bench: ${r.message}`);
    const p99 = pct(lat, 99);
    const cpuAll = cpu + (dbCpu ?? 0);
    const judged = (wallOrCpu: number) =>
      n < 10_000 ? 'not judged at this size' : wallOrCpu < goalSeconds ? 'met' : 'NOT met';
    console.log(
      `posting (${store.kind}): ${n} claims (${(text.length / 1e6).toFixed(1)} MB 835, seeded in ${seeded.toFixed(1)} s); load average ${loadBefore} before, ${loadAfter} after\n` +
        `  posted in ${seconds.toFixed(1)} s wall = ${Math.round(n / seconds)} claims/s; CPU ${cpu.toFixed(1)} s this process (every thread: server, PGlite, parse worker; answering health included, the sampler not)` +
        `${dbCpu !== undefined ? ` + ${dbCpu.toFixed(1)} s PostgreSQL backends = ${cpuAll.toFixed(1)} s` : store.kind === 'postgresql' ? ' (PostgreSQL backends: not visible here)' : ''}\n` +
        `  goal for 10,000 claims < ${goalSeconds} s: wall ${judged(seconds)}; CPU ${judged(cpuAll)} (on a busy machine the CPU figure is what the work costs; wall is CPU plus waiting for a core)\n` +
        `  ${latencyLine('health, idle (3 s)', quiet)}${pct(quiet, 99) >= 100 ? ' (the machine is too busy: health is slow with nothing to do)' : ''}\n` +
        `  ${latencyLine('health during posting', lat)} (goal p99 < 100 ms: ${p99 < 100 ? 'met' : 'NOT met'})\n` +
        `  server event-loop delay p50 ${ms(loop.percentile(50) / 1e6)}  p99 ${ms(loop.percentile(99) / 1e6)}  max ${ms(loop.max / 1e6)} (10 ms resolution)`,
    );
  } finally {
    await app.close();
    await store.close();
  }
}

export async function runPostingBench(n = 10_000): Promise<void> {
  const pgUrl = process.env.DATABASE_URL;
  delete process.env.DATABASE_URL;
  try {
    await benchOne(n, 60);
  } finally {
    if (pgUrl) process.env.DATABASE_URL = pgUrl;
  }
  if (pgUrl) await benchOne(n, 30);
  else console.log('posting (postgresql): skipped — set DATABASE_URL to a PostgreSQL server to run it there too');
}
