/**
 * Speed a new user feels (issue 8): `medbill --help` and `medbill codes valid` (goal ≤ 0.5 s), `npm start` on an
 * existing data folder until /api/health answers (goal ≤ 3 s), the idle server's memory with the demo and with every
 * official code set in ../shared/data loaded (goal ≤ 300 MB), and a log-in (goal ≤ 300 ms). On PGlite, or on
 * PostgreSQL when DATABASE_URL is set (a database of its own is made and dropped).
 *   node --import tsx bench/startup.ts [--official]
 * The first run makes the data folders (demo seeding, and with --official the imports: minutes); later runs reuse
 * them from .tmp/bench-startup-*.
 */
import { execFileSync, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { createTestDatabase } from '../packages/server/test/test-store.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const BIN = path.join(ROOT, 'packages/cli/bin/medbill.js');
const DATA = path.resolve(ROOT, '../shared/data');
const PASSWORD = 'bench-startup-password';
const TIME = fs.existsSync('/usr/bin/time') ? '/usr/bin/time' : undefined;
const OFFICIAL = [
  'icd10cm/icd10cm_order_2025.txt.gz',
  'icd10cm/icd10cm_order_2026.txt',
  'icd10pcs/icd10pcs_order_2026.txt.gz',
  'hcpcs/HCPC2025_OCT_ANWEB.csv',
  'icd10cm/fy2025-index-tables/ICD10CM_2025_Index_flattened.csv.gz',
  'icd10cm/fy2025-index-tables/icd-10-cm-drug-2025.xml.gz',
  'icd10cm/fy2025-index-tables/icd-10-cm-neoplasm-2025.xml.gz',
  'icd10cm/fy2025-index-tables/icd-10-cm-eindex-2025.xml.gz',
  'icd10cm/xml-fy2017-structural-only/icd10cm_tabular_2017.xml.gz',
  'codes/carc.csv',
  'codes/rarc.csv',
  'codes/place_of_service.csv',
  'codes/nucc_taxonomy_251.csv',
];

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

/** Wall time of a command, and its CPU time when /usr/bin/time is there. */
function timed(args: string[], env: NodeJS.ProcessEnv): { wall: number; cpu?: number } {
  const t = performance.now();
  if (!TIME) {
    execFileSync(process.execPath, [BIN, ...args], { env, stdio: 'pipe' });
    return { wall: performance.now() - t };
  }
  const out = spawnSync(TIME, ['-f', 'CPU %U %S', process.execPath, BIN, ...args], { env, encoding: 'utf8' });
  const wall = performance.now() - t;
  const m = /CPU ([\d.]+) ([\d.]+)\s*$/.exec(out.stderr);
  return { wall, cpu: m ? (Number(m[1]) + Number(m[2])) * 1000 : undefined };
}

function commandLine(label: string, args: string[], env: NodeJS.ProcessEnv, runs = 5) {
  timed(args, env); // a stale bundle is rebuilt by the first run; not counted
  const got = Array.from({ length: runs }, () => timed(args, env));
  const cpu = got.every((g) => g.cpu !== undefined) ? median(got.map((g) => g.cpu!)) : undefined;
  console.log(
    `${label.padEnd(34)} ${s(median(got.map((g) => g.wall)))} wall${cpu !== undefined ? `, ${s(cpu)} CPU` : ''} (median of ${runs}; goal ≤ 0.50 s)`,
  );
}

const freePort = () =>
  new Promise<number>((resolve) => {
    const srv = net.createServer().listen(0, '127.0.0.1', () => {
      const port = (srv.address() as net.AddressInfo).port;
      srv.close(() => resolve(port));
    });
  });

async function untilHealthy(port: number, child: ChildProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the server exited (${child.exitCode})`);
    try {
      if ((await fetch(`http://127.0.0.1:${port}/api/health`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error('the server did not answer /api/health in time');
}

const kids = (p: number): number[] => {
  try {
    return fs.readFileSync(`/proc/${p}/task/${p}/children`, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number);
  } catch {
    return [];
  }
};

/** CPU time (user + system, ms) the process tree has used so far, children it waited for included. */
function treeCpuMs(pid: number): number {
  const tick = 1000 / 100; // USER_HZ
  let total = 0;
  const walk = (p: number) => {
    try {
      const stat = fs.readFileSync(`/proc/${p}/stat`, 'utf8');
      const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      total += (Number(f[11]) + Number(f[12]) + Number(f[13]) + Number(f[14])) * tick; // utime stime cutime cstime
    } catch {
      return;
    }
    for (const k of kids(p)) walk(k);
  };
  walk(pid);
  return total;
}

/**
 * The server's memory: the resident set of the node process deepest in the tree (npm start runs node under npm and
 * sh), plus the private memory (USS: what only it holds) of every node process above it, the launcher that waits for
 * the server on Linux (packages/cli/bin/server-process.mjs). npm and sh are not counted.
 */
function rssMb(pid: number): { total: number; launcher: number } {
  const chain = [pid];
  for (let next = kids(pid); next.length; next = kids(chain.at(-1)!)) chain.push(next[next.length - 1]);
  const rollup = (p: number, field: string) =>
    Number(new RegExp(`^${field}:\\s+(\\d+)`, 'm').exec(fs.readFileSync(`/proc/${p}/smaps_rollup`, 'utf8'))?.[1] ?? 0) /
    1024;
  const leaf = chain.at(-1)!;
  let launcher = 0;
  for (const p of chain.slice(0, -1))
    if (fs.readFileSync(`/proc/${p}/comm`, 'utf8').trim() === 'node')
      launcher += rollup(p, 'Private_Clean') + rollup(p, 'Private_Dirty');
  return { total: rollup(leaf, 'Rss') + launcher, launcher };
}

async function startAndMeasure(label: string, env: NodeJS.ProcessEnv) {
  const port = await freePort();
  const t = performance.now();
  const child = spawn('npm', ['start', '--silent'], {
    cwd: ROOT,
    env: { ...env, PORT: String(port) },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  let log = '';
  child.stdout!.on('data', (d) => (log += d));
  child.stderr!.on('data', (d) => (log += d));
  try {
    await untilHealthy(port, child, 600_000).catch((e: Error) => {
      throw new Error(`${e.message}\n${log}`);
    });
    const healthy = performance.now() - t;
    const cpu = treeCpuMs(child.pid!);
    // the code search index is built after the server answers: idle memory is measured with it loaded
    // (health asked meanwhile: the slowest answer says whether the build holds the server)
    const indexDeadline = Date.now() + 600_000;
    let healthWhileIndexing = 0;
    while (!/Code search index ready/.test(log)) {
      if (Date.now() > indexDeadline || child.exitCode !== null)
        throw new Error(`the code search index was not ready in time\n${log}`);
      const h0 = performance.now();
      await (await fetch(`http://127.0.0.1:${port}/api/health`)).text();
      healthWhileIndexing = Math.max(healthWhileIndexing, performance.now() - h0);
      await new Promise((r) => setTimeout(r, 50));
    }
    const indexReady = performance.now() - t;
    const indexCpu = treeCpuMs(child.pid!);
    await new Promise((r) => setTimeout(r, 5000)); // idle
    const rss = rssMb(child.pid!);
    const logins: number[] = [];
    let loginCpu = 0;
    for (let i = 0; i < 6; i++) {
      const c0 = treeCpuMs(child.pid!);
      const l0 = performance.now();
      const res = await fetch(`http://127.0.0.1:${port}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: 'admin', password: PASSWORD }),
      });
      if (!res.ok) throw new Error(`log-in failed: ${res.status} ${await res.text()}`);
      if (i > 0) {
        logins.push(performance.now() - l0); // the first may re-hash an older hash
        loginCpu += treeCpuMs(child.pid!) - c0;
      }
    }
    // a server left alone: V8 shrinks its young generation and the server collects once idle (after ~8 s)
    await new Promise((r) => setTimeout(r, Math.max(0, indexReady + 30_000 - (performance.now() - t))));
    const rssSettled = rssMb(child.pid!);
    return {
      label,
      healthy,
      cpu,
      indexReady,
      indexCpu,
      healthWhileIndexing,
      rss,
      rssSettled,
      login: median(logins),
      loginCpu: loginCpu / logins.length,
      log,
    };
  } finally {
    if (child.exitCode === null) {
      process.kill(-child.pid!, 'SIGINT');
      await new Promise((r) => child.once('exit', r));
    }
  }
}

/** Where the idle server's memory goes: resident growth as the database, the code catalog and the search index load. */
async function memoryBreakdown(env: NodeJS.ProcessEnv) {
  const { openStore } = await import('../packages/server/src/db/open-database.ts');
  const { loadCodesService } = await import('../packages/server/src/codes/codes-service.ts');
  const { codeCacheDir } = await import('../packages/server/src/codes/code-cache.ts');
  const rss = () => {
    (globalThis as { gc?: () => void }).gc?.();
    return process.memoryUsage().rss / 1_048_576;
  };
  const parts: string[] = [];
  let last = rss();
  const step = (name: string) => {
    const now = rss();
    parts.push(`${name} +${(now - last).toFixed(0)} MB`);
    last = now;
  };
  const store = await openStore({ databaseUrl: env.DATABASE_URL || undefined, dataDir: env.MEDBILL_DATA });
  await store.db.selectFrom('tenant').select('id').execute();
  step(store.kind === 'pglite' ? 'PGlite (WebAssembly heap and code)' : 'pg driver');
  const codes = await loadCodesService(store.db, { cacheDir: codeCacheDir(env.MEDBILL_DATA!) });
  step('code catalog');
  void codes.search;
  step('search index');
  console.log(`where the memory goes (official)   ${parts.join(', ')}`);
  await store.close();
}

async function prepare(dataDir: string, env: NodeJS.ProcessEnv, official: boolean) {
  if (fs.existsSync(path.join(dataDir, '.bench-ready'))) return;
  fs.mkdirSync(dataDir, { recursive: true });
  console.log(`(first run: making ${path.relative(ROOT, dataDir)}${official ? ' with every official code set' : ''})`);
  execFileSync(process.execPath, [BIN, 'demo'], { env, stdio: 'ignore' });
  if (official)
    for (const f of OFFICIAL)
      execFileSync(process.execPath, [BIN, 'codes', 'import', 'auto', path.join(DATA, f)], { env, stdio: 'ignore' });
  fs.writeFileSync(path.join(dataDir, '.bench-ready'), '');
}

export async function runStartupBench(opts: { official?: boolean } = {}) {
  const pg = process.env.DATABASE_URL;
  const kinds: Array<{ name: string; official: boolean }> = [{ name: 'demo', official: false }];
  if (opts.official && fs.existsSync(DATA)) kinds.push({ name: 'official', official: true });
  console.log(
    `database: ${pg ? 'PostgreSQL' : 'embedded PGlite'}; load average ${os.loadavg()[0].toFixed(1)} on ${os.availableParallelism()} cores`,
  );
  const dbs: Array<() => Promise<void>> = [];
  try {
    for (const kind of kinds) {
      const dataDir = path.join(ROOT, '.tmp', `bench-startup-${kind.name}${pg ? '-pg' : ''}`);
      let databaseUrl = '';
      if (pg) {
        const created = await createTestDatabase(pg);
        dbs.push(created.drop);
        databaseUrl = created.url;
        fs.rmSync(dataDir, { recursive: true, force: true });
      }
      const env = {
        ...process.env,
        MEDBILL_DATA: dataDir,
        DATABASE_URL: databaseUrl,
        MEDBILL_DEMO_PASSWORD: PASSWORD,
        MEDBILL_FROM_SOURCE: '',
      };
      await prepare(dataDir, env, kind.official);
      if (kind.name === 'demo') {
        commandLine('medbill --help', ['--help'], env);
        commandLine('medbill codes valid I10', ['codes', 'valid', 'I10', '--on', '2026-01-15'], env);
      }
      const r = await startAndMeasure(kind.name, env);
      const ready = /ready in ([\d.]+ s)/.exec(r.log)?.[1];
      console.log(
        `npm start to healthy (${kind.name})`.padEnd(34),
        `${s(r.healthy)} wall, ${s(r.cpu)} CPU (goal ≤ 3 s)${ready ? `; the server's own start: ${ready} wall` : ''}`,
      );
      console.log(
        `search index ready (${kind.name})`.padEnd(34),
        `${s(r.indexReady)} wall, ${s(r.indexCpu)} CPU after npm start; /api/health meanwhile at worst ${r.healthWhileIndexing.toFixed(0)} ms`,
      );
      console.log(
        `idle server RSS (${kind.name})`.padEnd(34),
        `${r.rss.total.toFixed(0)} MB 5 s after the search index is ready; ${r.rssSettled.total.toFixed(0)} MB 30 s after, left alone but for 6 log-ins (goal ≤ 300 MB)${r.rss.launcher ? `; of which the launcher ${r.rss.launcher.toFixed(0)} MB` : ''}`,
      );
      console.log(
        `log-in (${kind.name})`.padEnd(34),
        `${r.login.toFixed(0)} ms wall (median of 5), ${r.loginCpu.toFixed(0)} ms CPU (mean, the server's every thread and the hash's; 10 ms ticks); goal ≤ 300 ms`,
      );
      if (kind.official) await memoryBreakdown(env);
    }
    console.log(
      `load average at the end: ${os.loadavg()[0].toFixed(1)} (wall figures on a busy machine are CPU plus waiting for a core)`,
    );
  } finally {
    for (const drop of dbs) await drop();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  await runStartupBench({ official: process.argv.includes('--official') });
}
