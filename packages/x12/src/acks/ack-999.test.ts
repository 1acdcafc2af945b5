import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { testData } from '../../../../test-data.ts';
import { validateFile } from '../guides/validate.ts';
import { transactionReaders } from '../transactions/registry.ts';
import { tokenize } from '../syntax/tokenizer.ts';
import { groupAcks } from './ack-from-validation.ts';
import { build999, write999 } from './build-999.ts';
import { read999 } from './read-999.ts';
import type { GroupAck } from './ack-types.ts';

const sampleData = testData('x12-samples');
const samples = sampleData.path;
const haveData = sampleData.present;
const read = (rel: string) => readFileSync(path.join(samples, rel), 'utf8');
const ENV = { controlNumber: '42', date: '20260102', time: '0930' } as const;

/** Everything a 999 says, as lines, for readable assertions. */
const lines = (x12: string) => tokenize(x12).segments.map((s) => [s.id, ...s.elements].join('*'));

const CLEAN = [
  'ISA*00*          *00*          *ZZ*SUBMITTER      *ZZ*RECEIVER       *260101*1200*^*00501*000000007*1*T*:~',
  'GS*HP*SENDER*RECEIVER*20260101*1200*7*X*005010X221A1~',
  'ST*835*0001*005010X221A1~BPR*I*10*C*ACH*CCP*01*999999999*DA*123456*1512345678**01*999988880*DA*98765*20260105~',
  'TRN*1*12345*1512345678~N1*PR*PAYER~N3*1 MAIN ST~N4*CITY*NY*10001~PER*BL*TECH*TE*5555555555~N1*PE*PROVIDER*XX*1234567893~',
  'LX*1~CLP*A1*1*100*80**MC*CLAIM1~NM1*QC*1*DOE*JOHN~SE*12*0001~',
];
const cleanFile = (extraTx = '') => [...CLEAN, extraTx, `GE*${extraTx ? 2 : 1}*7~IEA*1*000000007~`].join('');
const BAD_TX =
  'ST*835*0002*005010X221A1~BPR*I*10*C*ACH*CCP*01*999999999*DA*123456*1512345678**01*999988880*DA*98765*20261305~TRN*1*12345*1512345678~N1*PR*PAYER~N3*1 MAIN ST~N4*CITY*NY*10001~PER*BL*TECH*TE*5555555555~N1*PE*PROVIDER*XX*1234567893~LX*1~CLP*A1*Q*100*80**MC*CLAIM1~ZZZ*1~NM1*QC*1*DOE*JOHN~SE*13*0002~';

