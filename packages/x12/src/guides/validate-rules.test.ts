import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { testData } from '../../../../test-data.ts';
import { tokenize } from '../syntax/tokenizer.ts';
import { writeSegments } from '../syntax/writer.ts';
import { DEFAULT_DELIMITERS, type Segment } from '../syntax/types.ts';
import { guide835 } from './defs/835.ts';
import { guide837P } from './defs/837p.ts';
import { isLoop, type GuideDef, type LoopDef } from './types.ts';
import { validateFile, validateTransaction } from './validate.ts';
import { traceLoops } from './walk-transaction.ts';

const sampleData = testData('x12-samples');
const samples = sampleData.path;
const haveData = sampleData.present;

const GOOD_837P = [
  '837p/badx12__X222-commercial-health-insurance.edi',
  '837p/badx12__X222-COB-claim-from-billing-provider-to-payer-b.edi',
  '837p/lfh__demo.autoaccident.837',
];
const GOOD_835 = [
  '835/badx12__X221-multiple-claims-single-check.edi',
  '835/badx12__X221-dollars-and-data-sent-together.edi',
];

function segmentsOf(rel: string): Segment[] {
  const tok = tokenize(readFileSync(path.join(samples, rel), 'utf8'));
  return tok.segments;
}

/** The ST … SE segments of the first transaction. */
function transaction(segs: Segment[]): Segment[] {
  const st = segs.findIndex((s) => s.id === 'ST');
  const se = segs.findIndex((s) => s.id === 'SE');
  return segs.slice(st, se + 1);
}

/** Every loop id the guide marks Required, paired with its parent loop id. */
function requiredLoops(loop: LoopDef, out: string[] = []): string[] {
  for (const c of loop.children) {
    if (!isLoop(c)) continue;
    if (c.usage === 'R' && !out.includes(c.loop)) out.push(c.loop);
    requiredLoops(c, out);
  }
  return out;
}

/** Remove the first run of segments placed in `loopId` (every repeat of it, with nested loops). */
function withoutLoop(tx: Segment[], guide: GuideDef, loopId: string): Segment[] | null {
  const paths = traceLoops(tx, guide, { delimiters: DEFAULT_DELIMITERS });
  const first = paths.findIndex((p) => p.includes(loopId));
  if (first < 0) return null;
  const depth = paths[first].indexOf(loopId);
  let end = first;
  while (end < tx.length && paths[end][depth] === loopId) end++;
  return [...tx.slice(0, first), ...tx.slice(end)];
}

describe.skipIf(!haveData)(sampleData.title('required loops removed from good files'), () => {
  const cases: [GuideDef, string[]][] = [
    [guide837P, GOOD_837P],
    [guide835, GOOD_835],
  ];
  for (const [guide, files] of cases) {
    it.each(requiredLoops(guide.body))(
      `${guide.key}: removing loop %s gives REQUIRED_LOOP_MISSING naming it`,
      (loopId) => {
        for (const rel of files) {
          const tx = transaction(segmentsOf(rel));
          const cut = withoutLoop(tx, guide, loopId);
          if (!cut) continue;
          expect(validateTransaction(tx, guide)).toEqual([]);
          const issues = validateTransaction(cut, guide);
          const hit = issues.find((i) => i.code === 'REQUIRED_LOOP_MISSING' && i.location.loop === loopId);
          expect(
            hit,
            `${rel} without ${loopId}: ${issues.map((i) => `${i.code} ${i.location.loop}`).join('; ')}`,
          ).toBeDefined();
          expect(hit!.message).toContain(loopId);
          expect(hit!.location.segmentIndex).toBeGreaterThan(0);
          return;
        }
        throw new Error(`no good ${guide.key} sample holds loop ${loopId}`);
      },
    );
  }
});

/** Replace one element of the first segment matching `pick` in a good 837P and validate. */
function mutate837(pick: (s: Segment) => boolean, element: number, value: string) {
  const segs = segmentsOf(GOOD_837P[0]).map((s) => ({ ...s, elements: [...s.elements] }));
  const target = segs.find(pick)!;
  target.elements[element - 1] = value;
  const text = writeSegments(segs, DEFAULT_DELIMITERS);
  return { target, result: validateFile(text, { file: 'mutated.837' }) };
}

