/**
 * The clearinghouse interface over SFTP (batch exchange): 837s go to `outboundDir`; 999, 277CA and
 * 835 files are picked up from `inboundDir` and moved to `processedDir` once the caller stored them.
 *
 * Upload: if `<name>` is already there with the same bytes, done (a resend, or a retry after the
 * connection was cut right after the rename). Else write `<name>.<tag>.part` (truncating our stale part),
 * then RENAME it to `<name>`; SFTP v3 rename never replaces an existing file, so a sent file is never
 * overwritten. Every step is safe to repeat, which lets the connection retry it after a drop.
 */
import path from 'node:path';
import type SftpClient from 'ssh2-sftp-client';
import {
  assertSafeFileName,
  ClearinghouseUnavailableError,
  isSafeFileName,
  KeyedSerializer,
  senderTag,
  skipReason,
  partName,
  sameBytes,
  sha256Hex,
  UploadConflictError,
  type ClearinghouseAdapter,
  type RemoteFile,
  type UploadResult,
  type SkippedFile,
} from './clearinghouse-adapter.ts';
import { SftpConnection, type SftpConnectionConfig } from './sftp-connection.ts';

export interface SftpAdapterConfig extends SftpConnectionConfig {
  /** Remote folder for our 837s, e.g. `/outbound`. */
  outboundDir: string;
  /** Remote folder where the clearinghouse leaves 999, 277CA and 835 files. */
  inboundDir: string;
  /** Remote folder for inbound files we have stored. */
  processedDir: string;
  /** Stable id of this sending worker, used in part file names (see `senderTag`). */
  senderId?: string;
}

const remote = path.posix;

export class SftpAdapter implements ClearinghouseAdapter {
  readonly name: string;
  private readonly connection: SftpConnection;
  private readonly serializer = new KeyedSerializer();
  private readonly tag: string;

  constructor(private readonly config: SftpAdapterConfig) {
    this.connection = new SftpConnection(config);
    this.name = this.connection.where;
    this.tag = senderTag(config.senderId);
  }

  async upload(fileName: string, bytes: Uint8Array): Promise<UploadResult> {
    assertSafeFileName(fileName);
    const finalPath = remote.join(this.config.outboundDir, fileName);
    const sha256 = sha256Hex(bytes);
    const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    return this.serializer.run(fileName, () =>
      this.step(`upload of ${fileName} to ${finalPath}`, async (c) => {
        if (await this.holds(c, finalPath, buffer)) return { remotePath: finalPath, created: false, sha256 };
        const partPath = remote.join(this.config.outboundDir, partName(fileName, this.tag));
        await c.put(buffer, partPath);
        try {
          await c.rename(partPath, finalPath);
        } catch (err) {
          // Lost a race with another sender of the same name? Fine if it sent the same bytes.
          const there = await this.holds(c, finalPath, buffer).catch(async (holdErr: unknown) => {
            if (!(holdErr instanceof UploadConflictError)) throw err;
            await c.delete(partPath, true);
            throw holdErr;
          });
          if (!there) throw err;
          await c.delete(partPath, true);
          return { remotePath: finalPath, created: false, sha256 };
        }
        return { remotePath: finalPath, created: true, sha256 };
      }),
    );
  }

  /** True if `filePath` exists with exactly `bytes`; throws UploadConflictError if it differs. */
  private async holds(c: SftpClient, filePath: string, bytes: Buffer): Promise<boolean> {
    if ((await c.exists(filePath)) === false) return false;
    const existing = (await c.get(filePath)) as Buffer;
    if (sameBytes(existing, bytes)) return true;
    throw new UploadConflictError(this.name, filePath);
  }

  async listInbound(): Promise<RemoteFile[]> {
    const dir = this.config.inboundDir;
    const entries = await this.step(`listing of inbound folder ${dir}`, (c) => c.list(dir));
    return entries
      .filter((e) => e.type === '-' && isSafeFileName(e.name))
      .map((e) => ({ name: e.name, size: e.size, modifiedAt: e.modifyTime }))
      .sort((a, b) => a.name.localeCompare(b.name));
  }

  async inboundSkipped(): Promise<SkippedFile[]> {
    const dir = this.config.inboundDir;
    const entries = await this.step(`listing of inbound folder ${dir}`, (c) => c.list(dir));
    const out: SkippedFile[] = [];
    for (const e of entries) {
      const type = e.type === 'l' ? 'link' : e.type === 'd' ? 'folder' : e.type === '-' ? 'file' : 'other';
      const reason = skipReason(e.name, type);
      if (reason) out.push({ name: e.name, reason });
    }
    return out.sort((a, b) => a.name.localeCompare(b.name));
  }

  async download(file: RemoteFile): Promise<Uint8Array> {
    assertSafeFileName(file.name);
    const filePath = remote.join(this.config.inboundDir, file.name);
    const data = (await this.step(`download of ${filePath}`, (c) => c.get(filePath))) as Buffer;
    // the Buffer's own memory, viewed, not copied (a 50 MB copy held the event loop)
    return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
  }

  async markProcessed(file: RemoteFile): Promise<void> {
    assertSafeFileName(file.name);
    const from = remote.join(this.config.inboundDir, file.name);
    const to = remote.join(this.config.processedDir, file.name);
    await this.step(`move of ${from} to ${to}`, async (c) => {
      try {
        await c.rename(from, to);
        return;
      } catch (err) {
        const [fromThere, toThere] = [await c.exists(from), await c.exists(to)];
        if (fromThere === false && toThere !== false) return; // moved already (retry after a drop)
        if (fromThere === false || toThere === false) throw err;
      }
      // A file of that name was processed before: keep both, the newer one with a suffix.
      await c.rename(from, `${to}.${Date.now()}`);
    });
  }

  async close(): Promise<void> {
    await this.connection.close();
  }

  /** Runs one retry-safe step on the connection; errors name the step (host, folder, file). */
  private async step<T>(what: string, work: (c: SftpClient) => Promise<T>): Promise<T> {
    try {
      return await this.connection.run(work);
    } catch (err) {
      if (err instanceof UploadConflictError || err instanceof ClearinghouseUnavailableError) {
        throw err; // typed, and already naming host (and file)
      }
      const message = (err as Error).message.replace(`${this.name}: `, '');
      throw new ClearinghouseUnavailableError(`${this.name}: ${what} failed: ${message}`, { cause: err });
    }
  }
}
