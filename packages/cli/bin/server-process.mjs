/**
 * `medbill serve` (and so `npm start`) on Linux with glibc runs the server in a process of its own, started with the
 * C allocator's settings below: glibc reads them only when a process starts, so the server cannot set them for
 * itself. This process only waits: it passes on the signals that stop the server and ends with the server's exit
 * code (about 7 MB of its own memory). Without them, glibc kept 50–90 MB of freed C memory in an idle server with
 * every official code set: once a large block (a code-set file read, a log-in's 8 MB scrypt buffer) is freed,
 * glibc raises its mmap threshold for good, later large blocks come from its heaps and stay there when freed, and
 * each thread that allocates (libuv's pool hashing passwords) gets a heap of its own. See docs/DECISIONS.md.
 *
 * Set any of the MALLOC_* variables yourself (a systemd unit, a container) and the server runs in this process as
 * it is. Elsewhere (macOS, Windows, musl) nothing changes.
 */
import { spawn } from 'node:child_process';

/** glibc's malloc: large blocks (≥ 128 KB) mapped and unmapped on their own, freed memory trimmed, two heaps at most */
export const SERVER_MALLOC_ENV = {
  MALLOC_ARENA_MAX: '2',
  MALLOC_MMAP_THRESHOLD_: '131072',
  MALLOC_TRIM_THRESHOLD_: '131072',
};

function runsOnGlibc() {
  if (process.platform !== 'linux') return false;
  try {
    return Boolean(process.report.getReport().header.glibcVersionRuntime);
  } catch {
    return false;
  }
}

/** The command line asks for the server, and nobody chose malloc settings: run it in a child with ours. */
export function wantsServerProcess(args) {
  if (args[0] !== 'serve' || args.includes('--help') || args.includes('-h')) return false;
  if (Object.keys(process.env).some((k) => k.startsWith('MALLOC_'))) return false;
  return runsOnGlibc();
}

/**
 * Runs this same command line in a child with SERVER_MALLOC_ENV and waits for it. The child is in a process group
 * of its own, so a Ctrl-C (which the terminal sends to the whole group) reaches it once, from here; when this
 * process dies without passing a signal on, the child sees its IPC channel close and stops (serve.ts).
 */
export function runServerProcess() {
  const child = spawn(process.execPath, [...process.execArgv, ...process.argv.slice(1)], {
    env: { ...process.env, ...SERVER_MALLOC_ENV },
    stdio: ['inherit', 'inherit', 'inherit', 'ipc'],
    detached: true,
  });
  const lastSent = new Map();
  const pass = (signal) => {
    // npm passes on the signal the terminal sent to its group too: one stop, a second Ctrl-C later forces it
    const now = Date.now();
    if (now - (lastSent.get(signal) ?? 0) < 1000) return;
    lastSent.set(signal, now);
    child.kill(signal);
  };
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(signal, pass);
  child.on('error', (e) => {
    process.stderr.write(`medbill: could not start the server process (${e.message})\n`);
    process.exit(1);
  });
  child.on('exit', (code, signal) => {
    if (signal) {
      for (const s of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.removeAllListeners(s);
      process.kill(process.pid, signal);
    } else process.exit(code ?? 1);
  });
}
