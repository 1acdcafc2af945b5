/**
 * Serves one SFTP subsystem channel (ssh2 server side) over a local folder, for the test server.
 * Every client path is virtual: `/` is `rootDir`; `..` cannot climb above it (paths are resolved
 * against `/` first) and symlinks may not lead out of it (the real path of the deepest existing
 * ancestor must stay inside). SYMLINK is not offered, so clients cannot make new links.
 */
import { constants as fsc } from 'node:fs';
import fs from 'node:fs/promises';
import type { FileHandle } from 'node:fs/promises';
import type { Stats } from 'node:fs';
import path from 'node:path';
import ssh2 from 'ssh2';
import type { Attributes, FileEntry, SFTPWrapper } from 'ssh2';

const { STATUS_CODE, OPEN_MODE } = ssh2.utils.sftp;
const READDIR_BATCH = 100;

/** SFTP v3 open flags to the local open(2) flags (numeric, so every combination works). */
function openFlags(pflags: number): number {
  const read = (pflags & OPEN_MODE.READ) !== 0;
  const write = (pflags & OPEN_MODE.WRITE) !== 0;
  // O_NOFOLLOW: a dangling symlink as the last component must not create a file outside the root.
  let flags = (read && write ? fsc.O_RDWR : write ? fsc.O_WRONLY : fsc.O_RDONLY) | fsc.O_NOFOLLOW;
  if (pflags & OPEN_MODE.APPEND) flags |= fsc.O_APPEND;
  if (pflags & OPEN_MODE.CREAT) flags |= fsc.O_CREAT;
  if (pflags & OPEN_MODE.TRUNC) flags |= fsc.O_TRUNC;
  if (pflags & OPEN_MODE.EXCL) flags |= fsc.O_EXCL;
  return flags;
}

/** Fault hooks the test server uses to cut the connection at chosen points (D8 crash tests). */
export interface SessionHooks {
  /** Called before each WRITE; returns how many bytes to write before dropping, or undefined. */
  writeLimit(handleBytesSoFar: number, length: number): number | undefined;
  /** Called before/after each RENAME; true means "drop the connection now". */
  dropAt(point: 'before-rename' | 'after-rename'): boolean;
  drop(): void;
}

type Handle =
  | { kind: 'file'; fh: FileHandle; written: number; chain: Promise<unknown> }
  | { kind: 'dir'; dir: string; pending: FileEntry[] | undefined; chain: Promise<unknown> };

class SftpStatusError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/** Serves `sftp`; call the returned function when the connection closes (closes open files). */
export function serveSftp(sftp: SFTPWrapper, rootDir: string, hooks: SessionHooks): () => void {
  const session = new SftpSession(sftp, rootDir, hooks);
  session.listen();
  return () => void session.closeAll();
}

class SftpSession {
  private readonly handles = new Map<number, Handle>();
  private nextHandle = 1;
  private closed = false;
  private realRoot: Promise<string>;

  constructor(
    private readonly sftp: SFTPWrapper,
    rootDir: string,
    private readonly hooks: SessionHooks,
  ) {
    this.realRoot = fs.realpath(rootDir);
  }

  listen(): void {
    const s = this.sftp;
    const on = (event: string, fn: (reqId: number, ...args: never[]) => Promise<void>) =>
      s.on(event, (reqId: number, ...args: never[]) => void this.answer(reqId, () => fn(reqId, ...args)));
    on('OPEN', (id, p: string, flags: number, attrs: Attributes) => this.open(id, p, flags, attrs));
    on('READ', (id, h: Buffer, offset: number, len: number) => this.onFile(h, (f) => this.read(id, f, offset, len)));
    on('WRITE', (id, h: Buffer, offset: number, data: Buffer) =>
      this.onFile(h, (f) => this.write(id, f, offset, data)),
    );
    on('FSTAT', (id, h: Buffer) => this.onFile(h, async (f) => s.attrs(id, toAttrs(await f.fh.stat()))));
    on('FSETSTAT', async (id) => s.status(id, STATUS_CODE.OK));
    on('SETSTAT', async (id) => s.status(id, STATUS_CODE.OK));
    on('CLOSE', (id, h: Buffer) => this.close(id, h));
    on('OPENDIR', (id, p: string) => this.openDir(id, p));
    on('READDIR', (id, h: Buffer) => this.readDir(id, h));
    on('STAT', async (id, p: string) => s.attrs(id, toAttrs(await fs.stat(await this.resolve(p)))));
    on('LSTAT', async (id, p: string) => s.attrs(id, toAttrs(await fs.lstat(await this.resolve(p)))));
    on('REMOVE', async (id, p: string) => this.ok(id, await fs.unlink(await this.resolve(p))));
    on('RMDIR', async (id, p: string) => this.ok(id, await fs.rmdir(await this.resolve(p))));
    on('MKDIR', async (id, p: string) => this.ok(id, await fs.mkdir(await this.resolve(p))));
    on('RENAME', (id, from: string, to: string) => this.rename(id, from, to));
    on('REALPATH', (id, p: string) => this.realpath(id, p));
    for (const unsupported of ['READLINK', 'SYMLINK', 'EXTENDED']) {
      s.on(unsupported, (id: number) => s.status(id, STATUS_CODE.OP_UNSUPPORTED, `${unsupported} is not offered`));
    }
    s.on('close', () => void this.closeAll());
  }

