import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Command } from 'commander';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { read999 } from '@medbill/x12/acks';
import { memoryIO } from '../io.ts';
import { registerX12ValidateCommand } from './x12-validate.ts';

const ISA =
  'ISA*00*          *00*          *ZZ*SUBMITTER      *ZZ*RECEIVER       *260101*1200*^*00501*000000007*1*T*:~\n';
const TX = [
  'ST*835*0001*005010X221A1',
  'BPR*I*10*C*ACH*CCP*01*999999999*DA*123456*1512345678**01*999988880*DA*98765*20260105',
  'TRN*1*12345*1512345678',
  'N1*PR*PAYER',
  'N3*1 MAIN ST',
  'N4*CITY*NY*10001',
  'PER*BL*TECH*TE*5555555555',
  'N1*PE*PROVIDER*XX*1234567893',
  'LX*1',
  'CLP*A1*1*100*80**MC*CLAIM1',
  'NM1*QC*1*DOE*JOHN',
  'SE*12*0001',
];
const file = (tx: string[]) =>
  `${ISA + ['GS*HP*SENDER*RECEIVER*20260101*1200*7*X*005010X221A1', ...tx, 'GE*1*7', 'IEA*1*000000007'].join('~\n')}~\n`;

let dir = '';
const p = (name: string) => path.join(dir, name);
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'medbill-x12-validate-'));
  fs.writeFileSync(p('good.835'), file(TX));
  fs.writeFileSync(
    p('bad.835'),
    file(
      TX.map((s) =>
        s.startsWith('CLP')
          ? 'CLP*A1*Q*100*80**MC*CLAIM1'
          : s.startsWith('BPR')
            ? s.replace('20260105', '20261305')
            : s,
      ),
    ),
  );
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

async function run(args: string[]) {
  const io = memoryIO();
  const program = new Command('medbill').exitOverride();
  registerX12ValidateCommand(program, io);
  await program.parseAsync(['node', 'medbill', 'x12', 'validate', ...args]);
  return io;
}

describe('medbill x12 validate', () => {
  it('exits 0 on a valid file', async () => {
    const io = await run([p('good.835')]);
    expect(io.exitCode).toBe(0);
    expect(io.stdout).toContain('1 transaction(s), 0 error(s), 0 warning(s)');
  });

  it('prints positioned issues FILE:LINE seg N SEGID elem E and exits 1', async () => {
    const io = await run([p('bad.835')]);
    expect(io.exitCode).toBe(1);
    const bad = p('bad.835');
    expect(io.stdout).toContain(
      `${bad}:4 seg 4 BPR elem 16: BPR16 (Check Issue or EFT Effective Date) is not a valid date (expected CCYYMMDD, found "20261305")`,
    );
    expect(io.stdout).toContain(
      `${bad}:12 seg 12 CLP elem 2: CLP02 (Claim Status Code) has an invalid code 'Q' (expected one of`,
    );
    expect(io.stdout).toContain('2 error(s)');
  });

  it('prints JSON with --json', async () => {
    const io = await run([p('bad.835'), '--json']);
    const out = JSON.parse(io.stdout);
    expect(out).toMatchObject({
      errors: 2,
      warnings: 0,
      transactions: [{ st01: '835', st02: '0001', guide: '835', issues: 2 }],
    });
    expect(out.issues[0].location).toMatchObject({ segmentIndex: 4, segmentId: 'BPR', element: 16 });
  });

  it('writes a 999 with --ack', async () => {
    const io = await run([p('bad.835'), '--ack', p('out.999'), '--ack-control', '12']);
    expect(io.exitCode).toBe(1);
    const ack = read999(fs.readFileSync(p('out.999'), 'utf8'));
    expect(ack.acks[0].group).toMatchObject({
      functionalId: 'HP',
      groupControlNumber: '7',
      status: 'R',
      received: 1,
      accepted: 0,
    });
    expect(ack.acks[0].group.transactions[0].segmentErrors.map((s) => s.segmentId)).toEqual(['BPR', 'CLP']);
    expect(io.stderr).toContain('999 written');
  });

  it('exits 1 with a message when the file cannot be read', async () => {
    const io = await run([p('missing.835')]);
    expect(io.exitCode).toBe(1);
    expect(io.stderr).toContain('cannot read');
  });
});
