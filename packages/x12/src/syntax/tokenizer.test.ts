import { describe, expect, it } from 'vitest';
import { tokenize } from './tokenizer.ts';
import { components, element, repetitions } from './segment.ts';
import { writeSegments, X12WriteError } from './writer.ts';
import { DEFAULT_DELIMITERS } from './types.ts';
import { isa } from './test-helpers.ts';

const body = (el: string, comp: string, term: string, sep = '') =>
  [
    `GS${el}HP${el}SENDER${el}RECEIVER${el}20260101${el}1253${el}1${el}X${el}005010X221A1`,
    `ST${el}835${el}0001`,
    `SVC${el}HC${comp}99213${comp}25${el}100${el}80`,
    `SE${el}3${el}0001`,
    `GE${el}1${el}1`,
    `IEA${el}1${el}000000905`,
  ].join(term + sep) + term;

describe('tokenize', () => {
  it('reads the separators from the ISA, never assuming *:^~', () => {
    const text = isa('|', '{', '>', '!') + body('|', '>', '!');
    const r = tokenize(text);
    expect(r.issues).toEqual([]);
    expect(r.delimiters).toEqual({ element: '|', component: '>', repetition: '{', segment: '!' });
    expect(r.segments.map((s) => s.id)).toEqual(['ISA', 'GS', 'ST', 'SVC', 'SE', 'GE', 'IEA']);
    expect(components(element(r.segments[3], 1), r.delimiters!)).toEqual(['HC', '99213', '25']);
    expect(element(r.segments[0], 13)).toBe('000000905');
  });

  it('tolerates a BOM, leading whitespace, CRLF and indentation; no phantom last segment', () => {
    const text = `\uFEFF  \r\n${isa()}\r\n${body('*', ':', '~', '\r\n    ')}\r\n\r\n  `;
    const r = tokenize(text, { file: 'a.835' });
    expect(r.issues).toEqual([]);
    expect(r.segments).toHaveLength(7);
    expect(r.segments[0].loc).toEqual({ offset: 5, line: 2, index: 1 });
    expect(r.segments[1].loc).toEqual({ offset: 5 + 106 + 2, line: 3, index: 2 });
    expect(r.segments[6].id).toBe('IEA');
    expect(r.segments[6].loc?.line).toBe(8);
  });

  it('accepts a newline as terminator, with CRLF', () => {
    const text = isa('*', '^', ':', '\n') + body('*', ':', '\r\n');
    const r = tokenize(text);
    expect(r.delimiters?.segment).toBe('\n');
    expect(r.issues).toEqual([]);
    expect(r.segments.map((s) => s.elements.at(-1))).toEqual([
      ':',
      '005010X221A1',
      '0001',
      '80',
      '0001',
      '1',
      '000000905',
    ]);
  });

  it('treats ISA11 "U" as no repetition separator', () => {
    const r = tokenize(isa('*', 'U') + body('*', ':', '~'));
    expect(r.delimiters?.repetition).toBe('');
    expect(repetitions('A^B', r.delimiters!)).toEqual(['A^B']);
    expect(repetitions('A^B', DEFAULT_DELIMITERS)).toEqual(['A', 'B']);
  });

  it('reads ISA11 equal to ISA16 (or to the terminator) as no repetition separator, with a warning naming ISA11', () => {
    const r = tokenize(`${isa('*', '^', '^')}GS*HB*S*R*20260101*1200*1*X*005010X279A1~EB*1**30^1*HM~`, {
      file: 'dup.271',
    });
    expect(r.delimiters).toEqual({ element: '*', component: '^', repetition: '', segment: '~' });
    expect(r.issues).toEqual([
      expect.objectContaining({ code: 'DELIMITER_CONFLICT', layer: 'syntax', severity: 'warning' }),
    ]);
    expect(r.issues[0]!.message).toContain('ISA11');
    expect(r.issues[0]!.location).toMatchObject({
      file: 'dup.271',
      offset: 0,
      line: 1,
      segmentIndex: 1,
      segmentId: 'ISA',
      element: 11,
    });
    expect(components(r.segments[2]!.elements[2]!, r.delimiters!)).toEqual(['30', '1']);
    expect(repetitions('30^1', r.delimiters!)).toEqual(['30^1']);
    const t = tokenize(`${isa('*', '~', ':', '~')}GS*HB*S*R~`);
    expect(t.delimiters?.repetition).toBe('');
    expect(t.segments.map((s) => s.id)).toEqual(['ISA', 'GS']);
    expect(t.issues.map((i) => [i.code, i.severity, i.location.element])).toEqual([
      ['DELIMITER_CONFLICT', 'warning', 11],
    ]);
  });

  it('reports a missing ISA with its position instead of throwing', () => {
    const r = tokenize('\n\nGS*HP*X~ST*835*1~', { file: 'bad.txt' });
    expect(r.delimiters).toBeNull();
    expect(r.segments).toEqual([]);
    expect(r.issues[0]).toMatchObject({
      code: 'ISA_MISSING',
      layer: 'syntax',
      severity: 'error',
      location: { file: 'bad.txt', offset: 2, line: 3 },
    });
  });

  it('reports a truncated ISA and conflicting separators', () => {
    expect(tokenize('ISA*00*   ').issues[0].code).toBe('ISA_TRUNCATED');
    expect(tokenize(isa('*', '^', '*')).issues[0].code).toBe('DELIMITER_CONFLICT');
    expect(tokenize('ISA1').issues[0].code).toBe('DELIMITER_INVALID');
  });

  it('warns about a non-fixed-width ISA but still reads it', () => {
    const r = tokenize('ISA*00**00**ZZ*A*ZZ*B*260101*1253*^*00501*000000001*0*T*:~IEA*0*000000001~');
    expect(r.issues.map((i) => i.code)).toEqual(['ISA_NOT_FIXED_WIDTH']);
    expect(r.segments.map((s) => s.id)).toEqual(['ISA', 'IEA']);
  });

  it('flags bad segment ids, empty segments and an unterminated tail', () => {
    const r = tokenize(`${isa()}GS*X~~bad*1~ST*1`);
    expect(r.issues.map((i) => i.code)).toEqual(['EMPTY_SEGMENT', 'SEGMENT_ID_INVALID', 'SEGMENT_UNTERMINATED']);
    expect(r.segments.map((s) => s.id)).toEqual(['ISA', 'GS', 'bad', 'ST']);
  });

  it('reads a second interchange with other separators', () => {
    const text = `${isa() + body('*', ':', '~')}\n${isa('|', '^', '>', '!')}${body('|', '>', '!')}`;
    const r = tokenize(text);
    expect(r.issues).toEqual([]);
    expect(r.segments.filter((s) => s.id === 'SVC').map((s) => s.elements[0])).toEqual(['HC:99213:25', 'HC>99213>25']);
  });
});

