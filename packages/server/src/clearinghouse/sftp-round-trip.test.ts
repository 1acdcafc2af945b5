/**
 * End to end over real SFTP on loopback: our adapter uploads an 837, the payer drop box answers on
 * the server's side, the inbound poller picks the answers up and moves them to processed.
 */
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, onTestFinished, vi } from 'vitest';
import { pollInboundOnce, startInboundPolling } from './inbound-poller.ts';
import { runPayerDropBox, type DropBoxResponse } from './payer-drop-box.ts';
import { startPayerSftpSite } from './payer-sftp-site.ts';
import { SftpAdapter } from './sftp-adapter.ts';
import { startSftpFixture, type SftpFixture } from './sftp-fixture.test-util.ts';

const claim837 =
  'ISA*00*          *00*          *ZZ*SUBMITTER      *ZZ*RECEIVER       *261123*1830*^*00501*000000101*0*T*:~\n' +
  'GS*HC*SUBMITTER*RECEIVER*20261123*1830*101*X*005010X222A1~\nST*837*0001*005010X222A1~\nCLM*PAT1001*125.00***11:B:1*Y*A*Y*Y~\n' +
  'SE*3*0001~\nGE*1*101~\nIEA*1*000000101~\n';

/** A stand-in for the payer simulator: a 999 and an 835 per file, named after it. */
async function respond(fileName: string, text: string): Promise<DropBoxResponse[]> {
  const base = fileName.replace(/\.837$/, '');
  const control = /ISA\*(?:[^*]*\*){12}(\d{9})/.exec(text)?.[1] ?? 'unknown';
  return [
    { name: `${base}.999`, text: `999 accepting ISA13 ${control}\n\u00e9\u2713 bytes\n` },
    { name: `${base}.835`, text: `835 paying ${fileName} (${text.length} chars)\n` },
  ];
}

