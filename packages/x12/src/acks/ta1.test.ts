import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { testData } from '../../../../test-data.ts';
import { validateFile } from '../guides/validate.ts';
import { buildTa1, readTa1, ta1FromValidation, writeTa1 } from './ta1.ts';

const sampleData = testData('x12-samples');
const samples = sampleData.path;
const haveData = sampleData.present;
const read = (rel: string) => readFileSync(path.join(samples, rel), 'utf8');
const ENV = { controlNumber: '5', date: '20260102', time: '0930' } as const;

const ISA =
  'ISA*00*          *00*          *ZZ*SUBMITTER      *ZZ*RECEIVER       *260101*1200*^*00501*000000007*1*T*:~';
const BODY = 'GS*HP*S*R*20260101*1200*7*X*005010X221A1~ST*835*0001~SE*2*0001~GE*1*7~';

describe('TA1', () => {
  it('accepts a sound interchange (TA104 A, TA105 000)', () => {
    expect(ta1FromValidation(validateFile(`${ISA}${BODY}IEA*1*000000007~`))).toEqual([
      { controlNumber: '000000007', date: '260101', time: '1200', status: 'A', noteCode: '000' },
    ]);
  });

  it('rejects an IEA control number mismatch with note 001', () => {
    const [t] = ta1FromValidation(validateFile(`${ISA}${BODY}IEA*1*000000008~`));
    expect(t).toMatchObject({ status: 'R', noteCode: '001' });
  });

  it('rejects a wrong group count with note 021 and a missing IEA with 023', () => {
    expect(ta1FromValidation(validateFile(`${ISA}${BODY}IEA*2*000000007~`))[0].noteCode).toBe('021');
    expect(ta1FromValidation(validateFile(`${ISA}${BODY}`))[0].noteCode).toBe('023');
  });

  it('round-trips: build → read', () => {
    const result = validateFile(`${ISA}${BODY}IEA*1*000000008~`);
    const text = buildTa1(result, ENV)!;
    expect(text.startsWith('ISA*00*          *00*          *ZZ*RECEIVER       *ZZ*SUBMITTER      *260102*0930*')).toBe(
      true,
    );
    expect(text).toContain('TA1*000000007*260101*1200*R*001~IEA*0*000000005~');
    const back = readTa1(text);
    expect(back.issues).toEqual([]);
    expect(back.ta1s).toEqual(ta1FromValidation(result));
  });

  it('writes several TA1s in one interchange', () => {
    const t = { controlNumber: '000000001', date: '260101', time: '1200', status: 'A', noteCode: '000' } as const;
    expect(
      readTa1(writeTa1([t, { ...t, controlNumber: '000000002', status: 'R', noteCode: '001' }], ENV)).ta1s,
    ).toHaveLength(2);
  });

  it('returns null when there is no ISA to acknowledge', () => {
    expect(buildTa1(validateFile('not x12'), ENV)).toBeNull();
  });
});

describe.skipIf(!haveData)(sampleData.title('TA1 samples'), () => {
  it('reads the 5010 TA1 with > and + separators', () => {
    expect(readTa1(read('ta1/oopfactory__TechnicalAcknowledgment_SampleFromJeffN825.txt')).ta1s).toEqual([
      { controlNumber: '900000001', date: '100624', time: '1430', status: 'R', noteCode: '006' },
    ]);
  });

  it('notes the IEA mismatch of the invalid 835 fixture', () => {
    expect(ta1FromValidation(validateFile(read('invalid/badx12__error_validation.edi')))[0]).toMatchObject({
      status: 'R',
      noteCode: '001',
    });
  });
});
