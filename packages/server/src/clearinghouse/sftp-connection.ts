/**
 * One SFTP connection that verifies the server's host key, reconnects after a drop, retries
 * the (retry-safe) operation that the drop interrupted, and caps how many requests run at once.
 * Built on ssh2-sftp-client (over ssh2).
 */
import { createHash } from 'node:crypto';
import SftpClient from 'ssh2-sftp-client';
import { ClearinghouseUnavailableError } from './clearinghouse-adapter.ts';

export interface SftpConnectionConfig {
  host: string;
  /** Default 22. */
  port?: number;
  username: string;
  password?: string;
  /** Private key (OpenSSH or PEM text). */
  privateKey?: string | Buffer;
  passphrase?: string;
  /**
   * The server's host key fingerprint, as `ssh-keygen -lf` prints it (`SHA256:` + base64);
   * the bare base64 or 64 hex digits work too. A server showing any other key is refused.
   */
  hostKeySha256: string;
  /** Connection and handshake timeout (default 10 000 ms). */
  readyTimeoutMs?: number;
  /** How often one operation may reconnect after a dropped connection (default 2). */
  reconnectAttempts?: number;
  /** Requests in flight at once on the connection (default 4). */
  maxConcurrent?: number;
}

/** `SHA256:<base64 without padding>` of an SSH public key blob, as `ssh-keygen -lf` prints it. */
export function sshKeyFingerprint(publicKeyBlob: Buffer): string {
  return `SHA256:${createHash('sha256').update(publicKeyBlob).digest('base64').replace(/=+$/, '')}`;
}

export function normalizeFingerprint(text: string): string {
  const trimmed = text.trim();
  if (/^[0-9a-f]{64}$/i.test(trimmed)) {
    return `SHA256:${Buffer.from(trimmed, 'hex').toString('base64').replace(/=+$/, '')}`;
  }
  return `SHA256:${trimmed.replace(/^SHA256:/i, '').replace(/=+$/, '')}`;
}

export class HostKeyMismatchError extends ClearinghouseUnavailableError {
  constructor(where: string, expected: string, actual: string) {
    super(
      `${where}: host key mismatch: the server presented ${actual} but ${expected} is configured; ` +
        'refusing to connect (the server may be an impostor, or its key changed: check with the clearinghouse)',
    );
    this.name = 'HostKeyMismatchError';
  }
}

export class SftpLoginError extends ClearinghouseUnavailableError {
  constructor(where: string, username: string, cause: unknown) {
    super(
      `${where}: login refused for user "${username}" (${(cause as Error).message}); ` +
        'check the username and password or private key',
      { cause },
    );
    this.name = 'SftpLoginError';
  }
}

const LOST =
  /No SFTP connection|Unexpected (close|end)|not connected|ECONNRESET|EPIPE|No response from server|Channel (closed|not open)|connection (lost|closed)|socket/i;

class Semaphore {
  private active = 0;
  private readonly waiting: Array<() => void> = [];
  constructor(private readonly limit: number) {}

  async run<T>(task: () => Promise<T>): Promise<T> {
    if (this.active >= this.limit) await new Promise<void>((resolve) => this.waiting.push(resolve));
    this.active++;
    try {
      return await task();
    } finally {
      this.active--;
      this.waiting.shift()?.();
    }
  }
}

interface Live {
  client: SftpClient;
  dead: boolean;
  ending: boolean;
  /** Rejects when the connection goes away. ssh2-sftp-client rejects only one of several requests
   *  in flight when a connection drops; the others would wait forever without this. */
  died: Promise<never>;
}

export class SftpConnection {
  /** `sftp user@host:port`, the prefix of every error message. */
  readonly where: string;
  private current: Promise<Live> | undefined;
  private readonly gate: Semaphore;
  private closed = false;

  constructor(private readonly config: SftpConnectionConfig) {
    this.where = `sftp ${config.username}@${config.host}:${config.port ?? 22}`;
    this.gate = new Semaphore(config.maxConcurrent ?? 4);
    if (!config.password && !config.privateKey) throw new Error(`${this.where}: give a password or a privateKey`);
    if (!config.hostKeySha256) throw new Error(`${this.where}: hostKeySha256 is required (no blind trust)`);
  }

