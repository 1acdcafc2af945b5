/**
 * The 837 text is pinned byte for byte: the writer copies plain ASCII segments into byte blocks and leaves everything
 * else to a slower path, so these tests hold the streamed output to the bytes it had before, to a naive join of
 * build837's segments for any claim file, and to the same text across block boundaries and non-ASCII data.
 */
import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildInterchange, type InterchangeSpec } from '../../syntax/envelope-writer.ts';
import { DEFAULT_DELIMITERS, type Segment } from '../../syntax/types.ts';
import { X12WriteError } from '../../syntax/writer.ts';
import { build837, write837Body } from './build-837.ts';
import { claimFile } from './claim-arbitrary.test-util.ts';
import { institutionalFile, officeVisit, professionalFile } from './claim-fixtures.test-util.ts';
import { fullInstitutionalFile, fullProfessionalFile } from './claim-full.test-util.ts';
import type { ClaimFile837 } from './claim-model.ts';

const spec = (file: ClaimFile837): InterchangeSpec => ({
  sender: 'CLINIC',
  receiver: 'PAYER',
  controlNumber: '7',
  date: '20260115',
  time: '1200',
  usage: 'T',
  groups: [
    {
      functionalId: 'HC',
      appSender: 'CLINIC',
      appReceiver: 'PAYER',
      controlNumber: '7',
      version: '005010X222A1',
      transactions: [{ controlNumber: '0001', body: (out) => write837Body(file, out) }],
    },
  ],
});

/** Streamed, as core renders a batch. */
const streamed = (file: ClaimFile837, lineBreak = true) =>
  buildInterchange(spec(file), DEFAULT_DELIMITERS, { lineBreak });

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/** The plainest serialization there is: trailing empty elements dropped, the rest joined. */
const naive = (segs: readonly Segment[]) =>
  segs
    .map((s) => {
      const els = [...s.elements];
      while (els.length > 0 && els.at(-1) === '') els.pop();
      return `${[s.id, ...els].join('*')}~`;
    })
    .join('');

