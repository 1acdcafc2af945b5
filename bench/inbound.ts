/**
 * Inbound processing never freezes the server (issue 8 item 4): a generated 50 MB 835 (170,000 claim loops) is
 * dropped in a tenant's inbound folder and a biller polls over HTTP, while a child process asks GET /api/health
 * every 50 ms on its own clock (open loop: a request is sent on time even while earlier ones wait, so a frozen
 * server shows as every request it held). Prints the poll's time and what it did, and health latency idle and during
 * the poll (p50, p99, max). Goal: p99 < 100 ms during the poll. On PGlite, or on PostgreSQL with DATABASE_URL.
 *   npm run bench -- inbound        (MEDBILL_BENCH_835_CLAIMS=20000 for a smaller file)
 */
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import type { FolderAdapter } from '../packages/server/src/clearinghouse/folder-adapter.ts';
import { buildApp } from '../packages/server/src/http/app.ts';
import { createTenantFixture, login, testDeps } from '../packages/server/test/fixtures.ts';
import { openTestStore } from '../packages/server/test/test-store.ts';
import {
  cpuSeconds,
  latencyLine,
  load,
  mainThreadCpu,
  ms,
  pct,
  startHealthSampler,
  watchDatabaseCpu,
} from './health-sampler.ts';
import { write835 } from './x12-generate.ts';

const EVERY_MS = 50;

/** POST over plain node:http: a poll of a 50 MB file may take longer than fetch's 300 s header timeout. */
function post(url: string, cookie: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method: 'POST', headers: { cookie, 'content-type': 'application/json' } }, (r) => {
      let body = '';
      r.setEncoding('utf8');
      r.on('data', (c: string) => {
        body += c;
      });
      r.on('end', () => resolve({ status: r.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end('{}');
  });
}

export async function runInboundBench(claims = 170_000): Promise<{ p99: number }> {
  // PGlite in a data folder, as the server opens it (on a thread of its own)
  const store = await openTestStore({ onDisk: true });
  const deps = testDeps(store);
  const app = await buildApp(deps);
  try {
    const t = await createTenantFixture(store, 'bench-inbound');
    // the generated 835 is addressed to BENCHCLINIC (ISA08/GS03): that is this tenant's submitter id here
    await store.db
      .updateTable('clearinghouse')
      .set({ submitter_id: 'BENCHCLINIC' })
      .where('id', '=', t.clearinghouseId)
      .execute();
    const ch = await store.db
      .selectFrom('clearinghouse')
      .selectAll()
      .where('id', '=', t.clearinghouseId)
      .executeTakeFirstOrThrow();
    const adapter = deps.claims.adapterFor({ ...ch, config: ch.config as Record<string, unknown> }) as FolderAdapter;
    const inbound = adapter.folders.inboundDir;
    fs.mkdirSync(inbound, { recursive: true });
    const file = write835(path.join(inbound, 'remit-bench.835'), claims);
    const cookie = await login(app, t.users.biller.username);
    const base = await app.listen({ host: '127.0.0.1', port: 0 });
    console.log(
      `835: ${(file.bytes / 1e6).toFixed(1)} MB, ${file.claims.toLocaleString('en-US')} claims; database: ${process.env.DATABASE_URL ? 'PostgreSQL' : 'PGlite'}; load average ${os.loadavg()[0].toFixed(1)} on ${os.availableParallelism()} cores`,
    );

    const idle = await startHealthSampler(`${base}/api/health`, EVERY_MS);
    await new Promise((r) => setTimeout(r, 3000));
    const quiet = await idle.stop();
    console.log(latencyLine('health, idle (3 s)', quiet));
    if (pct(quiet, 99) >= 100)
      console.log('  (the machine is too busy: health is slow with nothing to do, so the figures below say little)');

    const during = await startHealthSampler(`${base}/api/health`, EVERY_MS);
    const loop = monitorEventLoopDelay({ resolution: 10 });
    loop.enable();
    const dbWatch = await watchDatabaseCpu(store);
    const t0 = performance.now();
    const cpu0 = process.cpuUsage();
    const main0 = mainThreadCpu();
    const rss0 = process.memoryUsage().rss;
    const res = await post(`${base}/api/clearinghouses/${t.clearinghouseId}/poll`, cookie);
    const took = performance.now() - t0;
    const cpu = cpuSeconds(cpu0);
    const main1 = mainThreadCpu();
    const dbCpu = await dbWatch.stop();
    const lat = await during.stop();
    loop.disable();
    const body = JSON.parse(res.body) as {
      files?: Array<{ fileName: string; kind: string; claimsMoved: number; problems: string[] }>;
      quarantined?: Array<{ fileName: string; reason: string }>;
    };
    if (res.status !== 200) throw new Error(`poll answered ${res.status}: ${JSON.stringify(body)}`);
    const f = body.files?.[0];
    console.log(
      `poll over HTTP                 ${(took / 1000).toFixed(1)} s wall, ${cpu.toFixed(1)} s CPU (every thread)${dbCpu !== undefined ? ` + ${dbCpu.toFixed(1)} s PostgreSQL backends` : ''}, load average ${load()} at the end: ${f ? `${f.fileName} (${f.kind}), ${f.claimsMoved} claim(s) moved, ${f.problems.length} problem(s)` : 'no file applied'}${body.quarantined?.length ? `; held: ${body.quarantined.map((q) => q.reason).join('; ')}` : ''}`,
    );
    console.log(latencyLine('health, during the poll', lat));
    console.log(
      `server event-loop delay        p50 ${ms(loop.percentile(50) / 1e6)}  p99 ${ms(loop.percentile(99) / 1e6)}  max ${ms(loop.max / 1e6)} (10 ms resolution)`,
    );
    if (main0 !== undefined && main1 !== undefined)
      console.log(
        `server main thread             ${(main1 - main0).toFixed(1)} s CPU of ${(took / 1000).toFixed(1)} s wall (${((100 * (main1 - main0)) / (took / 1000)).toFixed(0)}% of one core); RSS ${(rss0 / 1e6).toFixed(0)} MB before the poll, peak ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`,
      );
    const p99 = pct(lat, 99);
    console.log(`goal: health p99 < 100 ms while the 835 is processed: ${p99 < 100 ? 'met' : 'NOT met'}`);
    return { p99 };
  } finally {
    await app.close();
    await store.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`)
  await runInboundBench(Number(process.env.MEDBILL_BENCH_835_CLAIMS ?? 170_000));