describe('writeSegments', () => {
  const d = DEFAULT_DELIMITERS;
  it('round-trips tokenized text and trims trailing empty elements', () => {
    const text = isa() + body('*', ':', '~');
    const r = tokenize(text);
    expect(writeSegments(r.segments, r.delimiters!)).toBe(text);
    expect(writeSegments([{ id: 'NM1', elements: ['QC', '1', 'DOE', '', '', ''] }], d, { lineBreak: true })).toBe(
      'NM1*QC*1*DOE~\n',
    );
  });

  it('joins component arrays and repetitions', () => {
    const out = writeSegments([{ id: 'SVC', elements: [['HC', '99213', '25', ''], '100', [['A', 'B'], ['C']]] }], d);
    expect(out).toBe('SVC*HC:99213:25*100*A:B^C~');
  });

  it('rejects data holding a separator with a typed error naming segment and element', () => {
    const bad = () =>
      writeSegments(
        [
          { id: 'ST', elements: ['835'] },
          { id: 'NM1', elements: ['QC', 'DO*E'] },
        ],
        d,
      );
    expect(bad).toThrow(X12WriteError);
    try {
      bad();
    } catch (e) {
      expect((e as X12WriteError).issue).toMatchObject({
        code: 'DATA_CONTAINS_SEPARATOR',
        location: { segmentId: 'NM1', element: 2, segmentIndex: 2 },
      });
    }
    expect(() => writeSegments([{ id: 'SVC', elements: [['HC', '99:213']] }], d)).toThrow(/SVC01-2/);
    expect(() => writeSegments([{ id: 'N3', elements: ['A~B'] }], d)).toThrow(/segment terminator/);
    expect(() => writeSegments([{ id: 'N3', elements: ['A:B'] }], d, { strict: true })).toThrow(/component/);
  });
});