describe.skipIf(!haveData)(sampleData.title('element rules'), () => {
  const cases: [string, (s: Segment) => boolean, number, string, string, number?][] = [
    ['bad date (not a calendar day)', (s) => s.id === 'DMG', 2, '20230230', 'INVALID_DATE'],
    ['bad D8 date in DTP03', (s) => s.id === 'DTP' && s.elements[1] === 'D8', 3, '2023133', 'INVALID_DATE'],
    ['bad time', (s) => s.id === 'BHT', 5, '2575', 'INVALID_TIME'],
    ['bad qualifier (NM108)', (s) => s.id === 'NM1' && s.elements[0] === '85', 8, 'ZZ', 'INVALID_CODE_VALUE'],
    ['too long (CLM01 over 38)', (s) => s.id === 'CLM', 1, 'X'.repeat(39), 'ELEMENT_TOO_LONG'],
    ['too short (N403 under 3)', (s) => s.id === 'N4', 3, '12', 'ELEMENT_TOO_SHORT'],
    ['bad decimal (CLM02)', (s) => s.id === 'CLM', 2, '12.3.4', 'BAD_NUMERIC'],
    ['required element missing (CLM01)', (s) => s.id === 'CLM', 1, '', 'REQUIRED_ELEMENT_MISSING'],
    ['bad component code (CLM05-2)', (s) => s.id === 'CLM', 5, '11:X:1', 'INVALID_CODE_VALUE', 2],
  ];
  it.each(cases)('%s', (_name, pick, element, value, code, component) => {
    const { target, result } = mutate837(pick, element, value);
    const hit = result.issues.find((i) => i.code === code);
    expect(hit, JSON.stringify(result.issues.map((i) => i.code))).toBeDefined();
    expect(hit!.layer).toBe('guide');
    expect(hit!.location).toMatchObject({
      segmentId: target.id,
      element,
      segmentIndex: target.loc!.index,
      file: 'mutated.837',
    });
    if (component !== undefined) expect(hit!.location.component).toBe(component);
    expect(hit!.location.loop).toBeTruthy();
    if (value !== '') expect(hit!.found).toBe(code === 'INVALID_CODE_VALUE' && component ? 'X' : value);
    expect(hit!.expected).toBeTruthy();
  });
});

describe('structure rules on hand-made segments', () => {
  const seg = (text: string): Segment => {
    const [id, ...elements] = text.split('*');
    return { id, elements, loc: { offset: 0, line: 1, index: 1 } };
  };
  const tx = (lines: string[]) =>
    lines.map(seg).map((s, i) => ({ ...s, loc: { offset: i * 10, line: i + 1, index: i + 1 } }));
  const header = [
    'ST*835*0001*005010X221A1',
    'BPR*I*10*C*ACH*CCP*01*999999999*DA*123456*1512345678**01*999988880*DA*98765*20260105',
    'TRN*1*12345*1512345678',
    'N1*PR*PAYER',
    'N3*1 MAIN ST',
    'N4*CITY*NY*10001',
    'PER*BL*TECH*TE*5555555555',
    'N1*PE*PROVIDER*XX*1234567893',
  ];
  const claim = ['LX*1', 'CLP*A1*1*100*80**MC*CLAIM1', 'NM1*QC*1*DOE*JOHN'];

  it('accepts a minimal 835', () => {
    expect(validateTransaction(tx([...header, ...claim, 'SE*12*0001']), guide835)).toEqual([]);
  });
  it('reports an unrecognized segment and a segment used too often', () => {
    const issues = validateTransaction(tx([...header, ...claim, 'ZZZ*1', 'NM1*QC*1*DOE*JANE', 'SE*14*0001']), guide835);
    expect(issues.map((i) => i.code)).toEqual(['UNRECOGNIZED_SEGMENT', 'SEGMENT_OVER_MAX_USE']);
    expect(issues[0].location).toMatchObject({ segmentIndex: 12, segmentId: 'ZZZ' });
  });
  it('reports a required segment missing at the next segment', () => {
    const issues = validateTransaction(tx(['ST*835*0001*005010X221A1', ...header.slice(2), 'SE*8*0001']), guide835);
    expect(issues[0]).toMatchObject({
      code: 'REQUIRED_SEGMENT_MISSING',
      location: { segmentId: 'BPR', segmentIndex: 2 },
    });
  });
  it('never throws on empty or junk input', () => {
    expect(() => validateTransaction([], guide835)).not.toThrow();
    expect(validateTransaction([], guide835).some((i) => i.code === 'REQUIRED_SEGMENT_MISSING')).toBe(true);
    expect(() => validateFile('garbage')).not.toThrow();
    expect(validateFile('').issues.length).toBeGreaterThan(0);
  });
});
