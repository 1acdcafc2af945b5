import { describe, expect, it } from 'vitest';
import { allTransactions, buildInterchange, readEnvelopes } from './envelope.ts';
import { tokenize } from './tokenizer.ts';
import { DEFAULT_DELIMITERS, type Delimiters } from './types.ts';

const spec = {
  sender: 'SENDER',
  receiver: { qualifier: '30', id: '123456789' },
  controlNumber: '905',
  date: new Date(Date.UTC(2026, 0, 2, 9, 7)),
  usage: 'T' as const,
  groups: [
    {
      functionalId: 'HC',
      appSender: 'APP',
      appReceiver: 'PAYER',
      controlNumber: '17',
      version: '005010X222A1',
      transactions: [
        { controlNumber: '0001', body: [{ id: 'BHT', elements: ['0019', '00', 'B1', '20260102'] }] },
        {
          controlNumber: '0002',
          body: [
            { id: 'BHT', elements: ['0019', '00', 'B2'] },
            { id: 'NM1', elements: ['41', '2', 'ACME'] },
          ],
        },
      ],
    },
  ],
};

function read(text: string) {
  const t = tokenize(text, { file: 'x.edi' });
  return { ...readEnvelopes(t.segments, { file: 'x.edi' }), tokenIssues: t.issues };
}

describe('buildInterchange + readEnvelopes', () => {
  it('builds envelopes with correct counts that read back clean', () => {
    const text = buildInterchange(spec, DEFAULT_DELIMITERS, { lineBreak: true });
    expect(text.split('\n')[0]).toHaveLength(106);
    expect(text).toContain(
      'ISA*00*          *00*          *ZZ*SENDER         *30*123456789      *260102*0907*^*00501*000000905*0*T*:~',
    );
    expect(text).toContain('SE*4*0002~');
    expect(text).toContain('GE*2*17~\nIEA*1*000000905~');
    const r = read(text);
    expect(r.tokenIssues).toEqual([]);
    expect(r.issues).toEqual([]);
    const [ic] = r.interchanges;
    expect(ic).toMatchObject({ senderId: 'SENDER', receiverQualifier: '30', controlNumber: '000000905', usage: 'T' });
    const txs = allTransactions(r);
    expect(txs.map((t) => [t.st01, t.controlNumber, t.version, t.segments.length])).toEqual([
      ['837', '0001', '005010X222A1', 3],
      ['837', '0002', '005010X222A1', 4],
    ]);
  });

  it('uses the given separators', () => {
    const d: Delimiters = { element: '|', component: '>', repetition: '', segment: '\n' };
    const text = buildInterchange(spec, d);
    const r = read(text);
    expect(r.issues).toEqual([]);
    expect(tokenize(text).delimiters).toEqual(d);
  });

  it('reports mismatched control numbers and counts at their positions', () => {
    const text = buildInterchange(spec, DEFAULT_DELIMITERS, { lineBreak: true })
      .replace('SE*4*0002', 'SE*5*0003')
      .replace('GE*2*17', 'GE*3*18')
      .replace('IEA*1*000000905', 'IEA*2*000000906');
    const r = read(text);
    expect(r.issues.map((i) => [i.code, i.location.line, i.location.element])).toEqual([
      ['SE_CONTROL_MISMATCH', 9, 2],
      ['SE_COUNT_MISMATCH', 9, 1],
      ['GE_CONTROL_MISMATCH', 10, 2],
      ['GE_COUNT_MISMATCH', 10, 1],
      ['IEA_CONTROL_MISMATCH', 11, 2],
      ['IEA_COUNT_MISMATCH', 11, 1],
    ]);
    expect(r.issues[1].message).toContain('SE01 says "5" but there are 4 segments');
    expect(r.issues[0].location.file).toBe('x.edi');
  });

  it('reports missing trailers of a cut file and stray segments', () => {
    const text = buildInterchange(spec, DEFAULT_DELIMITERS);
    const cut = text.slice(0, text.indexOf('SE*4'));
    expect(read(cut).issues.map((i) => i.code)).toEqual(['SE_MISSING', 'GE_MISSING', 'IEA_MISSING']);
    const stray = text.replace('GE*2*17~', 'GE*2*17~NM1*X~');
    expect(read(stray).issues.map((i) => i.code)).toEqual(['SEGMENT_OUTSIDE_TRANSACTION']);
  });

  it('rejects bad control numbers with a typed error', () => {
    expect(() => buildInterchange({ ...spec, controlNumber: '1234567890' }, DEFAULT_DELIMITERS)).toThrow(/1-9 digits/);
  });
});
