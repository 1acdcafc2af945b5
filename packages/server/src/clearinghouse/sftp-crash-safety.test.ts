/**
 * SECURITY.md D8: connections cut around the upload (mid-write, before the rename, after the rename
 * but before its answer) leave nothing half-written in view, and retries put byte-identical content
 * there exactly once.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runPayerDropBox } from './payer-drop-box.ts';
import { SftpAdapter } from './sftp-adapter.ts';
import { startSftpFixture, type SftpFixture } from './sftp-fixture.test-util.ts';
import { startSftpServer, type SftpFault } from './sftp-test-server.ts';

const claim = (n: number) =>
  `ISA*00*          *00*          *ZZ*SUBMITTER      *ZZ*RECEIVER       *261123*1830*^*00501*${String(n).padStart(9, '0')}*0*T*:~\n` +
  `ST*837*0001*005010X222A1~\nCLM*PAT${n}*125.00***11:B:1*Y*A*Y*Y~\nSE*3*0001~\nIEA*1*${String(n).padStart(9, '0')}~\n`;
const encode = (s: string) => new TextEncoder().encode(s);

describe('crash safety around the SFTP upload (D8)', () => {
  let f: SftpFixture;
  afterEach(async () => {
    await f.adapter.close();
    await f.cleanup();
  });

  async function cutOnce(fault: SftpFault, name: string, bytes: Uint8Array) {
    const once = new SftpAdapter({ ...f.config, reconnectAttempts: 0 });
    f.server.injectFault(fault);
    await expect(once.upload(name, bytes)).rejects.toThrow(
      new RegExp(`upload of ${name.replace('.', '\\.')} to /outbound/`),
    );
    await once.close();
    expect(f.server.faultsFired).toBe(1);
  }

  it('cut mid-write: only a .part exists, nothing complete is visible; the retry lands it once', async () => {
    f = await startSftpFixture();
    const bytes = encode(claim(1));
    await cutOnce({ kind: 'drop-during-write', afterBytes: 60 }, 'C1.837', bytes);
    const [part, ...rest] = await fs.readdir(f.outboundDir);
    expect([part, ...rest]).toEqual([expect.stringMatching(/^C1\.837\.worker1\.part$/)]);
    expect((await fs.stat(path.join(f.outboundDir, part!))).size).toBeLessThanOrEqual(60);
    const drop = await runPayerDropBox({
      rootDir: f.rootDir,
      outboundDir: '/outbound',
      inboundDir: '/inbound',
      respond: async () => [],
      pollMs: 0,
    });
    expect(await drop.pollOnce()).toEqual([]);

    expect((await f.adapter.upload('C1.837', bytes)).created).toBe(true);
    expect(await fs.readdir(f.outboundDir)).toEqual(['C1.837']);
    expect(await fs.readFile(path.join(f.outboundDir, 'C1.837'))).toEqual(Buffer.from(bytes));
    expect(await drop.pollOnce()).toEqual(['C1.837']);
    await drop.close();
  });

  it('cut after the .part is written, before the rename: the retry lands it once', async () => {
    f = await startSftpFixture();
    const bytes = encode(claim(2));
    await cutOnce({ kind: 'drop-before-rename' }, 'C2.837', bytes);
    expect(await fs.readdir(f.outboundDir)).toEqual([expect.stringMatching(/^C2\.837\.worker1\.part$/)]);
    expect((await f.adapter.upload('C2.837', bytes)).created).toBe(true);
    expect(await fs.readdir(f.outboundDir)).toEqual(['C2.837']);
    expect(await fs.readFile(path.join(f.outboundDir, 'C2.837'))).toEqual(Buffer.from(bytes));
  });

  it('cut after the rename, before its answer: the retry finds the file and adds no copy', async () => {
    f = await startSftpFixture();
    const bytes = encode(claim(3));
    await cutOnce({ kind: 'drop-after-rename' }, 'C3.837', bytes);
    expect(await fs.readdir(f.outboundDir)).toEqual(['C3.837']);
    expect((await f.adapter.upload('C3.837', bytes)).created).toBe(false);
    expect(await fs.readdir(f.outboundDir)).toEqual(['C3.837']);
  });

  it('50 uploads, each with its connection cut at a different point, all arrive once, byte-identical', async () => {
    f = await startSftpFixture();
    const faults: SftpFault[] = [
      { kind: 'drop-during-write', afterBytes: 0 },
      { kind: 'drop-during-write', afterBytes: 97 },
      { kind: 'drop-before-rename' },
      { kind: 'drop-after-rename' },
    ];
    // Five lanes (a server each, one shared root) so that each upload gets exactly its own fault
    // while the lanes run side by side.
    const servers = [f.server];
    for (let lane = 1; lane < 5; lane++) {
      servers.push(await startSftpServer({ rootDir: f.rootDir, username: 'office1', password: 'correct horse' }));
    }
    const names = Array.from({ length: 50 }, (_, i) => `D${String(i).padStart(4, '0')}.837`);
    try {
      await Promise.all(
        servers.map(async (server, lane) => {
          const adapter = new SftpAdapter({
            ...f.config,
            port: server.port,
            hostKeySha256: server.hostKeySha256,
            senderId: `lane${lane}`,
          });
          try {
            for (let i = lane; i < 50; i += servers.length) {
              server.injectFault(faults[i % faults.length]!);
              await adapter.upload(names[i]!, encode(claim(i))); // reconnects and retries by itself
            }
          } finally {
            await adapter.close();
          }
        }),
      );
    } finally {
      for (const server of servers.slice(1)) await server.close();
    }
    expect(servers.reduce((sum, s) => sum + s.faultsFired, 0)).toBe(50);
    expect(servers.reduce((sum, s) => sum + s.connectionCount, 0)).toBe(55); // 5 first + 50 reconnects
    expect((await fs.readdir(f.outboundDir)).sort()).toEqual(names);
    for (const [i, name] of names.entries()) {
      expect(await fs.readFile(path.join(f.outboundDir, name), 'utf8')).toBe(claim(i));
    }
    const answered: string[] = [];
    const drop = await runPayerDropBox({
      rootDir: f.rootDir,
      outboundDir: '/outbound',
      inboundDir: '/inbound',
      pollMs: 0,
      respond: async (name) => {
        answered.push(name);
        return [];
      },
    });
    await drop.pollOnce();
    await drop.pollOnce();
    expect(answered.sort()).toEqual(names);
    await drop.close();
  });

  it('a drop in the middle of 50 concurrent uploads: every one still lands once', async () => {
    f = await startSftpFixture();
    const names = Array.from({ length: 50 }, (_, i) => `M${String(i).padStart(4, '0')}.837`);
    let landed = 0;
    const uploads = names.map((n, i) =>
      f.adapter.upload(n, encode(claim(i))).then((r) => {
        if (++landed === 10) f.server.disconnectAll();
        return r;
      }),
    );
    await Promise.all(uploads);
    expect(f.server.connectionCount).toBe(2); // the cut one, then one reconnect
    expect((await fs.readdir(f.outboundDir)).sort()).toEqual(names);
    for (const [i, n] of names.entries()) expect(await fs.readFile(path.join(f.outboundDir, n), 'utf8')).toBe(claim(i));
  });

  it('50 concurrent and 50 sequential uploads all arrive exactly once', async () => {
    f = await startSftpFixture();
    const concurrent = Array.from({ length: 50 }, (_, i) => `P${String(i).padStart(4, '0')}.837`);
    const sequential = Array.from({ length: 50 }, (_, i) => `S${String(i).padStart(4, '0')}.837`);
    const results = await Promise.all(concurrent.map((n, i) => f.adapter.upload(n, encode(claim(i)))));
    for (const [i, n] of sequential.entries()) await f.adapter.upload(n, encode(claim(100 + i)));
    expect(results.every((r) => r.created)).toBe(true);
    expect((await fs.readdir(f.outboundDir)).sort()).toEqual([...concurrent, ...sequential].sort());
    for (const [i, n] of concurrent.entries())
      expect(await fs.readFile(path.join(f.outboundDir, n), 'utf8')).toBe(claim(i));
    for (const [i, n] of sequential.entries())
      expect(await fs.readFile(path.join(f.outboundDir, n), 'utf8')).toBe(claim(100 + i));
  });
});