const PROFESSIONAL = [
  'ISA*00*          *00*          *ZZ*CLINIC         *ZZ*PAYER          *260115*1200*^*00501*000000007*0*T*:~',
  'GS*HC*CLINIC*PAYER*20260115*1200*7*X*005010X222A1~',
  'ST*837*0001*005010X222A1~',
  'BHT*0019*00*BATCH-7*20260112*0930*CH~',
  'NM1*41*2*MEDBILL DEMO*****46*MB0001~',
  'PER*IC*EDI DESK*TE*2175550199*EM*EDI@EXAMPLE.ORG~',
  'NM1*40*2*ACME CLEARINGHOUSE*****46*ACME01~',
  'HL*1**20*1~',
  'PRV*BI*PXC*207Q00000X~',
  'NM1*85*2*RIVERSIDE FAMILY PRACTICE*****XX*1234567893~',
  'N3*100 MAIN ST~',
  'N4*SPRINGFIELD*IL*627010000~',
  'REF*EI*371234567~',
  'PER*IC*BILLING OFFICE*TE*2175550100~',
  'NM1*87*2~',
  'N3*PO BOX 900~',
  'N4*SPRINGFIELD*IL*62702~',
  'HL*2*1*22*1~',
  'SBR*P*18*G-55******CI~',
  'NM1*IL*1*DOE*JOHN*Q***MI*W123456789~',
  'N3*12 ELM ST*APT 3~',
  'N4*SPRINGFIELD*IL*62704~',
  'DMG*D8*19800214*M~',
  'NM1*PR*2*BLUE PRAIRIE HEALTH*****PI*BPH01~',
  'CLM*RFP-1001*250***11:B:1*Y*A*Y*Y*P~',
  'DTP*431*D8*20260105~',
  'REF*G1*PA998877~',
  'REF*D9*CLH-0001~',
  'NTE*ADD*FOLLOW UP IN TWO WEEKS~',
  'HI*ABK:J069*ABF:R05*ABF:E119~',
  'NM1*DN*1*OKAFOR*JAMES****XX*1581234568~',
  'NM1*82*1*NGUYEN*ANNA****XX*1999996667~',
  'PRV*PE*PXC*207Q00000X~',
  'LX*1~',
  'SV1*HC:99213:25*150*UN*1***1:2~',
  'DTP*472*D8*20260110~',
  'REF*6R*RFP-1001-1~',
  'LX*2~',
  'SV1*HC:87880:QW:59*75.5*UN*1***1~',
  'DTP*472*D8*20260110~',
  'REF*6R*RFP-1001-2~',
  'LX*3~',
  'SV1*HC:36415*24.5*UN*1.5*11**3~',
  'DTP*472*D8*20260110~',
  'REF*6R*RFP-1001-3~',
  'HL*3*2*23*0~',
  'PAT*19~',
  'NM1*QC*1*DOE*LILY~',
  'N3*12 ELM ST~',
  'N4*SPRINGFIELD*IL*62704~',
  'DMG*D8*20150601*F~',
  'CLM*RFP-1003*250***11:B:1*Y*A*Y*Y*P~',
  'DTP*431*D8*20260105~',
  'REF*G1*PA998877~',
  'REF*D9*CLH-0001~',
  'NTE*ADD*FOLLOW UP IN TWO WEEKS~',
  'HI*ABK:J069*ABF:R05*ABF:E119~',
  'NM1*DN*1*OKAFOR*JAMES****XX*1581234568~',
  'NM1*82*1*NGUYEN*ANNA****XX*1999996667~',
  'PRV*PE*PXC*207Q00000X~',
  'LX*1~',
  'SV1*HC:99213:25*150*UN*1***1:2~',
  'DTP*472*D8*20260110~',
  'REF*6R*RFP-1001-1~',
  'LX*2~',
  'SV1*HC:87880:QW:59*75.5*UN*1***1~',
  'DTP*472*D8*20260110~',
  'REF*6R*RFP-1001-2~',
  'LX*3~',
  'SV1*HC:36415*24.5*UN*1.5*11**3~',
  'DTP*472*D8*20260110~',
  'REF*6R*RFP-1001-3~',
  'HL*4*1*22*0~',
  'SBR*S*18*******CI~',
  'NM1*IL*1*DOE*JANE****MI*X55~',
  'DMG*D8*19500101*F~',
  'NM1*PR*2*SUPPLEMENT CO*****PI*SUP77~',
  'CLM*RFP-1002*250***11:B:1*Y*A*Y*Y*P~',
  'DTP*431*D8*20260105~',
  'REF*G1*PA998877~',
  'REF*D9*CLH-0001~',
  'NTE*ADD*FOLLOW UP IN TWO WEEKS~',
  'HI*ABK:J069*ABF:R05*ABF:E119~',
  'NM1*DN*1*OKAFOR*JAMES****XX*1581234568~',
  'NM1*82*1*NGUYEN*ANNA****XX*1999996667~',
  'PRV*PE*PXC*207Q00000X~',
  'SBR*P*18*GRP100******MB~',
  'CAS*CO*45*50~',
  'CAS*PR*2*40*1~',
  'AMT*D*160~',
  'AMT*EAF*40~',
  'OI***Y*P**Y~',
  'NM1*IL*1*DOE*JANE****MI*1EG4TE5MK72~',
  'NM1*PR*2*MEDICARE PART B*****PI*00435~',
  'DTP*573*D8*20260201~',
  'LX*1~',
  'SV1*HC:99213:25*150*UN*1***1:2~',
  'DTP*472*D8*20260110~',
  'REF*6R*RFP-1001-1~',
  'SVD*00435*100*HC:99213:25**1~',
  'CAS*CO*45*50~',
  'DTP*573*D8*20260201~',
  'AMT*EAF*0~',
  'LX*2~',
  'SV1*HC:87880:QW:59*75.5*UN*1***1~',
  'DTP*472*D8*20260110~',
  'REF*6R*RFP-1001-2~',
  'LX*3~',
  'SV1*HC:36415*24.5*UN*1.5*11**3~',
  'DTP*472*D8*20260110~',
  'REF*6R*RFP-1001-3~',
  'SE*110*0001~',
  'GE*1*7~',
  'IEA*1*000000007~',
];