describe('SFTP round trip with the payer drop box', () => {
  let f: SftpFixture;
  beforeEach(async () => {
    f = await startSftpFixture();
  });
  afterEach(async () => {
    await f.adapter.close();
    await f.cleanup();
  });

  it('uploads an 837, the drop box answers with two files, polling stores and moves them', async () => {
    const drop = await runPayerDropBox({
      rootDir: f.rootDir,
      outboundDir: '/outbound',
      inboundDir: '/inbound',
      respond,
      pollMs: 0,
    });
    await f.adapter.upload('PAT1001.837', new TextEncoder().encode(claim837));
    expect(await drop.pollOnce()).toEqual(['PAT1001.837']);
    expect(await drop.pollOnce()).toEqual([]);

    const stored = new Map<string, Buffer>();
    const result = await pollInboundOnce(
      f.adapter,
      async (file, bytes) => void stored.set(file.name, Buffer.from(bytes)),
    );
    expect(result).toEqual({ stored: ['PAT1001.835', 'PAT1001.999'], failed: [] });
    const expected = await respond('PAT1001.837', claim837);
    for (const answer of expected) {
      expect(stored.get(answer.name)).toEqual(Buffer.from(answer.text, 'utf8'));
      expect(await fs.readFile(path.join(f.processedDir, answer.name))).toEqual(Buffer.from(answer.text, 'utf8'));
    }
    expect(await fs.readdir(f.inboundDir)).toEqual([]);
    await drop.close();
  });

  it('remembers what it answered across a restart', async () => {
    const calls: string[] = [];
    const counting = (name: string, text: string) => {
      calls.push(name);
      return respond(name, text);
    };
    const options = {
      rootDir: f.rootDir,
      outboundDir: '/outbound',
      inboundDir: '/inbound',
      respond: counting,
      pollMs: 0,
    };
    const first = await runPayerDropBox(options);
    await f.adapter.upload('PAT1001.837', new TextEncoder().encode(claim837));
    await first.pollOnce();
    await first.close();
    const second = await runPayerDropBox(options);
    await f.adapter.upload('PAT1002.837', new TextEncoder().encode(claim837.replace('PAT1001', 'PAT1002')));
    expect(await second.pollOnce()).toEqual(['PAT1002.837']);
    expect(calls).toEqual(['PAT1001.837', 'PAT1002.837']);
    expect([...second.answered().keys()].sort()).toEqual(['PAT1001.837', 'PAT1002.837']);
    await second.close();
  });

  it('retries a file whose answer failed, and refuses unsafe answer names', async () => {
    const errors: string[] = [];
    let calls = 0;
    const flaky = async (name: string, text: string) => {
      calls++;
      if (calls === 1) throw new Error('simulator busy');
      if (calls === 2) return [{ name: '../escape.999', text: 'x' }];
      return respond(name, text);
    };
    const drop = await runPayerDropBox({
      rootDir: f.rootDir,
      outboundDir: '/outbound',
      inboundDir: '/inbound',
      respond: flaky,
      pollMs: 0,
      onError: (err) => errors.push(err.message),
    });
    await f.adapter.upload('PAT1004.837', new TextEncoder().encode(claim837));
    expect(await drop.pollOnce()).toEqual([]);
    expect(await drop.pollOnce()).toEqual([]);
    expect(errors).toEqual([
      expect.stringMatching(/answering .*outbound\/PAT1004\.837 failed: simulator busy/),
      expect.stringMatching(/Unsafe clearinghouse file name "\.\.\/escape\.999"/),
    ]);
    expect(await fs.readdir(f.rootDir)).not.toContain('escape.999');
    expect(await drop.pollOnce()).toEqual(['PAT1004.837']);
    expect((await fs.readdir(f.inboundDir)).sort()).toEqual(['PAT1004.835', 'PAT1004.999']);
    await drop.close();
  });

  it('never answers a .part file', async () => {
    const drop = await runPayerDropBox({
      rootDir: f.rootDir,
      outboundDir: '/outbound',
      inboundDir: '/inbound',
      respond,
      pollMs: 0,
    });
    await fs.writeFile(path.join(f.outboundDir, 'HALF.837.part'), claim837.slice(0, 40));
    expect(await drop.pollOnce()).toEqual([]);
    await drop.close();
  });

  it('runs on timers: a payer SFTP site and the inbound poller find the files by themselves', async () => {
    const rootDir = await fs.mkdtemp(path.join(os.tmpdir(), 'medbill-ch-site-'));
    onTestFinished(() => fs.rm(rootDir, { recursive: true, force: true }));
    const site = await startPayerSftpSite({ rootDir, username: 'demo', password: 'demo-pass', respond, pollMs: 20 });
    const adapter = new SftpAdapter(site.clientConfig);
    const stored: string[] = [];
    const polling = startInboundPolling({
      adapter,
      store: async (file) => void stored.push(file.name),
      intervalMs: 20,
    });
    try {
      await adapter.upload('PAT1003.837', new TextEncoder().encode(claim837));
      // stored first, moved to processed after: wait for the move
      const processed = () => fs.readdir(path.join(rootDir, 'processed')).then((n) => n.sort());
      await vi.waitFor(async () => expect(await processed()).toEqual(['PAT1003.835', 'PAT1003.999']), {
        timeout: 5000,
        interval: 20,
      });
      expect(stored.sort()).toEqual(['PAT1003.835', 'PAT1003.999']);
    } finally {
      await polling.stop();
      await adapter.close();
      await site.close();
    }
  });

  it('leaves a file in inbound when storing it fails, and moves it once storing works', async () => {
    await fs.writeFile(path.join(f.inboundDir, 'R1.835'), 'remit');
    const failing = await pollInboundOnce(f.adapter, async () => {
      throw new Error('database down');
    });
    expect(failing.failed.map((x) => [x.name, x.error.message])).toEqual([['R1.835', 'database down']]);
    expect(await fs.readdir(f.inboundDir)).toEqual(['R1.835']);
    expect((await pollInboundOnce(f.adapter, async () => undefined)).stored).toEqual(['R1.835']);
    expect(await fs.readdir(f.processedDir)).toEqual(['R1.835']);
  });
});
