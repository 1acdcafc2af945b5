/**
 * Who may talk to whom: host key pinning, refused logins, key logins, reconnects, clear errors,
 * and the test server's confinement to its root (no `..`, no symlink escape).
 */
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import ssh2 from 'ssh2';
import SftpClient from 'ssh2-sftp-client';
import { afterEach, describe, expect, it } from 'vitest';
import { SftpAdapter } from './sftp-adapter.ts';
import { HostKeyMismatchError, normalizeFingerprint, SftpLoginError, sshKeyFingerprint } from './sftp-connection.ts';
import { startSftpFixture, type SftpFixture } from './sftp-fixture.test-util.ts';
import { generateSshKey, startSftpServer } from './sftp-test-server.ts';

const { utils } = ssh2;

function otherFingerprint(): string {
  const key = utils.parseKey(generateSshKey().publicKey);
  if (key instanceof Error || Array.isArray(key)) throw new Error('key');
  return sshKeyFingerprint(key.getPublicSSH());
}

describe('SFTP adapter: authentication and connection handling', () => {
  let f: SftpFixture;
  afterEach(async () => {
    await f.adapter.close();
    await f.cleanup();
  });

  it('refuses a server whose host key does not match, before sending anything', async () => {
    f = await startSftpFixture();
    const pinned = otherFingerprint();
    const adapter = new SftpAdapter({ ...f.config, hostKeySha256: pinned });
    const error = await adapter.upload('CLM1.837', new Uint8Array([1, 2, 3])).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HostKeyMismatchError);
    expect((error as Error).message).toContain(`sftp office1@127.0.0.1:${f.server.port}: host key mismatch`);
    expect((error as Error).message).toContain(f.server.hostKeySha256);
    expect((error as Error).message).toContain(pinned);
    await expect(adapter.listInbound()).rejects.toBeInstanceOf(HostKeyMismatchError);
    expect(await fs.readdir(f.outboundDir)).toEqual([]);
    await adapter.close();
  });

  it('accepts the pinned fingerprint in hex or padded base64 too', async () => {
    f = await startSftpFixture();
    const base64 = f.server.hostKeySha256.slice('SHA256:'.length);
    const hex = Buffer.from(base64, 'base64').toString('hex');
    expect(normalizeFingerprint(hex)).toBe(f.server.hostKeySha256);
    expect(normalizeFingerprint(`${base64}=`)).toBe(f.server.hostKeySha256);
    const adapter = new SftpAdapter({ ...f.config, hostKeySha256: hex });
    expect(await adapter.listInbound()).toEqual([]);
    await adapter.close();
  });

  it('reports a wrong password or user as a refused login naming user and host', async () => {
    f = await startSftpFixture();
    for (const wrong of [{ password: 'wrong' }, { username: 'nobody' }]) {
      const adapter = new SftpAdapter({ ...f.config, ...wrong });
      const error = await adapter.listInbound().catch((e: unknown) => e);
      expect(error).toBeInstanceOf(SftpLoginError);
      expect((error as Error).message).toMatch(
        new RegExp(
          `^sftp \\w+@127\\.0\\.0\\.1:${f.server.port}: login refused for user "\\w+" \\(.*authentication.*\\); check`,
        ),
      );
      await adapter.close();
    }
  });

  it('logs in with a private key when the server knows the public key', async () => {
    f = await startSftpFixture();
    const clientKey = generateSshKey();
    const server = await startSftpServer({
      rootDir: f.rootDir,
      username: 'office1',
      password: `unused-${Math.random()}`,
      authorizedKey: clientKey.publicKey,
    });
    const adapter = new SftpAdapter({
      ...f.config,
      port: server.port,
      hostKeySha256: server.hostKeySha256,
      password: undefined,
      privateKey: clientKey.privateKey,
    });
    expect((await adapter.upload('KEY1.837', new Uint8Array([65]))).created).toBe(true);
    await adapter.close();
    await server.close();
  });

  it('answers a keyboard-interactive password prompt, and is refused with a wrong password there too', async () => {
    f = await startSftpFixture();
    const server = await startSftpServer({
      rootDir: f.rootDir,
      username: 'office1',
      password: 'kbd-pass',
      passwordMethod: 'keyboard-interactive',
    });
    const at = { ...f.config, port: server.port, hostKeySha256: server.hostKeySha256 };
    const good = new SftpAdapter({ ...at, password: 'kbd-pass' });
    expect((await good.upload('KBD1.837', new Uint8Array([66]))).created).toBe(true);
    const bad = new SftpAdapter({ ...at, password: 'nope' });
    await expect(bad.listInbound()).rejects.toBeInstanceOf(SftpLoginError);
    await good.close();
    await bad.close();
    await server.close();
  });

  it('reconnects by itself after the server cut an idle connection', async () => {
    f = await startSftpFixture();
    await f.adapter.upload('R1.837', new Uint8Array([1]));
    f.server.disconnectAll();
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect((await f.adapter.upload('R2.837', new Uint8Array([2]))).created).toBe(true);
    expect((await fs.readdir(f.outboundDir)).sort()).toEqual(['R1.837', 'R2.837']);
  });

  it('names host, folder and file when an operation fails', async () => {
    f = await startSftpFixture();
    await expect(f.adapter.download({ name: 'NOPE.835', size: 0, modifiedAt: 0 })).rejects.toThrow(
      new RegExp(`^sftp office1@127\\.0\\.0\\.1:${f.server.port}: download of /inbound/NOPE\\.835 failed: `),
    );
    const adapter = new SftpAdapter({ ...f.config, inboundDir: '/missing' });
    await expect(adapter.listInbound()).rejects.toThrow(/: listing of inbound folder \/missing failed: /);
    await adapter.close();
  });
});

