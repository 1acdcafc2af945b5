import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { build999 } from '../acks/build-999.ts';
import { read999 } from '../acks/read-999.ts';
import { validateFile } from './validate.ts';

const GOOD = [
  'ISA*00*          *00*          *ZZ*SUBMITTER      *ZZ*RECEIVER       *260101*1200*^*00501*000000007*1*T*:~',
  'GS*HC*S*R*20260101*1200*7*X*005010X222A1~ST*837*0001*005010X222A1~BHT*0019*00*0123*20260101*1200*CH~',
  'NM1*41*2*SUBMITTER*****46*999~PER*IC*JANE*TE*5555555555~NM1*40*2*RECEIVER*****46*111~',
  'HL*1**20*1~NM1*85*2*CLINIC*****XX*1234567893~N3*1 MAIN ST~N4*CITY*NY*100011234~REF*EI*123456789~',
  'HL*2*1*22*0~SBR*P*18*******CI~NM1*IL*1*DOE*JOHN****MI*123~NM1*PR*2*PAYER*****PI*999~',
  'CLM*A1*100***11:B:1*Y*A*Y*Y~HI*ABK:J45909~LX*1~SV1*HC:99213*100*UN*1***1~DTP*472*D8*20260101~',
  'SE*20*0001~GE*1*7~IEA*1*000000007~',
].join('');

describe('validateFile on mangled input', () => {
  it('the base file is clean', () => {
    expect(validateFile(GOOD).issues).toEqual([]);
  });

  it('never throws, always positions its errors, and its 999 reads back', () => {
    const edit = fc.record({
      at: fc.nat({ max: GOOD.length - 1 }),
      cut: fc.nat({ max: 40 }),
      insert: fc.string({
        maxLength: 12,
        unit: fc.constantFrom('*', ':', '~', '^', 'A', '1', 'HL', 'NM1', 'CLM', '\n', ' '),
      }),
    });
    fc.assert(
      fc.property(fc.array(edit, { minLength: 1, maxLength: 4 }), (edits) => {
        let text = GOOD;
        for (const e of edits) text = text.slice(0, e.at) + e.insert + text.slice(e.at + e.cut);
        const r = validateFile(text, { file: 'fuzz' });
        for (const i of r.issues)
          expect(i.location.segmentIndex !== undefined || i.location.offset !== undefined).toBe(true);
        const ack = build999(r, { controlNumber: '1', date: '20260101', time: '1200' });
        if (ack) expect(read999(ack).acks.length).toBeGreaterThan(0);
      }),
      { numRuns: 300, seed: 42 },
    );
  });
});
