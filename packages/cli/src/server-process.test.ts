/**
 * `medbill serve` on Linux with glibc runs the server in a child started with glibc's malloc settings
 * (bin/server-process.mjs): the child has them, a signal to the command stops the server through it, the server stops
 * when the command is killed outright, and settings of the user's own keep the server in the command's process. A
 * server that bundled the CLI as it started keeps no esbuild process.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, describe, expect, it } from 'vitest';

const BIN = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../bin/medbill.js');
const glibc =
  process.platform === 'linux' &&
  Boolean((process.report.getReport() as { header?: { glibcVersionRuntime?: string } }).header?.glibcVersionRuntime);
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'medbill-server-process-'));

const childrenOf = (pid: number): number[] => {
  try {
    return fs.readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number);
  } catch {
    return [];
  }
};
/** running (a zombie left to a parent that does not reap it has stopped too) */
const alive = (pid: number) => {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    return false;
  }
};
const environOf = (pid: number) => fs.readFileSync(`/proc/${pid}/environ`, 'utf8').split('\0');

async function serve(extraEnv: NodeJS.ProcessEnv = {}) {
  const env: NodeJS.ProcessEnv = { MEDBILL_FROM_SOURCE: '', MEDBILL_DATA: dataDir, DATABASE_URL: '', PORT: '0' };
  for (const [k, v] of Object.entries(process.env)) if (!k.startsWith('MALLOC_')) env[k] ??= v;
  const cmd = spawn(process.execPath, [BIN, 'serve'], {
    env: { ...env, ...extraEnv },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let log = '';
  cmd.stdout!.on('data', (d) => (log += d));
  cmd.stderr!.on('data', (d) => (log += d));
  const exited = new Promise<{ code: number | null; signal: string | null }>((r) =>
    cmd.once('exit', (code, signal) => r({ code, signal })),
  );
  await expect.poll(() => /running at (http:\S+)/.exec(log)?.[1], { timeout: 120_000, interval: 200 }).toBeTruthy();
  const url = /running at (http:\S+)/.exec(log)![1];
  expect((await fetch(`${url}/api/health`)).status).toBe(200);
  return { cmd, url, exited, log: () => log };
}

afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

describe.runIf(glibc)('medbill serve on glibc', () => {
  let running: { cmd: ChildProcess; exited: Promise<unknown> } | undefined;
  afterEach(async () => {
    // a test that failed half-way leaves its server running: stop it, so the next one gets the data folder
    if (running?.cmd.exitCode === null && running.cmd.signalCode === null) {
      running.cmd.kill('SIGINT');
      await running.exited;
    }
  });

  it('runs the server in a child with the malloc settings; a SIGINT to the command stops the server', async () => {
    const now = new Date();
    fs.utimesSync(path.join(path.dirname(BIN), '../src/io.ts'), now, now); // the server bundles the CLI on start
    const s = await serve();
    running = s;
    const [server] = childrenOf(s.cmd.pid!);
    expect(server).toBeDefined();
    expect(childrenOf(server)).toEqual([]); // esbuild's service process (~300 MB) did not stay
    expect(environOf(server)).toEqual(
      expect.arrayContaining(['MALLOC_ARENA_MAX=2', 'MALLOC_MMAP_THRESHOLD_=131072', 'MALLOC_TRIM_THRESHOLD_=131072']),
    );
    expect(environOf(s.cmd.pid!).some((v) => v.startsWith('MALLOC_'))).toBe(false);
    s.cmd.kill('SIGINT');
    expect(await s.exited).toEqual({ code: 0, signal: null });
    expect(s.log()).toMatch(/Stopping medbill/);
    expect(alive(server)).toBe(false);
  }, 300_000);

  it('stops the server when the command is killed outright', async () => {
    const s = await serve();
    running = s;
    const [server] = childrenOf(s.cmd.pid!);
    s.cmd.kill('SIGKILL');
    await s.exited;
    await expect.poll(() => alive(server), { timeout: 30_000, interval: 100 }).toBe(false);
  }, 300_000);

  it('runs the server in its own process when the user set malloc settings', async () => {
    const s = await serve({ MALLOC_ARENA_MAX: '4' });
    running = s;
    expect(childrenOf(s.cmd.pid!)).toEqual([]);
    s.cmd.kill('SIGINT');
    expect(await s.exited).toEqual({ code: 0, signal: null });
  }, 300_000);
});