describe('SFTP test server: confinement to its root', () => {
  let f: SftpFixture;
  afterEach(async () => {
    await f.adapter.close();
    await f.cleanup();
  });

  async function rawClient(): Promise<SftpClient> {
    const quiet = () => undefined;
    const client = new SftpClient('raw', { error: quiet, end: quiet, close: quiet });
    await client.connect({ host: '127.0.0.1', port: f.server.port, username: 'office1', password: 'correct horse' });
    return client;
  }

  it('keeps `..` inside the root and refuses symlinks that lead out', async () => {
    f = await startSftpFixture();
    const outside = await fs.mkdtemp(path.join(os.tmpdir(), 'medbill-ch-outside-'));
    await fs.writeFile(path.join(outside, 'secret.txt'), 'secret');
    await fs.symlink(outside, path.join(f.rootDir, 'inbound', 'link-dir'));
    await fs.symlink(path.join(outside, 'secret.txt'), path.join(f.rootDir, 'inbound', 'link-file'));
    const client = await rawClient();
    try {
      await expect(client.get('/../../../../etc/hostname')).rejects.toThrow(/ENOENT|No such file/i);
      await client.put(Buffer.from('x'), '/../../escape.txt');
      expect(await fs.readFile(path.join(f.rootDir, 'escape.txt'), 'utf8')).toBe('x');
      await expect(fs.stat(path.join(path.dirname(f.rootDir), 'escape.txt'))).rejects.toThrow();
      await expect(client.get('/inbound/link-file')).rejects.toThrow(/outside the root|denied/i);
      await expect(client.get('/inbound/link-dir/secret.txt')).rejects.toThrow(/outside the root|denied/i);
      await expect(client.list('/inbound/link-dir')).rejects.toThrow(/outside the root|denied/i);
      await expect(client.put(Buffer.from('y'), '/inbound/link-dir/planted.txt')).rejects.toThrow(
        /outside the root|denied/i,
      );
      await fs.symlink(path.join(outside, 'dangling.txt'), path.join(f.rootDir, 'inbound', 'dangling'));
      await expect(client.put(Buffer.from('z'), '/inbound/dangling')).rejects.toThrow(/ELOOP|denied/i);
      expect(await fs.readdir(outside)).toEqual(['secret.txt']);
      // and the adapter never lists a symlink as an inbound file
      expect(await f.adapter.listInbound()).toEqual([]);
    } finally {
      await client.end();
      await fs.rm(outside, { recursive: true, force: true });
    }
  });
});