describe('837 bytes', () => {
  it('a professional file streams to exactly the pinned text', () => {
    expect(streamed(professionalFile()).split('\n').slice(0, -1)).toEqual(PROFESSIONAL);
    expect(streamed(professionalFile())).toBe(`${PROFESSIONAL.join('\n')}\n`);
  });

  it('institutional and every-field files stream to the pinned bytes', () => {
    expect(sha256(streamed(institutionalFile(), false))).toBe(
      '2cfacb124e6f83b3a711e6feabfafdd6af365ed411af30faefb5265367f373f5',
    );
    expect(sha256(streamed(fullProfessionalFile()))).toBe(
      '6916a1ad705973d7e40cc588dfbcf05960317600a42fe802222674505e072558',
    );
    expect(sha256(streamed(fullInstitutionalFile()))).toBe(
      '80cc8831bb0b1927f32804aca97a0a78d263d739c991b09e504e8cc21af44b60',
    );
  });

  it('names outside ASCII are written as given, amid the plain segments', () => {
    const file = professionalFile();
    const name = file.billingProviders[0]!.subscribers[0]!.subscriber.name;
    name.lastName = 'MÜLLER-ŁUKASZ';
    name.firstName = 'ZOË';
    const text = streamed(file);
    expect(text.split('\n').filter((l) => l.startsWith('NM1*IL'))).toEqual([
      'NM1*IL*1*M\u00dcLLER-\u0141UKASZ*ZO\u00cb*Q***MI*W123456789~',
      'NM1*IL*1*DOE*JANE****MI*X55~',
      'NM1*IL*1*DOE*JANE****MI*1EG4TE5MK72~',
    ]);
    expect(text).toBe(streamed(professionalFile()).replace('NM1*IL*1*DOE*JOHN*Q', 'NM1*IL*1*MÜLLER-ŁUKASZ*ZOË*Q'));
  });

  it('a batch of many byte blocks, with non-ASCII claims among them, is the naive join of its segments', () => {
    const file = professionalFile();
    const bp = file.billingProviders[0]!;
    const base = bp.subscribers[0]!;
    bp.subscribers = Array.from({ length: 1500 }, (_, i) => ({
      ...base,
      subscriber: {
        ...base.subscriber,
        name: { ...base.subscriber.name, lastName: i % 700 === 0 ? `NUÑEZ${i}` : `DOE${i}` },
      },
      claims: [officeVisit(`C${i}`)],
      patients: [],
    }));
    const text = streamed(file, false);
    expect(text.length).toBeGreaterThan(3 << 18); // several byte blocks
    const segs = build837(file);
    const body = naive(segs.slice(1, -1));
    const head = 'GS*HC*CLINIC*PAYER*20260115*1200*7*X*005010X222A1~ST*837*0001*005010X222A1~';
    expect(text.slice(106)).toBe(`${head}${body}SE*${segs.length}*0001~GE*1*7~IEA*1*000000007~`);
  });

  it('a separator inside data is still refused, naming segment and element', () => {
    const file = professionalFile();
    file.billingProviders[0]!.subscribers[0]!.subscriber.name.firstName = 'JO*HN';
    expect(() => streamed(file)).toThrow(X12WriteError);
    expect(() => streamed(file)).toThrow(/NM104 \(segment \d+\) holds the element separator/);
  });

  for (const kind of ['professional', 'institutional'] as const) {
    it(`${kind}: any claim file streams to the naive join of build837's segments`, () => {
      fc.assert(
        fc.property(claimFile(kind), (file) => {
          const text = streamed(file, false);
          const segs = build837(file);
          const body = naive(segs.slice(1, -1)); // ST and SE carry the file's control number; the spec's is 0001
          expect(text.endsWith(`${body}SE*${segs.length}*0001~GE*1*7~IEA*1*000000007~`)).toBe(true);
        }),
        { numRuns: 60, endOnFailure: true },
      );
    });
  }
});