  private ok(reqId: number, _done?: unknown): void {
    this.sftp.status(reqId, STATUS_CODE.OK);
  }

  private async answer(reqId: number, work: () => Promise<void>): Promise<void> {
    try {
      await work();
    } catch (err) {
      try {
        // Errno messages carry real server paths: send only the code.
        const message =
          err instanceof SftpStatusError ? err.message : ((err as NodeJS.ErrnoException).code ?? 'failure');
        this.sftp.status(reqId, statusOf(err), message);
      } catch {
        // channel already gone
      }
    }
  }

  /** Maps a client path to a real path inside the root, or throws PERMISSION_DENIED. */
  private async resolve(clientPath: string): Promise<string> {
    if (clientPath.includes('\u0000')) throw new SftpStatusError(STATUS_CODE.PERMISSION_DENIED, 'NUL in path');
    const root = await this.realRoot;
    const virtual = path.posix.resolve('/', clientPath);
    const real = path.join(root, ...virtual.split('/').filter(Boolean));
    let probe = real;
    for (;;) {
      const resolved = await fs.realpath(probe).catch(() => undefined);
      if (resolved !== undefined) {
        if (resolved !== root && !resolved.startsWith(root + path.sep)) {
          throw new SftpStatusError(STATUS_CODE.PERMISSION_DENIED, `${virtual} leads outside the root`);
        }
        return real;
      }
      const parent = path.dirname(probe);
      if (parent === probe) throw new SftpStatusError(STATUS_CODE.PERMISSION_DENIED, 'root vanished');
      probe = parent;
    }
  }

  private addHandle(handle: Handle): Buffer {
    const id = this.nextHandle++;
    this.handles.set(id, handle);
    const buf = Buffer.alloc(4);
    buf.writeUInt32BE(id);
    return buf;
  }

  private getHandle(raw: Buffer): [number, Handle] {
    const id = raw.length === 4 ? raw.readUInt32BE(0) : -1;
    const handle = this.handles.get(id);
    if (!handle) throw new SftpStatusError(STATUS_CODE.FAILURE, 'invalid handle');
    return [id, handle];
  }

  /** Runs work on a file handle, one request at a time per handle. */
  private onFile(raw: Buffer, work: (f: Extract<Handle, { kind: 'file' }>) => Promise<void>): Promise<void> {
    const [, handle] = this.getHandle(raw);
    if (handle.kind !== 'file') throw new SftpStatusError(STATUS_CODE.FAILURE, 'not a file handle');
    const run = handle.chain.then(() => work(handle));
    handle.chain = run.catch(() => undefined);
    return run;
  }

  private async open(reqId: number, clientPath: string, flags: number, attrs: Attributes): Promise<void> {
    const real = await this.resolve(clientPath);
    const fh = await fs.open(real, openFlags(flags), typeof attrs?.mode === 'number' ? attrs.mode & 0o777 : 0o644);
    if (this.closed) {
      await fh.close(); // the connection went away while the file was opening
      return;
    }
    this.sftp.handle(reqId, this.addHandle({ kind: 'file', fh, written: 0, chain: Promise.resolve() }));
  }

  private async read(reqId: number, f: { fh: FileHandle }, offset: number, len: number): Promise<void> {
    const buf = Buffer.alloc(Math.min(len, 1 << 20));
    const { bytesRead } = await f.fh.read(buf, 0, buf.length, offset);
    if (bytesRead === 0) this.sftp.status(reqId, STATUS_CODE.EOF);
    else this.sftp.data(reqId, buf.subarray(0, bytesRead));
  }

