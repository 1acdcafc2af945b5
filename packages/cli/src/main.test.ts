/**
 * The command table: `medbill --help` lists every command from summaries without loading any, the summaries are the
 * commands' own descriptions, and a command that reads data without a data folder says the folder is missing.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { memoryIO } from './io.ts';
import { buildProgram, COMMANDS, commandNamed, run } from './main.ts';

describe('medbill command table', () => {
  it('lists each command with the description the command itself gives', async () => {
    const full = await buildProgram(memoryIO());
    const table = Object.assign({}, ...COMMANDS.map((c) => c.commands));
    expect(Object.fromEntries(full.commands.map((c) => [c.name(), c.description()]))).toEqual(table);
    const light = await buildProgram(memoryIO(), []);
    expect(light.commands.map((c) => c.name())).toEqual(full.commands.map((c) => c.name()));
  });

  it('finds the command a command line names', () => {
    expect(commandNamed(['node', 'medbill', '--json', 'codes', 'valid'])).toBe('codes');
    expect(commandNamed(['node', 'medbill', 'help', 'claims'])).toBe('claims');
    expect(commandNamed(['node', 'medbill', '--help'])).toBeUndefined();
  });

  it('--help lists every command', async () => {
    const io = memoryIO();
    await run(['node', 'medbill', '--help'], io);
    expect(io.exitCode).toBe(0);
    for (const name of Object.keys(Object.assign({}, ...COMMANDS.map((c) => c.commands))))
      expect(io.stdout).toContain(name);
  });
});

describe('without a data folder', () => {
  const missing = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'medbill-nofolder-')), 'not-here');
  const withEnv = async (args: string[]) => {
    const saved = { ...process.env };
    process.env.MEDBILL_DATA = missing;
    delete process.env.DATABASE_URL;
    delete process.env.MEDBILL_AUDIT_KEY;
    try {
      const io = memoryIO();
      await run(['node', 'medbill', ...args], io);
      return io;
    } finally {
      process.env = saved;
    }
  };

  it('a command that reads data says the folder is missing, and creates nothing', async () => {
    for (const args of [
      ['claims', 'status'],
      ['audit', 'verify'],
      ['codes', 'releases'],
    ]) {
      const io = await withEnv(args);
      expect(io.exitCode, args.join(' ')).toBe(1);
      expect(io.stderr).toContain(`No data folder at ${missing} (MEDBILL_DATA)`);
      expect(io.stderr).not.toMatch(/audit key/i);
    }
    expect(fs.existsSync(missing)).toBe(false);
  });
});
