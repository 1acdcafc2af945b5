/**
 * PGlite has no lock of its own and two processes on one data folder corrupt it, so the process
 * that opens the folder holds `medbill.lock` (its pid, and the server's URL once it listens).
 * A lock whose pid is gone (a crash, kill -9) is taken over.
 */
import fs from 'node:fs';
import path from 'node:path';

export interface LockInfo {
  pid: number;
  startedAt: string;
  url?: string;
  purpose: string;
}

export class DataFolderLockedError extends Error {
  constructor(
    readonly holder: LockInfo,
    readonly lockFile: string,
  ) {
    super(
      `The data folder is in use by process ${holder.pid} (${holder.purpose}` +
        (holder.url ? ` at ${holder.url}` : '') +
        `, since ${holder.startedAt}). Stop it first, or use the running server.`,
    );
  }
}

function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export function lockFilePath(dataDir: string): string {
  return path.join(dataDir, 'medbill.lock');
}

export function readLock(dataDir: string): LockInfo | null {
  try {
    const info = JSON.parse(fs.readFileSync(lockFilePath(dataDir), 'utf8')) as LockInfo;
    return pidAlive(info.pid) ? info : null;
  } catch {
    return null;
  }
}

export interface DataFolderLock {
  setUrl(url: string): void;
  release(): void;
}

export function acquireDataFolderLock(dataDir: string, purpose: string): DataFolderLock {
  fs.mkdirSync(dataDir, { recursive: true });
  const file = lockFilePath(dataDir);
  const info: LockInfo = { pid: process.pid, startedAt: new Date().toISOString(), purpose };
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      fs.writeFileSync(file, JSON.stringify(info), { flag: 'wx', mode: 0o600 });
      let released = false;
      const release = () => {
        if (released) return;
        released = true;
        process.removeListener('exit', release);
        const current = readLockRaw(file);
        if (current?.pid === process.pid) fs.rmSync(file, { force: true });
      };
      process.once('exit', release);
      return {
        setUrl(url) {
          info.url = url;
          fs.writeFileSync(file, JSON.stringify(info), { mode: 0o600 });
        },
        release,
      };
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      const holder = readLockRaw(file);
      if (holder && pidAlive(holder.pid)) throw new DataFolderLockedError(holder, file);
      fs.rmSync(file, { force: true }); // stale: its process is gone
    }
  }
  throw new Error(`Could not take the lock ${file}`);
}

function readLockRaw(file: string): LockInfo | null {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8')) as LockInfo;
  } catch {
    return null;
  }
}
