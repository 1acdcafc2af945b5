/**
 * A real SFTP server on 127.0.0.1 (ssh2's `Server` speaking the SSH and SFTP v3 protocols), rooted at
 * a local folder, for the tests and for `medbill payer-sim`. Password auth (and optionally one
 * public key); a fresh ECDSA P-256 host key per start unless one is given.
 *
 * `injectFault` arms a one-shot connection drop at a chosen point of an upload, so the tests can
 * show that a crash around the upload leaves nothing half-written in view (SECURITY.md D8).
 */
import { createHash, generateKeyPairSync, timingSafeEqual } from 'node:crypto';
import fs from 'node:fs/promises';
import type { Socket } from 'node:net';
import ssh2 from 'ssh2';
import type { AuthContext, AuthenticationType, Connection, ParsedKey } from 'ssh2';
import { sshKeyFingerprint } from './sftp-connection.ts';
import { serveSftp, type SessionHooks } from './sftp-server-session.ts';

const { Server, utils } = ssh2;

export interface SftpTestServerOptions {
  rootDir: string;
  username: string;
  password: string;
  /** Private host key (OpenSSH or PEM). Default: a new ECDSA P-256 key (`generateSshKey`). */
  hostKey?: string;
  /** How the password is asked for (default `password`; some servers only offer keyboard-interactive). */
  passwordMethod?: 'password' | 'keyboard-interactive';
  /** An OpenSSH public key line also allowed to log in as `username`. */
  authorizedKey?: string;
  /** Default 0: a random free port. */
  port?: number;
}

export type SftpFault =
  /** Write this many bytes of the next uploaded file, then cut the connection. */
  | { kind: 'drop-during-write'; afterBytes: number }
  /** Cut the connection when the next RENAME arrives, before doing it. */
  | { kind: 'drop-before-rename' }
  /** Do the next RENAME, then cut the connection before answering. */
  | { kind: 'drop-after-rename' };

export interface SftpTestServer {
  port: number;
  host: '127.0.0.1';
  /** OpenSSH style: `SHA256:` + unpadded base64 of the host key blob. */
  hostKeySha256: string;
  /** Arms a one-shot fault for the next matching request on any connection. */
  injectFault(fault: SftpFault): void;
  /** Cuts every open connection now, as a server restart or a network drop would. */
  disconnectAll(): void;
  /** How many connections were accepted so far (each reconnect adds one). */
  readonly connectionCount: number;
  /** How many connections were cut by faults so far. */
  readonly faultsFired: number;
  close(): Promise<void>;
}

/**
 * A new ECDSA P-256 key pair made with node:crypto: the private key as SEC1 PEM (ssh2 reads it),
 * the public one as an OpenSSH line. (Not ssh2's own ed25519 keygen: about 1 key in 300 it makes
 * is one ssh2 then cannot parse.)
 */
export function generateSshKey(): { privateKey: string; publicKey: string } {
  const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
  const pem = privateKey.export({ type: 'sec1', format: 'pem' }).toString();
  const parsed = parseKeyOrThrow(pem, 'generated key');
  return { privateKey: pem, publicKey: `${parsed.type} ${parsed.getPublicSSH().toString('base64')}` };
}

function parseKeyOrThrow(text: string, what: string): ParsedKey {
  const parsed = utils.parseKey(text);
  if (parsed instanceof Error) throw new Error(`sftp test server: cannot parse ${what}: ${parsed.message}`);
  return Array.isArray(parsed) ? (parsed[0] as ParsedKey) : parsed;
}

/** Cuts the TCP connection at once, as a crash or a network drop would (no SSH disconnect message). */
function destroyConnection(client: Connection): void {
  const sock = (client as unknown as { _sock?: Socket })._sock;
  if (sock) sock.destroy();
  else client.end();
}

