/**
 * 835 posting throughput: a 10,000-claim 835 (two lines each, contractual + coinsurance) posted into a database
 * holding those claims and their charges, on PGlite and (with DATABASE_URL) PostgreSQL, while GET /api/health is
 * asked every 20 ms on the same process: its latency shows whether posting blocks the server.
 * Goal: 10,000 claims < 30 s on PostgreSQL, < 60 s on PGlite, health p99 < 100 ms meanwhile.
 */
import { eraText } from '../packages/core/src/remittance/era-text.test-util.ts';
import { buildApp } from '../packages/server/src/http/app.ts';
import { postRemittance } from '../packages/server/src/remittance/post-remittance.ts';
import { createTenantFixture, testDeps } from '../packages/server/test/fixtures.ts';
import { addSentClaimsInBulk, bulkEraText } from '../packages/server/test/remit-fixtures.ts';
import { openTestStore } from '../packages/server/test/test-store.ts';

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? 0;
};

async function benchOne(n: number, goalSeconds: number): Promise<void> {
  const store = await openTestStore();
  const deps = testDeps(store);
  const app = await buildApp(deps);
  try {
    const t = await createTenantFixture(store, 'postbench');
    const seededAt = performance.now();
    const claims = await addSentClaimsInBulk(store, t, n, 'PB');
    const text = bulkEraText(claims, `PB${n}`, eraText);
    const seeded = (performance.now() - seededAt) / 1000;
    const latencies: number[] = [];
    let polling = true;
    const poll = (async () => {
      while (polling) {
        const at = performance.now();
        const res = await app.inject({ method: 'GET', url: '/api/health' });
        if (res.statusCode !== 200) throw new Error(`health answered ${res.statusCode}`);
        latencies.push(performance.now() - at);
        await new Promise((r) => setTimeout(r, 20));
      }
    })();
    const started = performance.now();
    const r = await postRemittance(
      store.db,
      t.tenantId,
      { fileName: 'bench.835', text },
      { actor: { userId: null, username: 'bench' }, audit: { key: deps.auditKey, sourceIp: null } },
    );
    const seconds = (performance.now() - started) / 1000;
    polling = false;
    await poll;
    if (r.status !== 'posted' || r.claimsPosted !== n) throw new Error(`posting bench: ${r.message}`);
    console.log(
      `posting (${store.kind}): ${n} claims (${(text.length / 1e6).toFixed(1)} MB 835, seeded in ${seeded.toFixed(1)} s) posted in ${seconds.toFixed(1)} s = ${Math.round(n / seconds)} claims/s (goal for 10,000 claims < ${goalSeconds} s: ${n < 10_000 ? 'not judged at this size' : seconds < goalSeconds ? 'met' : 'NOT met'})\n` +
        `  health during posting: ${latencies.length} checks, p50 ${pct(latencies, 50).toFixed(1)} ms, p99 ${pct(latencies, 99).toFixed(1)} ms, max ${Math.max(...latencies).toFixed(1)} ms (goal p99 < 100 ms: ${pct(latencies, 99) < 100 ? 'met' : 'NOT met'})`,
    );
  } finally {
    await app.close();
    await store.close();
  }
}

export async function runPostingBench(n = 10_000): Promise<void> {
  const pgUrl = process.env.DATABASE_URL;
  delete process.env.DATABASE_URL;
  await benchOne(n, 60);
  if (pgUrl) {
    process.env.DATABASE_URL = pgUrl;
    await benchOne(n, 30);
  } else console.log('posting (postgresql): skipped — set DATABASE_URL to a PostgreSQL server to run it there too');
}
