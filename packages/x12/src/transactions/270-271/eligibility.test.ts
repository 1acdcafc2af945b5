import { describe, expect, it } from 'vitest';
import { DEFAULT_DELIMITERS } from '../../syntax/types.ts';
import { writeSegments } from '../../syntax/writer.ts';
import { parseText, transactionText } from '../common/samples.test-util.ts';
import { build270, build271 } from './build-eligibility.ts';
import { inquiry, response } from './eligibility-fixtures.test-util.ts';
import { read270, read271 } from './read-eligibility.ts';
import { summarizeBenefits } from './summarize-benefits.ts';

describe('270 build / read', () => {
  it('writes EQ service types as repetitions and the HL hierarchy', () => {
    const text = writeSegments(build270(inquiry()), DEFAULT_DELIMITERS);
    expect(text).toContain(
      'ST*270*0101*005010X279A1~BHT*0022*13*ELIG-1*20260112*0815~HL*1**20*1~NM1*PR*2*BLUE PRAIRIE HEALTH*****PI*BPH01~HL*2*1*21*1~',
    );
    expect(text).toContain(
      'HL*3*2*22*1~TRN*1*T-1*9MEDBILL01~NM1*IL*1*DOE*JOHN****MI*W123456789~DMG*D8*19800214~DTP*291*D8*20260112~EQ*30~',
    );
    expect(text).toContain(
      'HL*4*3*23*0~TRN*1*T-2*9MEDBILL01~NM1*03*1*DOE*LILY~DMG*D8*20150601*F~INS*N*19~EQ*98^UC~EQ*1*HC:99213~',
    );
  });

  for (const [name, make, build, read] of [
    ['270', inquiry, build270, read270],
    ['271', response, build271, read271],
  ] as const) {
    it(`${name}: build → read equal, build → text → read → build identical`, () => {
      const tx = make();
      const r = read(build(tx));
      expect(r.issues).toEqual([]);
      expect(r.value).toEqual(tx);
      const text = transactionText(build(tx), name === '270' ? 'HS' : 'HB');
      const p = parseText(text);
      const again = read(p.transactions[0]!.segments, { delimiters: p.delimiters }).value;
      expect(transactionText(build(again), name === '270' ? 'HS' : 'HB')).toBe(text);
    });
  }
});

describe('summarizeBenefits', () => {
  it('gives active, copay per network, coinsurance, deductible and out-of-pocket total/remaining', () => {
    const [s] = summarizeBenefits(read271(build271(response())).value);
    expect(s).toMatchObject({
      lastName: 'DOE',
      memberId: 'W123456789',
      active: true,
      planDescriptions: ['GOLD PPO'],
      rejectReasons: [],
    });
    const find = (t: string, n: string, c = 'IND') =>
      s!.services.find((x) => x.serviceType === t && x.network === n && x.coverageLevel === c);
    expect(find('98', 'in')).toEqual({ serviceType: '98', network: 'in', coverageLevel: 'IND', copay: 2500 });
    expect(find('UC', 'out')?.copay).toBe(6000);
    expect(find('30', 'in')).toEqual({
      serviceType: '30',
      network: 'in',
      coverageLevel: 'IND',
      coinsurance: 0.2,
      deductible: { total: 150000, period: '23', remaining: 42050 },
      outOfPocket: { total: 600000, period: '23', met: 100000, remaining: 500000 },
    });
  });

  it('reports inactive coverage and AAA rejections', () => {
    const tx = response();
    const sub = tx.sources[0]!.receivers[0]!.subscribers[0]!;
    sub.benefits = [{ code: '6', serviceTypes: ['30'] }];
    sub.rejections = [{ valid: 'N', reason: '72', followUp: 'C' }];
    const [s] = summarizeBenefits(read271(build271(tx)).value);
    expect(s).toMatchObject({ active: false, rejectReasons: ['72'] });
  });
});
