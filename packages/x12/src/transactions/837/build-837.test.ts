import { describe, expect, it } from 'vitest';
import { build837 } from './build-837.ts';
import type { Claim837 } from './claim-model.ts';
import { read837 } from './read-837.ts';
import { institutionalFile, professionalFile } from './claim-fixtures.test-util.ts';
import { parseText, transactionText } from '../common/samples.test-util.ts';
import { writeSegments } from '../../syntax/writer.ts';
import { DEFAULT_DELIMITERS, type Delimiters } from '../../syntax/types.ts';
import { buildInterchange } from '../../syntax/envelope-writer.ts';
import { toTransactionSpec, versionOf } from '../common/transaction-spec.ts';

describe('build837 / read837', () => {
  it('writes a professional claim file with HL numbering, money without trailing zeros and SE count', () => {
    const segs = build837(professionalFile());
    const text = writeSegments(segs, DEFAULT_DELIMITERS, { lineBreak: true });
    expect(text).toContain('ST*837*0001*005010X222A1~');
    expect(text).toContain('HL*1**20*1~');
    expect(text).toContain('HL*2*1*22*1~');
    expect(text).toContain('HL*3*2*23*0~');
    expect(text).toContain('HL*4*1*22*0~');
    expect(text).toContain('CLM*RFP-1001*250***11:B:1*Y*A*Y*Y*P~');
    expect(text).toContain('SV1*HC:99213:25*150*UN*1***1:2~');
    expect(text).toContain('SV1*HC:36415*24.5*UN*1.5*11**3~');
    expect(text).toContain('HI*ABK:J069*ABF:R05*ABF:E119~');
    expect(text).toContain('AMT*D*160~');
    expect(segs.at(-1)).toEqual({ id: 'SE', elements: [String(segs.length), '0001'] });
  });

  it('writes an institutional claim with CL1, HI groups and SV2', () => {
    const text = writeSegments(build837(institutionalFile()), DEFAULT_DELIMITERS, { lineBreak: true });
    expect(text).toContain('ST*837*0001*005010X223A2~');
    expect(text).toContain('CLM*HOSP-77*1234.56***11:A:1**A*Y*Y~');
    expect(text).toContain('DTP*435*DT*202601010830~');
    expect(text).toContain('DTP*434*RD8*20260101-20260104~');
    expect(text).toContain('CL1*1*7*01~');
    expect(text).toContain(
      'HI*ABK:J189:::::::Y~\nHI*ABJ:R509~\nHI*ABF:E119:::::::N~\nHI*BBR:0BH17EZ:D8:20260102~\nHI*BE:80:::3~\nHI*BG:07~',
    );
    expect(text).toContain('SV2*0300*HC:85025*234.56*UN*2**10~');
  });

  for (const [name, make] of [
    ['professional', professionalFile],
    ['institutional', institutionalFile],
  ] as const) {
    it(`${name}: build → read gives an equal object with no issues`, () => {
      const file = make();
      const { value, issues } = read837(build837(file));
      expect(issues).toEqual([]);
      expect(value).toEqual(file);
    });

    it(`${name}: build → text → read → build gives identical text`, () => {
      const text1 = transactionText(build837(make()), 'HC');
      const parsed = parseText(text1);
      expect(parsed.syntaxIssues.filter((i) => i.severity === 'error')).toEqual([]);
      const tx = parsed.transactions[0]!;
      const { value, issues } = read837(tx.segments, { delimiters: parsed.delimiters });
      expect(issues).toEqual([]);
      expect(transactionText(build837(value), 'HC')).toBe(text1);
    });
  }

  it('wraps in an interchange with the envelope writer and reads back with other separators', () => {
    const d: Delimiters = { element: '|', component: '>', repetition: '!', segment: '~' };
    const file = professionalFile();
    const segs = build837(file, { delimiters: d });
    const text = buildInterchange(
      {
        sender: 'MB0001',
        receiver: 'ACME01',
        controlNumber: '905',
        date: '20260112',
        time: '0930',
        usage: 'T',
        groups: [
          {
            functionalId: 'HC',
            appSender: 'MB0001',
            appReceiver: 'ACME01',
            controlNumber: '7',
            version: versionOf(segs),
            transactions: [toTransactionSpec(segs)],
          },
        ],
      },
      d,
    );
    expect(text).toContain('SV1|HC>99213>25|150|UN|1|||1>2~');
    const parsed = parseText(text);
    expect(parsed.syntaxIssues).toEqual([]);
    expect(parsed.delimiters).toEqual(d);
    const { value, issues } = read837(parsed.transactions[0]!.segments, { delimiters: d });
    expect(issues).toEqual([]);
    expect(value).toEqual(file);
  });

  it('writes attachments (PWK), drug identification (2410) and line providers (2420) in guide order', () => {
    const file = professionalFile();
    const claim = file.billingProviders[0]!.subscribers[0]!.claims[0]!;
    claim.attachments = [{ reportType: 'OZ', transmission: 'EL', controlNumber: 'ATT1' }];
    Object.assign(claim.lines[1]!, {
      drug: { qualifier: 'N4', ndc: '00409123401', quantity: 2, unit: 'ML', refs: [{ qualifier: 'XZ', value: 'RX1' }] },
      providers: [
        {
          entityCode: 'DK',
          name: { entityType: '1', lastName: 'OKAFOR', firstName: 'JAMES', idQualifier: 'XX', id: '1581234568' },
        },
      ],
    });
    const text = writeSegments(build837(file), DEFAULT_DELIMITERS);
    expect(text).toContain('DTP*431*D8*20260105~PWK*OZ*EL***AC*ATT1~REF*G1*PA998877~');
    expect(text).toContain(
      'REF*6R*RFP-1001-2~LIN**N4*00409123401~CTP****2*ML~REF*XZ*RX1~NM1*DK*1*OKAFOR*JAMES****XX*1581234568~LX*3~',
    );
    expect(read837(build837(file))).toEqual({ value: file, issues: [] });
  });

  it('builds and reads one subscriber loop holding 50,000 claims (no spread push: the call stack stays flat)', () => {
    const file = professionalFile();
    const sub = file.billingProviders[0]!.subscribers[0]!;
    const claims: Claim837[] = Array.from({ length: 50_000 }, (_, i) => ({
      id: `BIG-${i}`,
      totalCharge: 1000,
      facilityCode: '11',
      facilityQualifier: 'B',
      frequency: '1',
      healthInfo: [{ qualifier: 'ABK', code: 'J069' }],
      lines: [
        {
          procedure: { qualifier: 'HC', code: '99211' },
          charge: 1000,
          unit: 'UN',
          quantity: 1,
          diagnosisPointers: [1],
        },
      ],
    }));
    file.billingProviders[0]!.subscribers = [{ ...sub, claims, patients: [] }];
    const segs = build837(file);
    expect(segs.filter((s) => s.id === 'CLM')).toHaveLength(50_000);
    expect(segs.at(-1)).toEqual({ id: 'SE', elements: [String(segs.length), '0001'] });
    const back = read837(segs);
    expect(back.issues).toEqual([]);
    expect(back.value.billingProviders[0]!.subscribers[0]!.claims).toHaveLength(50_000);
  });
});
