/**
 * GET /api/health on a clock of its own, from a child process (open loop: a request is sent on time even while earlier
 * ones wait, so a frozen server shows as every request it held, not as one slow answer), over real HTTP.
 */
import fs from 'node:fs';
import os from 'node:os';
import { spawn } from 'node:child_process';
import { sql } from 'kysely';
import type { Store } from '../packages/server/src/db/open-database.ts';

const SAMPLER = `
const workerData = JSON.parse(process.argv[1]);
const lat = [];
let inFlight = 0, next = Infinity;
const shoot = () => {
  const sent = performance.now();
  inFlight++;
  fetch(workerData.url).then((r) => r.arrayBuffer()).then(
    () => lat.push(performance.now() - sent),
    () => lat.push(Infinity),
  ).finally(() => inFlight--);
};
let timer;
// one request first (fetch loads lazily), then one every \`every\` ms by the clock, whether or not earlier ones came back
fetch(workerData.url).then((r) => r.arrayBuffer()).finally(() => {
  next = performance.now();
  timer = setInterval(() => {
    while (performance.now() >= next) { shoot(); next += workerData.every; }
  }, 2);
  process.send('ready');
});
process.on('message', async () => {
  clearInterval(timer);
  while (inFlight) await new Promise((r) => setTimeout(r, 5));
  // Infinity does not survive JSON: a failed request is sent as -1
  process.send(lat.map((x) => (Number.isFinite(x) ? x : -1)), () => process.exit(0));
});
`;

/**
 * Starts asking `url` every `everyMs`; `stop()` answers with every latency seen (ms; Infinity for a failure). The
 * sampler is a process of its own, so its CPU time is not counted in the benchmark's (process.cpuUsage) figures.
 */
export async function startHealthSampler(url: string, everyMs = 50): Promise<{ stop: () => Promise<number[]> }> {
  const child = spawn(process.execPath, ['-e', SAMPLER, JSON.stringify({ url, every: everyMs })], {
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  await new Promise((r) => child.once('message', r));
  return {
    stop: () =>
      new Promise((resolve) => {
        child.once('message', (lat: number[]) => resolve(lat.map((x) => (x < 0 ? Infinity : x))));
        child.send('stop');
      }),
  };
}

export const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))] ?? 0;
};
export const ms = (x: number) => (Number.isFinite(x) ? `${x.toFixed(1)} ms` : 'failed');
export const latencyLine = (label: string, lat: number[]) =>
  `${label.padEnd(30)} ${String(lat.length).padStart(5)} requests  p50 ${ms(pct(lat, 50))}  p99 ${ms(pct(lat, 99))}  max ${ms(Math.max(...lat))}`;

/** CPU seconds of this process (every thread: the server's, PGlite's, the parse worker's; not the sampler's) since `from`. */
export const cpuSeconds = (from: NodeJS.CpuUsage) => {
  const u = process.cpuUsage(from);
  return (u.user + u.system) / 1e6;
};

/**
 * CPU seconds the PostgreSQL server spent for this database so far (its backends, read from /proc when the server runs
 * on this machine): the other half of a posting's CPU on PostgreSQL. Undefined on PGlite (its CPU is this process's)
 * or when /proc does not show the backends.
 */
export async function databaseCpu(store: Store): Promise<Map<number, number> | undefined> {
  if (store.kind !== 'postgresql') return undefined;
  const { rows } = await sql<{
    pid: number;
  }>`SELECT pid FROM pg_stat_activity WHERE datname = current_database()`.execute(store.db);
  const tick = 100; // USER_HZ on Linux
  const out = new Map<number, number>();
  for (const { pid } of rows) {
    try {
      const f = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
      out.set(pid, (Number(f[11]) + Number(f[12])) / tick);
    } catch {
      return undefined;
    }
  }
  return out;
}

/** Seconds the database server's backends used between two `databaseCpu` readings (new backends count from 0). */
export const databaseCpuSince = (from: Map<number, number> | undefined, to: Map<number, number> | undefined) =>
  from && to ? [...to].reduce((t, [pid, s]) => t + s - (from.get(pid) ?? 0), 0) : undefined;

/**
 * The database server's backends' CPU seconds from now until `stop()`, read every `everyMs`: a backend that comes and
 * goes meanwhile (the posting worker's own connection, closed with its job) counts up to its last reading. Undefined
 * where `databaseCpu` is.
 */
export async function watchDatabaseCpu(
  store: Store,
  everyMs = 1000,
): Promise<{ stop: () => Promise<number | undefined> }> {
  const first = await databaseCpu(store);
  if (!first) return { stop: async () => undefined };
  const last = new Map(first);
  let reading: Promise<void> = Promise.resolve();
  const read = () => {
    reading = databaseCpu(store)
      .then((now) => {
        for (const [pid, s] of now ?? []) last.set(pid, s);
      })
      .catch(() => {});
  };
  const timer = setInterval(read, everyMs);
  return {
    async stop() {
      clearInterval(timer);
      await reading;
      read();
      await reading;
      return databaseCpuSince(first, last);
    },
  };
}

/** the 1-minute load average, as `uptime` prints it */
export const load = () => `${os.loadavg()[0].toFixed(1)} on ${os.availableParallelism()} cores`;

/**
 * CPU seconds the main thread (the event loop: the server's own thread, not its workers) has used so far, from
 * /proc (Linux); undefined elsewhere. What the event loop spends is what health waits behind.
 */
export function mainThreadCpu(): number | undefined {
  try {
    const f = fs.readFileSync(`/proc/self/task/${process.pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return (Number(f[11]) + Number(f[12])) / 100;
  } catch {
    return undefined;
  }
}
