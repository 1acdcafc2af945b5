/** The set-up every CLI test file shares: a private data folder (and database on PostgreSQL), and `medbill(...)` as a function. */
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
    Object.assign(process.env, env);
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