function sameSecret(given: string, expected: string): boolean {
  const a = createHash('sha256').update(given).digest();
  const b = createHash('sha256').update(expected).digest();
  return timingSafeEqual(a, b);
}

function authenticate(ctx: AuthContext, options: SftpTestServerOptions, allowedKey?: ParsedKey): void {
  const userOk = sameSecret(ctx.username, options.username);
  const passwordMethod = options.passwordMethod ?? 'password';
  const offered: AuthenticationType[] = allowedKey ? [passwordMethod, 'publickey'] : [passwordMethod];
  if (ctx.method === 'password' && passwordMethod === 'password') {
    return sameSecret(ctx.password, options.password) && userOk ? ctx.accept() : ctx.reject(offered);
  }
  if (ctx.method === 'keyboard-interactive' && passwordMethod === 'keyboard-interactive') {
    return ctx.prompt([{ prompt: 'Password: ', echo: false }], (answers) =>
      userOk && answers.length === 1 && sameSecret(answers[0] ?? '', options.password)
        ? ctx.accept()
        : ctx.reject(offered),
    );
  }
  if (ctx.method === 'publickey' && allowedKey && userOk) {
    const keyMatches = ctx.key.algo === allowedKey.type && ctx.key.data.equals(allowedKey.getPublicSSH());
    if (!keyMatches) return ctx.reject(offered);
    if (!ctx.signature || !ctx.blob) return ctx.accept(); // the client asks whether this key would do
    return allowedKey.verify(ctx.blob, ctx.signature, ctx.hashAlgo) === true ? ctx.accept() : ctx.reject(offered);
  }
  ctx.reject(offered);
}

export async function startSftpServer(options: SftpTestServerOptions): Promise<SftpTestServer> {
  const rootStat = await fs.stat(options.rootDir).catch(() => undefined);
  if (!rootStat?.isDirectory()) throw new Error(`sftp test server: root folder ${options.rootDir} does not exist`);
  const hostKey = options.hostKey ?? generateSshKey().privateKey;
  const hostKeySha256 = sshKeyFingerprint(parseKeyOrThrow(hostKey, 'host key').getPublicSSH());
  const allowedKey = options.authorizedKey ? parseKeyOrThrow(options.authorizedKey, 'authorized key') : undefined;
  let armed: SftpFault | undefined;
  let faultsFired = 0;
  let connectionCount = 0;
  const connections = new Set<Connection>();

  const server = new Server({ hostKeys: [hostKey] }, (client) => {
    connections.add(client);
    connectionCount++;
    const drop = () => {
      faultsFired++;
      destroyConnection(client);
    };
    const hooks: SessionHooks = {
      writeLimit(soFar, length) {
        if (armed?.kind !== 'drop-during-write' || soFar + length <= armed.afterBytes) return undefined;
        const limit = Math.max(0, armed.afterBytes - soFar);
        armed = undefined;
        return limit;
      },
      dropAt(point) {
        if (armed?.kind !== `drop-${point}`) return false;
        armed = undefined;
        return true;
      },
      drop,
    };
    client.on('error', () => undefined); // a cut or rude client must not crash the test process
    client.on('close', () => connections.delete(client));
    client.on('authentication', (ctx) => authenticate(ctx, options, allowedKey));
    client.on('ready', () => {
      client.on('session', (acceptSession) => {
        const session = acceptSession();
        session.on('sftp', (acceptSftp) => {
          const closeFiles = serveSftp(acceptSftp(), options.rootDir, hooks);
          client.once('close', closeFiles);
        });
      });
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('sftp test server: no TCP address');

  return {
    port: address.port,
    host: '127.0.0.1',
    hostKeySha256,
    injectFault(fault) {
      armed = fault;
    },
    disconnectAll() {
      for (const client of connections) destroyConnection(client);
    },
    get connectionCount() {
      return connectionCount;
    },
    get faultsFired() {
      return faultsFired;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        for (const client of connections) destroyConnection(client);
      }),
  };
}
