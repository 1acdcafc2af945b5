import v8 from 'node:v8';
import vm from 'node:vm';
import type { MedbillConfig } from './config.ts';
import { describeStore } from './config.ts';
import { demoCredentials, seedDemo } from './demo/seed-demo.ts';
import { buildApp } from './http/app.ts';
import { defaultClaimServices } from './claims/claim-services.ts';
import { codeCacheDir } from './codes/code-cache.ts';
import { relocateLegacyClearinghouseFolders } from './clearinghouse/legacy-folders.ts';
import { failRunsInterruptedByRestart } from './accounts/interrupted-runs.ts';
import { auditAnchorOf } from './audit/audit-anchor.ts';
import { loadCodesService } from './codes/codes-service.ts';
import { openConfiguredStore } from './open-configured-store.ts';
import { startDemoPayers } from './payer-sim/demo-payer.ts';
import { STATISTICS_FIRST_REFRESH_MS, STATISTICS_REFRESH_MS, startStatisticsRefresh } from './db/refresh-statistics.ts';

export interface StartOptions {
  demo: boolean;
  log: (line: string) => void;
}

export async function startServer(cfg: MedbillConfig, opts: StartOptions) {
  const started = Date.now();
  const { store, auditKey, applied, schemaVersion } = await openConfiguredStore(cfg, 'medbill server', {
    auditKey: 'create',
  });
  if (applied.length) opts.log(`Applied ${applied.length} migration(s); schema version ${schemaVersion}.`);
  const codes = await loadCodesService(store.db, { cacheDir: codeCacheDir(cfg.dataDir) });
  opts.log(`Code sets: ${codes.catalog.releases().length} releases.${codes.notices.map((n) => `\n  ${n}`).join('')}`);
  const claims = defaultClaimServices(cfg.dataDir, { coding: codes.check });
  await relocateLegacyClearinghouseFolders(store.db, cfg.dataDir, opts.log);
  for (const r of await failRunsInterruptedByRestart(store.db, auditKey))
    opts.log(
      `Statement run ${r.runId} was cut off by the last stop after ${r.accountsDone} of ${r.accountsTotal} accounts: marked failed (a new run does the rest).`,
    );
  if (opts.demo) {
    const seeded = await seedDemo(store, auditKey, {
      password: cfg.demoPassword,
      dataDir: cfg.dataDir,
      onlyIfEmpty: true,
      claims,
    });
    if (seeded)
      opts.log(
        `Created demo data: ${seeded.patients} patients, ${seeded.practices} practices, ${seeded.payers} payers; claims by state ${JSON.stringify(seeded.claims)}.`,
      );
  }
  const stopStatistics = startStatisticsRefresh(
    store,
    (e) => opts.log(`statistics refresh failed: ${e instanceof Error ? e.message : String(e)}`),
    STATISTICS_REFRESH_MS,
    STATISTICS_FIRST_REFRESH_MS,
  );
  // heads written by a transaction that could not append (a crash, a path outside withTenant) are anchored each minute
  const anchor = auditAnchorOf(store.db);
  const anchorTimer = setInterval(() => {
    anchor?.catchUp(store.db, auditKey).catch((e) => opts.log(`audit anchor: ${(e as Error).message}`));
  }, 60_000);
  anchorTimer.unref();
  const app = await buildApp({
    store,
    db: store.db,
    auditKey,
    schemaVersion,
    webDistDir: cfg.webDistDir,
    logger: cfg.logRequests,
    codes,
    claims,
    trustProxy: cfg.trustProxy,
    publicOrigins: cfg.publicOrigins,
  });
  await app.listen({ port: cfg.port, host: cfg.host });
  const readyIn = ((Date.now() - started) / 1000).toFixed(1);
  const addr = app.server.address();
  const port = typeof addr === 'object' && addr ? addr.port : cfg.port;
  const url = `http://${cfg.host === '0.0.0.0' ? '127.0.0.1' : cfg.host}:${port}`;
  store.lock?.setUrl(url);
  // the demo's clearinghouse is answered by the payer simulator while the server runs (started once the server
  // answers: reading its contracts and clearinghouses is start-up time a health check need not wait for)
  const demoPayers = opts.demo
    ? await startDemoPayers(store.db, claims, {
        remitDelayMs: cfg.demoRemitDelayMs,
        onError: (e) => opts.log(`demo payer: ${e.message}`),
      })
    : undefined;
  if (demoPayers?.count)
    opts.log(
      `Demo payer simulator: sent batches come back as a 999 and a 277CA at once and an 835 after ${cfg.demoRemitDelayMs / 1000} s (MEDBILL_DEMO_REMIT_DELAY); "Check for responses" picks them up.`,
    );
  // the search index is built right after the server answers, not by the first person to search (who waits for it):
  // with every official code set it is seconds of work, done in slices so health checks and log-ins answer meanwhile
  const indexStarted = Date.now();
  codes.searchIndex().then(
    (s) => {
      const seconds = ((Date.now() - indexStarted) / 1000).toFixed(1);
      const freed = collectStartGarbage();
      opts.log(
        `Code search index ready (${s.size.docs} entries) in ${seconds} s; ${freed} MB of start-up garbage freed.`,
      );
    },
    (e) => opts.log(`code search index failed: ${e instanceof Error ? e.message : String(e)}`),
  );
  opts.log(
    `medbill is running at ${url}  (API ${url}/api, docs ${url}/api/docs) on ${describeStore(cfg)}; ready in ${readyIn} s`,
  );
  if (!cfg.publicOrigins.length && !['127.0.0.1', 'localhost', '::1'].includes(cfg.host))
    opts.log(
      'Only loopback host names are answered: set MEDBILL_PUBLIC_ORIGIN (e.g. https://billing.example.org) to serve others.',
    );
  const creds = demoCredentials(cfg.dataDir, cfg.demoPassword);
  if (opts.demo && creds.length) {
    opts.log('Demo log-ins (user name / password):');
    for (const c of creds) opts.log(`  ${c.username.padEnd(8)} ${c.password}   (${c.role})`);
  }
  let closing: Promise<void> | null = null;
  const close = () =>
    (closing ??= (async () => {
      stopStatistics();
      clearInterval(anchorTimer);
      await demoPayers?.close();
      await app.close();
      await store.close();
    })());
  return { app, store, url, port, close, demoPayers, claims };
}

/**
 * One full garbage collection once start-up's bulk work is done. Reading the code sets and building the search index
 * leave well over 100 MB of dead objects (with every official set); an idle server allocates too little for V8 to
 * collect them on its own, so it held that memory for as long as it ran. Two pauses of a few hundred milliseconds at
 * most, then one more once idle. Returns the MB freed from the JavaScript heap.
 */
function collectStartGarbage(): number {
  const before = process.memoryUsage().heapUsed;
  v8.setFlagsFromString('--expose-gc');
  const gc = vm.runInNewContext('gc') as () => void;
  gc();
  // The collection above frees the garbage but leaves the old generation's pages as start-up left them, part full; a
  // second one, compacting as V8 does when it optimizes for size, moves the survivors together and hands back the pages.
  v8.setFlagsFromString('--optimize-for-size');
  try {
    gc();
  } finally {
    v8.setFlagsFromString('--no-optimize-for-size');
  }
  // V8 sizes its young generation by the allocation rate of the last seconds, which start-up kept high (~30 MB of it
  // stays committed); one more collection once the server has idled that long lets it shrink to ~1 MB.
  setTimeout(gc, 8000).unref();
  return Math.max(0, Math.round((before - process.memoryUsage().heapUsed) / 1_048_576));
}
