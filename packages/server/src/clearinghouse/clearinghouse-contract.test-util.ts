/**
 * The contract every ClearinghouseAdapter keeps (STYLE.md practice 11), run by
 * `folder-adapter.test.ts` and `sftp-adapter.test.ts` against their implementations.
 * The fixture exposes the clearinghouse's side as local folders, so the suite can check what the
 * other side sees and can drop files into the inbound folder as a clearinghouse would.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ClearinghouseAdapter } from './clearinghouse-adapter.ts';

export interface ContractFixture {
  adapter: ClearinghouseAdapter;
  /** Local paths of the three folders, as the clearinghouse sees them. */
  outboundDir: string;
  inboundDir: string;
  processedDir: string;
  /** A folder that holds all three; nothing may ever be written outside it. */
  rootDir: string;
  cleanup(): Promise<void>;
}

export const UNSAFE_NAMES = [
  '../x',
  '%2e%2e/x',
  '/etc/passwd',
  'a\u0000b',
  'x.837/../../y',
  '..',
  '.',
  '',
  'a\\b',
  '.hidden',
  'x.837.part',
];

const text837 = (n: number) =>
  `ISA*00*          *00*          *ZZ*SUBMITTER*ZZ*RECEIVER*~ST*837*${n}~SE*2*${n}~IEA*1*${n}~\n`;
const bytes = (s: string) => new TextEncoder().encode(s);

async function listNames(dir: string): Promise<string[]> {
  return (await fs.readdir(dir)).sort();
}

async function walk(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await fs.readdir(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    out.push(full);
    if (entry.isDirectory()) out.push(...(await walk(full)));
  }
  return out;
}

