import { describe, expect, it } from 'vitest';
import { hasErrors, parseX12File } from './parse-file.ts';
import { prettyX12, segmentDepths } from './pretty.ts';
import { tokenize } from './syntax/tokenizer.ts';
import { isa } from './syntax/test-helpers.ts';
import type { Remittance835 } from './transactions/835/model.ts';
import { transactionReaders } from './transactions/registry.ts';
import { hasSamples, readSample, sampleFiles, samples } from './transactions/common/samples.test-util.ts';

const remit = `${
  isa() +
  [
    'GS*HP*S*R*20260101*1200*1*X*005010X221A1',
    'ST*835*0001',
    'BPR*I*80*C*CHK',
    'TRN*1*CHK1*1',
    'N1*PR*PAYER',
    'N3*1 ST',
    'N1*PE*CLINIC*XX*1',
    'LX*1',
    'CLP*A*1*100*80**12*X',
    'NM1*QC*1*DOE',
    'SVC*HC:99213*100*80',
    'CAS*CO*45*20',
    'PLB*1*20261231*WO*0',
    'SE*13*0001',
    'ST*123*0002',
    'ZZZ*1',
    'SE*3*0002',
    'GE*2*1',
    'IEA*1*000000905',
  ].join('~')
}~`;

describe('parseX12File', () => {
  it('dispatches each transaction to its registered reader and flags unknown ones', () => {
    const r = parseX12File(remit, { file: 'f.edi' });
    expect(r.transactions.map((t) => [t.st01, t.version, t.controlNumber, t.value === null])).toEqual([
      ['835', '005010X221A1', '0001', false],
      ['123', '005010X221A1', '0002', true],
    ]);
    expect((r.transactions[0].value as Remittance835).headers[0].claims[0].services[0].procedure.code).toBe('99213');
    expect(r.issues.map((i) => [i.code, i.severity, i.location.segmentIndex])).toEqual([
      ['TRANSACTION_UNSUPPORTED', 'warning', 16],
    ]);
    expect(hasErrors(r.issues)).toBe(false);
  });

  it('places reader issues that have no position at their ST, and survives a throwing reader', () => {
    const text = remit.replace('ST*123*0002', 'ST*901*0002');
    transactionReaders.set('901', () => ({
      value: 1,
      issues: [{ code: 'X', layer: 'guide', severity: 'error', message: 'm', location: { loop: '1000A' } }],
    }));
    try {
      const r = parseX12File(text, { file: 'f.edi' });
      expect(r.issues.find((i) => i.code === 'X')?.location).toMatchObject({
        file: 'f.edi',
        segmentId: 'ST',
        segmentIndex: 16,
        loop: '1000A',
      });
      transactionReaders.set('901', () => {
        throw new Error('boom');
      });
      expect(parseX12File(text).issues.map((i) => [i.code, i.location.segmentIndex])).toEqual([['READER_FAILED', 16]]);
    } finally {
      transactionReaders.delete('901');
    }
  });

  it('reads each interchange with its own component separator', () => {
    const second =
      isa('|', '^', '>', '!', '000000906') +
      remit
        .slice(106)
        .replace(/\*/g, '|')
        .replace(/~/g, '!')
        .replace('HC:99213', 'HC>99214')
        .replace('IEA|1|000000905', 'IEA|1|000000906');
    const r = parseX12File(`${remit}\n${second}`);
    const codes = r.transactions
      .filter((t) => t.st01 === '835')
      .map((t) => (t.value as Remittance835).headers[0].claims[0].services[0].procedure.code);
    expect(codes).toEqual(['99213', '99214']);
    expect(r.issues.filter((i) => i.severity === 'error')).toEqual([]);
  });

  it('reports a file that is not X12', () => {
    const r = parseX12File('hello', { file: 'x.txt' });
    expect(r.transactions).toEqual([]);
    expect(r.issues[0]).toMatchObject({ code: 'ISA_MISSING', location: { file: 'x.txt', line: 1, offset: 0 } });
  });
});

describe('prettyX12', () => {
  it('puts one segment on a line, indented by envelope and 835 loop, and reads back the same', () => {
    const out = prettyX12(remit);
    const lines = out.split('\n');
    expect(lines[0].startsWith('ISA*')).toBe(true);
    expect(lines).toContain('  GS*HP*S*R*20260101*1200*1*X*005010X221A1~');
    expect(lines).toContain('      LX*1~');
    expect(lines).toContain('        CLP*A*1*100*80**12*X~');
    expect(lines).toContain('          NM1*QC*1*DOE~');
    expect(lines).toContain('          SVC*HC:99213*100*80~');
    expect(lines).toContain('            CAS*CO*45*20~');
    expect(lines).toContain('      PLB*1*20261231*WO*0~');
    const strip = (t: string) => tokenize(t).segments.map(({ id, elements }) => ({ id, elements }));
    expect(strip(out)).toEqual(strip(remit));
  });

  it('indents the 837 HL hierarchy by parent', () => {
    const segs = [
      'ST*837*1',
      'BHT*0019',
      'HL*1**20*1',
      'NM1*85',
      'HL*2*1*22*1',
      'SBR*P',
      'HL*3*2*23*0',
      'PAT*19',
      'CLM*A*10',
      'LX*1',
      'SV1*HC:1',
      'HL*4*1*22*0',
      'SE*13*1',
    ].map((s) => ({ id: s.split('*')[0], elements: s.split('*').slice(1) }));
    expect(segmentDepths(segs)).toEqual([2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 8, 4, 2]);
  });
});

describe('parseX12File on the public samples', () => {
  // 12 oopfactory 271 files and 837i Spec_3.1.1 set ISA11 = ISA16 = '^' (earlier tests patched ISA16 before reading them)
  it.skipIf(!hasSamples)(
    samples.title(
      'returns the transactions of the 13 samples whose ISA11 equals ISA16, with a warning and no syntax error',
    ),
    () => {
      const files = [...sampleFiles('271').map((f) => ['271', f]), ['837i', 'oopfactory__Spec_3.1.1.txt']].filter(
        ([folder, f]) => {
          const text = readSample(folder!, f!);
          const at = text.indexOf('ISA');
          const isa = text.slice(at, at + 106).split(text[at + 3]!);
          return isa[11] === isa[16]![0];
        },
      );
      expect(files).toHaveLength(13);
      for (const [folder, f] of files) {
        const r = parseX12File(readSample(folder!, f!), { file: f });
        const conflict = r.issues.filter((i) => i.code === 'DELIMITER_CONFLICT');
        expect(
          conflict.map((i) => [i.severity, i.location.segmentId, i.location.element]),
          f,
        ).toEqual([['warning', 'ISA', 11]]);
        expect(r.delimiters?.repetition, f).toBe('');
        expect(r.transactions.length, f).toBeGreaterThan(0);
        expect(
          r.transactions.every((t) => t.value !== null && t.st01 === folder!.slice(0, 3)),
          f,
        ).toBe(true);
        const syntaxErrors = r.issues.filter(
          (i) => i.layer === 'syntax' && i.severity === 'error' && i.code !== 'SE_COUNT_MISMATCH',
        );
        expect(syntaxErrors, f).toEqual([]);
      }
    },
  );
});
