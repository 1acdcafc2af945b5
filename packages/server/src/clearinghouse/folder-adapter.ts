/**
 * The clearinghouse interface over local folders: for offline use, the demo, and as the second
 * implementation the contract suite holds to the same rules as SFTP.
 *
 * Atomic upload: write `<name>.<tag>.part`, fsync, then `link()` it to `<name>` (fails if the name exists,
 * unlike rename, so a sent file is never replaced) and remove the part.
 */
import { constants as fsc } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import {
  assertSafeFileName,
  isSafeFileName,
  KeyedSerializer,
  senderTag,
  partName,
  sameBytes,
  sha256Hex,
  skipReason,
  UploadConflictError,
  type SkippedFile,
  type ClearinghouseAdapter,
  type RemoteFile,
  type UploadResult,
} from './clearinghouse-adapter.ts';

export interface FolderAdapterConfig {
  /** Where our 837s go (the clearinghouse picks them up here). */
  outboundDir: string;
  /** Where 999, 277CA and 835 files arrive. */
  inboundDir: string;
  /** Where inbound files go once the caller has stored them. */
  processedDir: string;
  /** Stable id of this sending worker, used in part file names (see `senderTag`). */
  senderId?: string;
  /** Create the three folders if missing (default true). */
  createDirs?: boolean;
}

/** An fs error in words without its path: the server's folders are never named in an answer (issue 8 item 12). */
function why(err: unknown): string {
  const e = err as NodeJS.ErrnoException;
  return e?.code ?? 'failure';
}

function isErrno(err: unknown, code: string): boolean {
  return (err as NodeJS.ErrnoException | undefined)?.code === code;
}

export class FolderAdapter implements ClearinghouseAdapter {
  readonly name: string;
  private readonly serializer = new KeyedSerializer();
  private readonly tag: string;
  private ready: Promise<void> | undefined;

  /** The three folders (the demo's payer simulator answers in them; see payer-sim/demo-payer.ts). */
  get folders(): Pick<FolderAdapterConfig, 'outboundDir' | 'inboundDir' | 'processedDir'> {
    const { outboundDir, inboundDir, processedDir } = this.config;
    return { outboundDir, inboundDir, processedDir };
  }

  constructor(private readonly config: FolderAdapterConfig) {
    // the clearinghouse's folder name, never the server's path to it (messages and claim events show this)
    this.name = `folder ${path.basename(path.dirname(path.resolve(config.outboundDir)))}`;
    this.tag = senderTag(config.senderId);
  }

  private ensureDirs(): Promise<void> {
    if (this.config.createDirs === false) return Promise.resolve();
    this.ready ??= (async () => {
      const { outboundDir, inboundDir, processedDir } = this.config;
      for (const dir of [outboundDir, inboundDir, processedDir])
        await fs.mkdir(dir, { recursive: true }).catch((err) => {
          throw new Error(`${this.name}: cannot make its ${path.basename(dir)} folder (${why(err)})`, { cause: err });
        });
    })().catch((err) => {
      this.ready = undefined; // tried again next time
      throw err;
    });
    return this.ready;
  }

  async upload(fileName: string, bytes: Uint8Array): Promise<UploadResult> {
    assertSafeFileName(fileName);
    await this.ensureDirs();
    return this.serializer.run(fileName, () => this.uploadOnce(fileName, bytes));
  }

  private async uploadOnce(fileName: string, bytes: Uint8Array): Promise<UploadResult> {
    const finalPath = path.join(this.config.outboundDir, fileName);
    const partPath = path.join(this.config.outboundDir, partName(fileName, this.tag));
    const sha256 = sha256Hex(bytes);
    // where the file went, within the clearinghouse's folder (the server's own path stays out of answers)
    const remotePath = `${path.basename(this.config.outboundDir)}/${fileName}`;
    if (await this.alreadyThere(finalPath, bytes, remotePath)) return { remotePath, created: false, sha256 };
    try {
      const handle = await fs.open(partPath, 'w', 0o640);
      try {
        await handle.writeFile(bytes);
        await handle.sync();
      } finally {
        await handle.close();
      }
      await fs.link(partPath, finalPath);
    } catch (err) {
      if (!isErrno(err, 'EEXIST')) {
        throw new Error(`${this.name}: upload of ${remotePath} failed (${why(err)})`, { cause: err });
      }
      // Another sender landed the same name first: fine if it holds the same bytes.
      const there = await this.alreadyThere(finalPath, bytes, remotePath).finally(() =>
        fs.rm(partPath, { force: true }),
      );
      if (!there) throw err;
      return { remotePath, created: false, sha256 };
    }
    await fs.rm(partPath, { force: true });
    await syncDir(this.config.outboundDir);
    return { remotePath, created: true, sha256 };
  }

