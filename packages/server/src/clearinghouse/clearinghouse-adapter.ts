/**
 * The clearinghouse file exchange: one small interface, implemented over SFTP (`sftp-adapter.ts`)
 * and over a local folder (`folder-adapter.ts`), both held to `clearinghouse-contract.test-util.ts`.
 *
 * Semantics every adapter keeps:
 * - `upload` is atomic: the bytes go to `<name>.<tag>.part` and are renamed to `<name>` only when
 *   complete, so the other side never sees half a file (see `partName`).
 * - `upload` is idempotent by name + content: sending the identical bytes under the same name again
 *   is a no-op (at-least-once sending); different bytes under a name already there is refused.
 * - File names are ours and must pass `assertSafeFileName` (SECURITY.md A7): no `/`, `\`, `..`,
 *   `%`, NUL or control characters, no absolute paths, no leading dot, no `.part` suffix.
 * - `listInbound` shows complete files only (no `.part`, no dot files, no folders).
 * - `markProcessed` moves an inbound file to the processed folder, after the caller has stored it;
 *   calling it again for a file already moved is a no-op.
 */
import { createHash, randomBytes } from 'node:crypto';

export interface RemoteFile {
  /** The bare file name inside the inbound folder. */
  name: string;
  size: number;
  /** Last modification time as the remote side reports it (ms since epoch). */
  modifiedAt: number;
}

export interface UploadResult {
  /** Where the complete file now lives on the remote side. */
  remotePath: string;
  /** False when the identical bytes were already there under that name (a harmless resend). */
  created: boolean;
  /** SHA-256 of the bytes, hex. */
  sha256: string;
}

/** An entry of the inbound folder `listInbound` leaves out, and why (reported to a person, never silently left). */
export interface SkippedFile {
  name: string;
  reason: string;
}

export interface ClearinghouseAdapter {
  readonly name: string;
  upload(fileName: string, bytes: Uint8Array): Promise<UploadResult>;
  listInbound(): Promise<RemoteFile[]>;
  /** What listInbound leaves out of the inbound folder (bad names, links, folders), except unfinished uploads. */
  inboundSkipped?(): Promise<SkippedFile[]>;
  download(file: RemoteFile): Promise<Uint8Array>;
  markProcessed(file: RemoteFile): Promise<void>;
  close(): Promise<void>;
}

export const PART_SUFFIX = '.part';

/**
 * The tag in our part file names. Give each sending worker a stable `senderId` so that a sender
 * restarted after a crash reuses (truncates) its predecessor's part file; default: random per
 * adapter instance (a crashed sender's part file then stays behind, ignored by everyone).
 */
export function senderTag(senderId: string | undefined): string {
  if (senderId === undefined) return randomBytes(4).toString('hex');
  if (!/^[A-Za-z0-9_-]{1,32}$/.test(senderId)) {
    throw new Error(`senderId ${JSON.stringify(senderId)} must be 1-32 letters, digits, "_" or "-"`);
  }
  return senderId;
}

/**
 * `<name>.<senderTag>.part`: one sender's retries reuse its own part file, while two processes
 * sending the same name at once cannot truncate each other's part just before a rename.
 */
export function partName(fileName: string, tag: string): string {
  return `${fileName}.${tag}${PART_SUFFIX}`;
}

const MAX_NAME_LENGTH = 200;
const SAFE_NAME = /^[A-Za-z0-9_][A-Za-z0-9._+=@-]*$/;

export class UnsafeFileNameError extends Error {
  constructor(
    readonly fileName: string,
    reason: string,
  ) {
    super(`Unsafe clearinghouse file name ${JSON.stringify(fileName)}: ${reason}`);
    this.name = 'UnsafeFileNameError';
  }
}

/** Why `fileName` is unsafe, or undefined when it is a plain name we may use in any folder. */
export function unsafeFileNameReason(fileName: unknown): string | undefined {
  if (typeof fileName !== 'string') return 'not a string';
  if (fileName.length === 0) return 'empty';
  if (fileName.length > MAX_NAME_LENGTH) return `longer than ${MAX_NAME_LENGTH} characters`;
  if (fileName.includes('\u0000')) return 'contains a NUL byte';
  if (fileName.includes('/') || fileName.includes('\\')) return 'contains a path separator';
  if (fileName.includes('..')) return 'contains ".."';
  if (fileName.includes('%')) return 'contains "%" (encoded characters are not allowed)';
  if (!SAFE_NAME.test(fileName)) {
    return 'only letters, digits and . _ - + = @ are allowed, and it may not start with "." or "-"';
  }
  if (fileName.endsWith(PART_SUFFIX)) return `ends with "${PART_SUFFIX}", which marks unfinished uploads`;
  return undefined;
}

/** Why an inbound entry of this name and type is not picked up, or undefined (a file we take, or an upload in progress). */
export function skipReason(name: string, type: 'file' | 'link' | 'folder' | 'other'): string | undefined {
  if (name.endsWith(PART_SUFFIX)) return undefined; // being written: picked up once complete
  if (type === 'link') return 'a symbolic link: links are not followed; ask the sender for the file itself';
  if (type === 'folder') return 'a folder: only files are picked up';
  if (type === 'other') return 'not a regular file';
  const unsafe = unsafeFileNameReason(name);
  if (unsafe === undefined) return undefined;
  return name.startsWith('.')
    ? `a hidden name (leading dot): not picked up; ${unsafe}`
    : `its name is not picked up: ${unsafe}`;
}

export function isSafeFileName(fileName: unknown): fileName is string {
  return unsafeFileNameReason(fileName) === undefined;
}

/** Throws `UnsafeFileNameError` unless `fileName` is a plain, safe file name. */
export function assertSafeFileName(fileName: unknown): asserts fileName is string {
  const reason = unsafeFileNameReason(fileName);
  if (reason !== undefined) throw new UnsafeFileNameError(String(fileName), reason);
}

export function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

export function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return (
    Buffer.compare(
      Buffer.from(a.buffer, a.byteOffset, a.byteLength),
      Buffer.from(b.buffer, b.byteOffset, b.byteLength),
    ) === 0
  );
}

/** Raised when a name already holds different bytes: a resend must never replace a sent file. */
export class UploadConflictError extends Error {
  constructor(adapter: string, remotePath: string) {
    super(
      `${adapter}: ${remotePath} already exists with different content; ` +
        'a file once sent is never replaced (send a new file name instead)',
    );
    this.name = 'UploadConflictError';
  }
}

/**
 * The clearinghouse could not be reached or refused us (connection, log-in, host key, a transfer that failed
 * on its side). The API answers 502 with this message, which names the host and the step, never a secret.
 */
export class ClearinghouseUnavailableError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'ClearinghouseUnavailableError';
  }
}

/** Runs tasks for the same key one after another (two uploads of one name must not interleave). */
export class KeyedSerializer {
  private readonly tails = new Map<string, Promise<unknown>>();

  run<T>(key: string, task: () => Promise<T>): Promise<T> {
    const previous = this.tails.get(key) ?? Promise.resolve();
    const next = previous.then(task, task);
    const tail = next.catch(() => undefined);
    this.tails.set(key, tail);
    void tail.then(() => {
      if (this.tails.get(key) === tail) this.tails.delete(key);
    });
    return next;
  }
}