  private async write(reqId: number, f: { fh: FileHandle; written: number }, offset: number, data: Buffer) {
    const limit = this.hooks.writeLimit(f.written, data.length);
    if (limit !== undefined) {
      await f.fh.write(data, 0, Math.min(limit, data.length), offset);
      await f.fh.sync();
      this.hooks.drop();
      return;
    }
    await f.fh.write(data, 0, data.length, offset);
    f.written += data.length;
    this.sftp.status(reqId, STATUS_CODE.OK);
  }

  private async close(reqId: number, raw: Buffer): Promise<void> {
    const [id, handle] = this.getHandle(raw);
    this.handles.delete(id);
    await handle.chain;
    if (handle.kind === 'file') await handle.fh.close();
    this.sftp.status(reqId, STATUS_CODE.OK);
  }

  async closeAll(): Promise<void> {
    this.closed = true;
    const open = [...this.handles.values()];
    this.handles.clear();
    for (const handle of open) {
      if (handle.kind === 'file') await handle.fh.close().catch(() => undefined);
    }
  }

  private async openDir(reqId: number, clientPath: string): Promise<void> {
    const dir = await this.resolve(clientPath);
    const st = await fs.stat(dir);
    if (!st.isDirectory()) throw new SftpStatusError(STATUS_CODE.FAILURE, `${clientPath} is not a folder`);
    this.sftp.handle(reqId, this.addHandle({ kind: 'dir', dir, pending: undefined, chain: Promise.resolve() }));
  }

  private async readDir(reqId: number, raw: Buffer): Promise<void> {
    const [, handle] = this.getHandle(raw);
    if (handle.kind !== 'dir') throw new SftpStatusError(STATUS_CODE.FAILURE, 'not a folder handle');
    if (handle.pending === undefined) {
      const entries: FileEntry[] = [];
      for (const name of await fs.readdir(handle.dir)) {
        const st = await fs.lstat(path.join(handle.dir, name)).catch(() => undefined);
        if (st) entries.push({ filename: name, longname: longName(name, st), attrs: toAttrs(st) });
      }
      handle.pending ??= entries;
    }
    const batch = handle.pending.splice(0, READDIR_BATCH);
    if (batch.length === 0) return this.sftp.status(reqId, STATUS_CODE.EOF);
    this.sftp.name(reqId, batch);
  }

  /** SFTP v3 rename: refuses to replace an existing target, as OpenSSH's server does. */
  private async rename(reqId: number, from: string, to: string): Promise<void> {
    const realFrom = await this.resolve(from);
    const realTo = await this.resolve(to);
    if (this.hooks.dropAt('before-rename')) return this.hooks.drop();
    if (
      await fs.lstat(realTo).then(
        () => true,
        () => false,
      )
    ) {
      throw new SftpStatusError(STATUS_CODE.FAILURE, `${to} already exists`);
    }
    await fs.rename(realFrom, realTo);
    if (this.hooks.dropAt('after-rename')) return this.hooks.drop();
    this.sftp.status(reqId, STATUS_CODE.OK);
  }

  private async realpath(reqId: number, clientPath: string): Promise<void> {
    const virtual = path.posix.resolve('/', clientPath);
    await this.resolve(virtual);
    this.sftp.name(reqId, [{ filename: virtual, longname: virtual, attrs: {} as Attributes }]);
  }
}

function statusOf(err: unknown): number {
  if (err instanceof SftpStatusError) return err.status;
  switch ((err as NodeJS.ErrnoException).code) {
    case 'ENOENT':
    case 'ENOTDIR':
      return STATUS_CODE.NO_SUCH_FILE;
    case 'EACCES':
    case 'EPERM':
    case 'ELOOP':
      return STATUS_CODE.PERMISSION_DENIED;
    default:
      return STATUS_CODE.FAILURE;
  }
}

function toAttrs(st: Stats): Attributes {
  return {
    mode: st.mode,
    uid: st.uid,
    gid: st.gid,
    size: st.size,
    atime: Math.floor(st.atimeMs / 1000),
    mtime: Math.floor(st.mtimeMs / 1000),
  };
}

function longName(name: string, st: Stats): string {
  const type = st.isDirectory() ? 'd' : st.isSymbolicLink() ? 'l' : '-';
  const bits = 'rwxrwxrwx'
    .split('')
    .map((c, i) => (st.mode & (1 << (8 - i)) ? c : '-'))
    .join('');
  const date = new Date(st.mtimeMs).toISOString().slice(0, 16).replace('T', ' ');
  return `${type}${bits} 1 ${st.uid} ${st.gid} ${st.size} ${date} ${name}`;
}
