import { describe, expect, it, beforeAll } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Command } from 'commander';
import { memoryIO } from '../io.ts';
import { registerX12Commands, x12CommandGroup } from './x12.ts';

const ISA =
  'ISA*00*          *00*          *ZZ*SENDER         *ZZ*RECEIVER       *260101*1200*^*00501*000000905*0*T*:~';
const GOOD = `${
  ISA +
  [
    'GS*HP*S*R*20260101*1200*1*X*005010X221A1',
    'ST*835*0001',
    'BPR*I*80*C*CHK',
    'TRN*1*CHK1*1',
    'N1*PR*ACME PLAN',
    'N1*PE*CLINIC*XX*1',
    'LX*1',
    'CLP*A*1*100*80**12*X',
    'SVC*HC:99213*100*80',
    'CAS*CO*45*20',
    'SE*10*0001',
    'GE*1*1',
    'IEA*1*000000905',
  ].join('~')
}~`;

let dir = '';
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'medbill-x12-cli-'));
  fs.writeFileSync(path.join(dir, 'good.835'), GOOD);
  fs.writeFileSync(
    path.join(dir, 'bad.835'),
    GOOD.replace('SE*10*0001', 'SE*9*0001').replace('CAS*CO*45*20', 'CAS*CO*45*20.001'),
  );
});

async function run(args: string[]) {
  const io = memoryIO();
  const program = new Command('medbill').exitOverride();
  registerX12Commands(program, io);
  await program.parseAsync(['node', 'medbill', ...args]);
  return io;
}

describe('medbill x12', () => {
  it('parse prints a summary of each transaction', async () => {
    const io = await run(['x12', 'parse', path.join(dir, 'good.835')]);
    expect(io.exitCode).toBe(0);
    expect(io.stdout).toBe(
      '835 0001 (005010X221A1): payer ACME PLAN → payee CLINIC, 1 claims, payment 80.00 (CHK CHK1)\n',
    );
    expect(io.stderr).toBe('');
  });

  it('parse --json prints the typed transaction', async () => {
    const io = await run(['x12', 'parse', '--json', path.join(dir, 'good.835')]);
    const out = JSON.parse(io.stdout);
    expect(out.transactions[0].value.headers[0].claims[0]).toMatchObject({
      patientControlNumber: 'A',
      charge: 10000,
      paid: 8000,
    });
    expect(out.issues).toEqual([]);
  });

  it('parse exits 1 with positioned errors on bad input', async () => {
    const file = path.join(dir, 'bad.835');
    const io = await run(['x12', 'parse', file]);
    expect(io.exitCode).toBe(1);
    const lines = io.stderr.trim().split('\n');
    expect(lines.map((l) => l.split(' ')[1])).toEqual([
      'SE_COUNT_MISMATCH',
      'AMOUNT_INVALID',
      'SERVICE_LINE_OUT_OF_BALANCE',
      'CLAIM_OUT_OF_BALANCE',
    ]);
    expect(lines[0]).toBe(
      `error SE_COUNT_MISMATCH ${file}:1 (segment 12 SE, element 1): SE01 says "9" but there are 10 segments from ST to SE`,
    );
    expect(lines[1]).toContain('AMOUNT_INVALID');
    expect(lines[1]).toContain('(segment 11 CAS, element 3, loop 2110)');
    const missing = await run(['x12', 'parse', path.join(dir, 'nope.835')]);
    expect(missing.exitCode).toBe(1);
    expect(missing.stderr).toContain('ENOENT');
  });

  it('pretty prints one indented segment a line', async () => {
    const io = await run(['x12', 'pretty', path.join(dir, 'good.835')]);
    expect(io.exitCode).toBe(0);
    const lines = io.stdout.split('\n');
    expect(lines[1]).toBe('  GS*HP*S*R*20260101*1200*1*X*005010X221A1~');
    expect(lines).toContain('        CLP*A*1*100*80**12*X~');
  });

  it('shares one x12 group with other commands', () => {
    const program = new Command('medbill');
    const a = x12CommandGroup(program);
    registerX12Commands(program, memoryIO());
    expect(x12CommandGroup(program)).toBe(a);
    expect(a.commands.map((c) => c.name())).toEqual(['parse', 'pretty']);
  });
});