  /**
   * Runs `work` on a live connection. If the connection drops during it, reconnects and runs it
   * again (up to `reconnectAttempts` times), so `work` must be safe to repeat.
   */
  async run<T>(work: (client: SftpClient) => Promise<T>): Promise<T> {
    const attempts = this.config.reconnectAttempts ?? 2;
    for (let attempt = 0; ; attempt++) {
      if (this.closed) throw new Error(`${this.where}: connection closed by the caller`);
      let live: Live | undefined;
      try {
        live = await this.live();
        const used = live;
        return await this.gate.run(() => Promise.race([work(used.client), used.died]));
      } catch (err) {
        const retryable = live ? live.dead || LOST.test((err as Error).message) : isTransientConnectError(err);
        if (live && retryable) this.forget(live);
        if (!retryable || attempt >= attempts) throw err;
        if (attempt > 0) await new Promise((resolve) => setTimeout(resolve, 100 * attempt));
      }
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    const current = this.current;
    this.current = undefined;
    const live = await current?.catch(() => undefined);
    if (live && !live.ending) {
      live.ending = true;
      await live.client.end().catch(() => undefined);
    }
  }

  private async live(): Promise<Live> {
    for (let existing = this.current; existing; existing = this.current) {
      const live = await existing;
      if (!live.dead) return live;
      if (this.current === existing) this.current = undefined;
    }
    const attempt = this.connect();
    this.current = attempt;
    attempt.catch(() => {
      if (this.current === attempt) this.current = undefined;
    });
    return attempt;
  }

  private forget(live: Live): void {
    live.dead = true;
    if (live.ending) return; // several requests in flight all fail at once: end it once
    live.ending = true;
    void live.client.end().catch(() => undefined);
  }

  private async connect(): Promise<Live> {
    const { host, port = 22, username, password, privateKey, passphrase } = this.config;
    const expected = normalizeFingerprint(this.config.hostKeySha256);
    let presented: string | undefined;
    const quiet = () => undefined;
    const client = new SftpClient(this.where, { error: quiet, end: quiet, close: quiet });
    let markDied: (err: Error) => void = () => undefined;
    const died = new Promise<never>((_, reject) => (markDied = reject));
    died.catch(() => undefined);
    const live: Live = { client, dead: false, ending: false, died };
    const gone = () => {
      live.dead = true;
      markDied(new Error('connection lost'));
    };
    client.on('close', gone);
    client.on('end', gone);
    // Servers that ask for the password as keyboard-interactive get it for every prompt.
    client.on(
      'keyboard-interactive',
      (_name: string, _instructions: string, _lang: string, prompts: unknown[], finish: (answers: string[]) => void) =>
        finish(prompts.map(() => password ?? '')),
    );
    try {
      await client.connect({
        host,
        port,
        username,
        password,
        privateKey,
        passphrase,
        tryKeyboard: password !== undefined,
        // Notice a peer that vanished without closing TCP (no answer to 3 keepalives 10 s apart).
        keepaliveInterval: 10_000,
        keepaliveCountMax: 3,
        readyTimeout: this.config.readyTimeoutMs ?? 10_000,
        hostVerifier: (key: Buffer) => {
          presented = sshKeyFingerprint(key);
          return presented === expected;
        },
      });
    } catch (err) {
      void client.end().catch(() => undefined);
      if (presented !== undefined && presented !== expected) {
        throw new HostKeyMismatchError(this.where, expected, presented);
      }
      if ((err as { level?: string }).level === 'client-authentication' || /authentication/i.test(String(err))) {
        throw new SftpLoginError(this.where, username, err);
      }
      throw new ClearinghouseUnavailableError(`${this.where}: cannot connect: ${(err as Error).message}`, {
        cause: err,
      });
    }
    return live;
  }
}

function isTransientConnectError(err: unknown): boolean {
  if (err instanceof HostKeyMismatchError || err instanceof SftpLoginError) return false;
  return /ECONNREFUSED|ECONNRESET|ETIMEDOUT|Timed out|EHOSTUNREACH|ENETUNREACH|Unexpected|socket/i.test(String(err));
}