  /** True when `finalPath` holds exactly `bytes`; throws if it holds something else. */
  private async alreadyThere(finalPath: string, bytes: Uint8Array, remotePath: string): Promise<boolean> {
    let existing: Uint8Array;
    try {
      existing = await fs.readFile(finalPath);
    } catch (err) {
      if (isErrno(err, 'ENOENT')) return false;
      throw new Error(`${this.name}: cannot read ${remotePath} (${why(err)})`, { cause: err });
    }
    if (sameBytes(existing, bytes)) return true;
    throw new UploadConflictError(this.name, remotePath);
  }

  async listInbound(): Promise<RemoteFile[]> {
    await this.ensureDirs();
    const dir = this.config.inboundDir;
    let entries: import('node:fs').Dirent[];
    try {
      entries = await fs.readdir(dir, { withFileTypes: true });
    } catch (err) {
      throw new Error(`${this.name}: cannot list the inbound folder (${why(err)})`, { cause: err });
    }
    const files: RemoteFile[] = [];
    for (const entry of entries) {
      if (!entry.isFile() || !isSafeFileName(entry.name)) continue;
      const stat = await fs.stat(path.join(dir, entry.name)).catch(() => undefined);
      if (stat) files.push({ name: entry.name, size: stat.size, modifiedAt: stat.mtimeMs });
    }
    return files.sort((a, b) => a.name.localeCompare(b.name));
  }

  async inboundSkipped(): Promise<SkippedFile[]> {
    await this.ensureDirs();
    const out: SkippedFile[] = [];
    for (const entry of await fs.readdir(this.config.inboundDir, { withFileTypes: true })) {
      const type = entry.isSymbolicLink() ? 'link' : entry.isDirectory() ? 'folder' : entry.isFile() ? 'file' : 'other';
      const reason = skipReason(entry.name, type);
      if (reason) out.push({ name: entry.name, reason });
    }
    return out.sort((a, b) => a.name.localeCompare(b.name));
  }

  async download(file: RemoteFile): Promise<Uint8Array> {
    assertSafeFileName(file.name);
    const filePath = path.join(this.config.inboundDir, file.name);
    try {
      // O_NOFOLLOW: a symlink planted in the inbound folder must not lead reads outside it (A7).
      const handle = await fs.open(filePath, fsc.O_RDONLY | fsc.O_NOFOLLOW);
      try {
        // the Buffer's own memory, viewed, not copied (a 50 MB copy held the event loop)
        const b = await handle.readFile();
        return new Uint8Array(b.buffer, b.byteOffset, b.byteLength);
      } finally {
        await handle.close();
      }
    } catch (err) {
      throw new Error(`${this.name}: cannot download ${file.name} (${why(err)})`, { cause: err });
    }
  }

  async markProcessed(file: RemoteFile): Promise<void> {
    assertSafeFileName(file.name);
    await this.ensureDirs();
    const from = path.join(this.config.inboundDir, file.name);
    const to = path.join(this.config.processedDir, file.name);
    try {
      await fs.link(from, to);
    } catch (err) {
      if (isErrno(err, 'ENOENT') && (await exists(to))) return; // moved already
      if (!isErrno(err, 'EEXIST')) {
        throw new Error(`${this.name}: cannot move ${file.name} to the processed folder (${why(err)})`, { cause: err });
      }
      // A file of that name was processed before: keep both, the newer one with a suffix.
      await fs.link(from, `${to}.${Date.now()}`);
    }
    await fs.rm(from, { force: true });
  }

  async close(): Promise<void> {}
}

/** Makes the new directory entry durable, so a power loss cannot forget a file we reported sent. */
async function syncDir(dir: string): Promise<void> {
  const handle = await fs.open(dir, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

async function exists(filePath: string): Promise<boolean> {
  return fs.stat(filePath).then(
    () => true,
    () => false,
  );
}