describe('999 from a validation result', () => {
  it('accepts a clean file: IK5*A and AK9*A', () => {
    const ack = build999(validateFile(cleanFile()), ENV)!;
    expect(lines(ack).slice(2, -2)).toEqual([
      'ST*999*0001*005010X231A1',
      'AK1*HP*7*005010X221A1',
      'AK2*835*0001*005010X221A1',
      'IK5*A',
      'AK9*A*1*1*1',
      'SE*6*0001',
    ]);
    expect(lines(ack)[0]).toContain('*ZZ*RECEIVER       *ZZ*SUBMITTER      *260102*0930*');
  });

  it('rejects a bad transaction with IK3/IK4 codes and partially accepts the group', () => {
    const result = validateFile(cleanFile(BAD_TX));
    const ack = lines(build999(result, ENV)!);
    expect(ack).toContain('IK3*BPR*2**8');
    expect(ack).toContain('IK4*16*373*8*20261305'); // invalid date
    expect(ack).toContain('IK3*CLP*10*2100*8');
    expect(ack).toContain('IK4*2*1029*7*Q'); // invalid code value
    expect(ack).toContain('IK3*ZZZ*11*2100*1'); // unrecognized segment
    expect(ack).toContain('IK5*R*5');
    expect(ack).toContain('AK9*P*2*2*1');
  });

  it('accepts with errors when only warnings remain (IK5*E, AK9*E)', () => {
    const severity = {
      INVALID_DATE: 'warning',
      INVALID_CODE_VALUE: 'warning',
      UNRECOGNIZED_SEGMENT: 'warning',
    } as const;
    const ack = lines(build999(validateFile(cleanFile(BAD_TX), { severity }), ENV)!);
    expect(ack).toContain('IK5*E*I5');
    expect(ack).toContain('AK9*E*2*2*2');
  });

  it('reports envelope errors: IK502 4 for an SE count, AK905 5 for a GE count', () => {
    const text = cleanFile().replace('SE*12*0001', 'SE*99*0001').replace('GE*1*7', 'GE*3*7');
    const ack = lines(build999(validateFile(text), ENV)!);
    expect(ack).toContain('IK5*R*4');
    expect(ack).toContain('AK9*R*3*1*0*5');
  });

  it('round-trips: build → read gives back the same acknowledgments', () => {
    const result = validateFile(cleanFile(BAD_TX));
    const built = groupAcks(result);
    const back = read999(build999(result, ENV)!);
    expect(back.issues).toEqual([]);
    expect(back.acks.map((a) => a.group)).toEqual(built);
  });

  it('round-trips every IK4 field, including components and repetitions', () => {
    const g: GroupAck = {
      functionalId: 'HC',
      groupControlNumber: '17',
      version: '005010X222A1',
      status: 'R',
      included: 1,
      received: 1,
      accepted: 0,
      errorCodes: ['5'],
      transactions: [
        {
          st01: '837',
          controlNumber: '0001',
          status: 'R',
          errorCodes: ['5'],
          segmentErrors: [
            {
              segmentId: 'CLM',
              position: 22,
              loop: '2300',
              code: '8',
              elements: [{ position: 5, component: 2, repetition: 1, reference: '1332', code: '7', badData: 'X' }],
            },
            { segmentId: 'NM1', position: 9, code: '3', elements: [] },
          ],
        },
      ],
    };
    expect(read999(write999([g], ENV)).acks[0].group).toEqual(g);
  });

  it('writes a 999 that itself passes the 999 guide', () => {
    const ack = build999(validateFile(cleanFile(BAD_TX)), ENV)!;
    const check = validateFile(ack);
    expect(check.transactions.map((t) => t.guide)).toEqual(['999']);
    expect(check.issues).toEqual([]);
  });

  it('registers read999 as the 999 transaction reader', () => {
    const ack = build999(validateFile(cleanFile()), ENV)!;
    const segs = tokenize(ack).segments;
    const tx = segs.slice(
      segs.findIndex((s) => s.id === 'ST'),
      segs.findIndex((s) => s.id === 'SE') + 1,
    );
    expect(transactionReaders.get('999')?.(tx, {}).value).toMatchObject({ status: 'A', accepted: 1 });
  });
});

describe.skipIf(!haveData)(sampleData.title('999 samples'), () => {
  it('reads a rejected 999', () => {
    const { acks } = read999(read('999/imsweb__x12_999_rejected.txt'));
    expect(acks).toHaveLength(1);
    expect(acks[0].group).toMatchObject({ functionalId: 'HC', status: 'R', included: 1, received: 1, accepted: 0 });
    expect(acks[0].group.transactions[0]).toMatchObject({
      status: 'R',
      errorCodes: ['5'],
      segmentErrors: [{ segmentId: 'NM', position: 17, code: '1' }],
    });
  });

  it('reads the four-transaction pyx12 999', () => {
    expect(read999(read('999/pyx12__834_lui_id_5010.999.txt')).acks).toHaveLength(4);
  });

  it('every 999 built for the invalid fixtures rejects them and passes the 999 guide itself', () => {
    for (const f of [
      'badx12__unknown_segment_error.edi',
      'imsweb__x12_bad_segment_identifier.txt',
      'imsweb__x12_missing_elements.txt',
      'oopfactory__FromBogeyone.txt',
      'oopfactory__MissingEntityCode.txt',
      'nodex12__271.edi',
    ]) {
      const ack = build999(validateFile(read(`invalid/${f}`)), ENV)!;
      expect(read999(ack).acks[0].group.status, f).toBe('R');
      expect(validateFile(ack).issues, f).toEqual([]);
    }
  });

  it('builds a rejecting 999 for each invalid 837P fixture, with the right IK304', () => {
    const codes = (rel: string) =>
      lines(build999(validateFile(read(rel)), ENV)!)
        .filter((l) => l.startsWith('IK3'))
        .map((l) => l.split('*')[4]);
    expect(codes('invalid/imsweb__x12_loop_errors1_exceeds_max_1_parent.txt')).toContain('4');
    expect(codes('invalid/imsweb__x12_segment_errors.txt')).toEqual(expect.arrayContaining(['3', '5']));
    expect(codes('invalid/imsweb__x12_segments_out_of_order.txt')).toContain('7');
    expect(codes('invalid/imsweb__x12_bad_segment_identifier.txt')).toContain('1');
  });
});