export function describeClearinghouseContract(label: string, setup: () => Promise<ContractFixture>): void {
  describe(`ClearinghouseAdapter contract: ${label}`, () => {
    let f: ContractFixture;
    beforeEach(async () => {
      f = await setup();
    });
    afterEach(async () => {
      await f.adapter.close();
      await f.cleanup();
    });

    it('uploads atomically: the complete file appears under its name, no .part is left', async () => {
      const result = await f.adapter.upload('CLM0001.837', bytes(text837(1)));
      expect(result.created).toBe(true);
      expect(result.sha256).toMatch(/^[0-9a-f]{64}$/);
      expect(await listNames(f.outboundDir)).toEqual(['CLM0001.837']);
      expect(await fs.readFile(path.join(f.outboundDir, 'CLM0001.837'), 'utf8')).toBe(text837(1));
    });

    it('treats a resend of identical bytes under the same name as harmless', async () => {
      await f.adapter.upload('CLM0002.837', bytes(text837(2)));
      const again = await f.adapter.upload('CLM0002.837', bytes(text837(2)));
      expect(again.created).toBe(false);
      expect(await listNames(f.outboundDir)).toEqual(['CLM0002.837']);
    });

    it('never replaces a sent file with different bytes', async () => {
      await f.adapter.upload('CLM0003.837', bytes(text837(3)));
      await expect(f.adapter.upload('CLM0003.837', bytes(text837(99)))).rejects.toThrow(
        /CLM0003\.837 already exists with different content/,
      );
      expect(await fs.readFile(path.join(f.outboundDir, 'CLM0003.837'), 'utf8')).toBe(text837(3));
      expect(await listNames(f.outboundDir)).toEqual(['CLM0003.837']);
    });

    it('refuses unsafe file names (A7) and writes nothing anywhere', async () => {
      const before = await walk(f.rootDir);
      for (const name of UNSAFE_NAMES) {
        await expect(f.adapter.upload(name, bytes('x')), JSON.stringify(name)).rejects.toThrow(
          /Unsafe clearinghouse file name/,
        );
        const file = { name, size: 1, modifiedAt: 0 };
        await expect(f.adapter.download(file)).rejects.toThrow(/Unsafe clearinghouse file name/);
        await expect(f.adapter.markProcessed(file)).rejects.toThrow(/Unsafe clearinghouse file name/);
      }
      expect(await walk(f.rootDir)).toEqual(before);
    });

    it('lists only complete inbound files (no .part, dot files or folders)', async () => {
      await fs.writeFile(path.join(f.inboundDir, 'R0001.999'), 'ack');
      await fs.writeFile(path.join(f.inboundDir, 'R0002.835'), 'remit');
      await fs.writeFile(path.join(f.inboundDir, 'R0003.835.part'), 'half');
      await fs.writeFile(path.join(f.inboundDir, '.lock'), '');
      await fs.mkdir(path.join(f.inboundDir, 'sub'));
      const listed = await f.adapter.listInbound();
      expect(listed.map((x) => x.name)).toEqual(['R0001.999', 'R0002.835']);
      expect(listed[1]!.size).toBe(5);
    });

    it('lists a large inbound folder completely (250 files)', async () => {
      const names = Array.from({ length: 250 }, (_, i) => `L${String(i).padStart(4, '0')}.835`);
      await Promise.all(names.map((n) => fs.writeFile(path.join(f.inboundDir, n), n)));
      expect((await f.adapter.listInbound()).map((x) => x.name)).toEqual(names);
    });

    it('does not follow a symlink planted in the inbound folder (A7)', async () => {
      const outside = await fs.mkdtemp(path.join(path.dirname(f.rootDir), 'medbill-ch-outside-'));
      try {
        await fs.writeFile(path.join(outside, 'secret.txt'), 'secret');
        await fs.symlink(path.join(outside, 'secret.txt'), path.join(f.inboundDir, 'LINK.835'));
        expect(await f.adapter.listInbound()).toEqual([]);
        await expect(f.adapter.download({ name: 'LINK.835', size: 6, modifiedAt: 0 })).rejects.toThrow(/LINK\.835/);
      } finally {
        await fs.rm(outside, { recursive: true, force: true });
      }
    });

    it('downloads byte-identical content, binary included', async () => {
      const content = new Uint8Array([0, 1, 2, 0xff, 0xfe, 0x7e, 0x0a, 0x80]);
      await fs.writeFile(path.join(f.inboundDir, 'R0004.835'), content);
      const [file] = await f.adapter.listInbound();
      expect(Buffer.from(await f.adapter.download(file!))).toEqual(Buffer.from(content));
    });

    it('moves a stored file to processed; doing it twice is harmless', async () => {
      await fs.writeFile(path.join(f.inboundDir, 'R0005.277'), '277CA');
      const [file] = await f.adapter.listInbound();
      await f.adapter.markProcessed(file!);
      await f.adapter.markProcessed(file!);
      expect(await f.adapter.listInbound()).toEqual([]);
      expect(await fs.readFile(path.join(f.processedDir, 'R0005.277'), 'utf8')).toBe('277CA');
    });

    it('keeps both when a file of the same name was processed before', async () => {
      await fs.writeFile(path.join(f.processedDir, 'R0006.999'), 'old');
      await fs.writeFile(path.join(f.inboundDir, 'R0006.999'), 'new');
      const [file] = await f.adapter.listInbound();
      await f.adapter.markProcessed(file!);
      const names = await listNames(f.processedDir);
      expect(names).toHaveLength(2);
      expect(await fs.readFile(path.join(f.processedDir, 'R0006.999'), 'utf8')).toBe('old');
      expect(await fs.readFile(path.join(f.processedDir, names[1]!), 'utf8')).toBe('new');
    });

    it('uploads 20 files concurrently, and 5 concurrent resends of one file, each exactly once', async () => {
      const names = Array.from({ length: 20 }, (_, i) => `B${String(i).padStart(4, '0')}.837`);
      await Promise.all(names.map((n, i) => f.adapter.upload(n, bytes(text837(i)))));
      const same = await Promise.all(Array.from({ length: 5 }, () => f.adapter.upload('SAME.837', bytes(text837(7)))));
      expect(same.filter((r) => r.created)).toHaveLength(1);
      expect(await listNames(f.outboundDir)).toEqual([...names, 'SAME.837'].sort());
      for (const [i, n] of names.entries()) {
        expect(await fs.readFile(path.join(f.outboundDir, n), 'utf8')).toBe(text837(i));
      }
    });
  });
}
