/**
 * The set-up every CLI test file shares: a private data folder (and database on PostgreSQL), and `medbill(...)` as a
 * function. Commands run in the test's process, each opening the data folder as the CLI does; there PGlite runs on the
 * calling thread (MEDBILL_PGLITE_THREAD=main): a command's own thread with tsx and PGlite loaded afresh cost ~1.1 s
 * of CPU per open against ~0.25 s, and a file opens the folder for every command and every check of its rows. The
 * thread a data folder is opened on by default is tested by pglite-thread.test.ts and by bundle.test.ts (the built
 * CLI, serving on its worker). A file can pass MEDBILL_PGLITE_THREAD: 'worker' in `env` to run on it.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { createTestDatabase, onPostgres } from '../../server/test/test-store.ts';
import { memoryIO } from './io.ts';
import { run } from './main.ts';

export function useCliTestEnv(prefix: string, env: Record<string, string> = {}) {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  let dropDb: (() => Promise<void>) | undefined;
  const saved = { ...process.env };
  beforeAll(async () => {
    process.env.MEDBILL_DATA = dataDir;
    Object.assign(process.env, { MEDBILL_PGLITE_THREAD: 'main' }, env);
    if (onPostgres) {
      const created = await createTestDatabase(saved.DATABASE_URL!);
      process.env.DATABASE_URL = created.url;
      dropDb = created.drop;
    }
  });
  afterAll(async () => {
    process.env = saved;
    await dropDb?.();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });
  return {
    dataDir,
    async medbill(...args: string[]) {
      const io = memoryIO();
      await run(['node', 'medbill', ...args], io);
      return io;
    },
  };
}
