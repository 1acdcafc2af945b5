import { describe, expect, it } from 'vitest';
import { testData } from '../../../../test-data.ts';
import fc from 'fast-check';
import fs from 'node:fs';
import path from 'node:path';
import { tokenize } from './tokenizer.ts';
import { buildInterchange, readEnvelopes, allTransactions } from './envelope.ts';
import { writeSegments } from './writer.ts';
import type { Delimiters, Segment, X12Issue } from './types.ts';
import { parseX12File } from '../parse-file.ts';
import { stream835 } from '../transactions/835/read-835.ts';

const sampleData = testData('x12-samples');
const samplesDir = sampleData.path;
const haveData = sampleData.present;

// every punctuation character except those the values below use (space . @ -)
const SEPARATORS = [...'!"#$%&\'()*+,/;<=>?[\\]^_`{|}~', '\x1c', '\x1d', '\x1e', '\x1f'];
const delimiterArb: fc.Arbitrary<Delimiters> = fc
  .tuple(fc.shuffledSubarray(SEPARATORS, { minLength: 4, maxLength: 4 }), fc.boolean(), fc.boolean())
  .map(([[element, component, repetition, segment], newline, noRep]) => ({
    element,
    component,
    repetition: noRep ? '' : repetition,
    segment: newline ? '\n' : segment,
  }));
const valueArb = fc.stringMatching(/^[A-Z0-9 .@-]{0,12}$/);
const bodyArb = fc.array(
  fc.record({
    id: fc.constantFrom('NM1', 'N3', 'REF', 'DTM', 'BHT', 'HI'),
    elements: fc.array(valueArb, { minLength: 1, maxLength: 8 }),
  }),
  { minLength: 1, maxLength: 12 },
);

function positioned(issues: X12Issue[]): boolean {
  return issues.every(
    (i) =>
      typeof i.code === 'string' &&
      i.message.length > 0 &&
      (i.location.offset !== undefined || i.location.segmentIndex !== undefined),
  );
}

describe('random separators in the ISA', () => {
  it('round-trips any separator choice through writer, tokenizer and envelopes', () => {
    fc.assert(
      fc.property(delimiterArb, bodyArb, fc.boolean(), (d, body, lineBreak) => {
        const text = buildInterchange(
          {
            sender: 'S',
            receiver: 'R',
            controlNumber: '42',
            date: '20260101',
            usage: 'T',
            groups: [
              {
                functionalId: 'HC',
                appSender: 'A',
                appReceiver: 'B',
                controlNumber: '7',
                version: '005010X222A1',
                transactions: [{ controlNumber: '0001', body }],
              },
            ],
          },
          d,
          { lineBreak },
        );
        const t = tokenize(text);
        expect(t.issues).toEqual([]);
        expect(t.delimiters).toEqual(d);
        const env = readEnvelopes(t.segments);
        expect(env.issues).toEqual([]);
        const [tx] = allTransactions(env);
        expect(tx.segments.slice(1, -1).map((s) => writeSegments([s], d))).toEqual(
          body.map((s) => writeSegments([s], d)),
        );
        expect(t.segments[0].elements[12]).toBe('000000042');
      }),
      { numRuns: 200 },
    );
  });
});

type Mutation =
  | { kind: 'delete' | 'duplicate'; at: number }
  | { kind: 'cut'; at: number }
  | { kind: 'count'; at: number }
  | { kind: 'noise'; at: number; bytes: number[] };

const mutationArb: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constantFrom('delete' as const, 'duplicate' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('cut' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('count' as const), at: fc.nat() }),
  fc.record({
    kind: fc.constant('noise' as const),
    at: fc.nat(),
    bytes: fc.array(fc.integer({ min: 0, max: 255 }), { minLength: 1, maxLength: 40 }),
  }),
);

/** Apply a mutation; returns the text and whether the result must carry an error. */
function mutate(text: string, segs: Segment[], d: Delimiters, m: Mutation): { text: string; mustFail: boolean } {
  const bodyIdx = segs
    .map((s, i) => [s, i] as const)
    .filter(([s]) => !['ISA', 'GS', 'ST', 'SE', 'GE', 'IEA'].includes(s.id))
    .map(([, i]) => i);
  const rebuild = (list: Segment[]) => writeSegments(list, d, { lineBreak: d.segment !== '\n' });
  switch (m.kind) {
    case 'delete':
    case 'duplicate': {
      const i = bodyIdx[m.at % bodyIdx.length];
      const list = segs.slice();
      if (m.kind === 'delete') list.splice(i, 1);
      else list.splice(i, 0, segs[i]);
      return { text: rebuild(list), mustFail: true };
    }
    case 'cut': {
      const at = 1 + (m.at % (text.lastIndexOf('IEA') - 1));
      return { text: text.slice(0, at), mustFail: true };
    }
    case 'count': {
      const trailers = segs
        .map((s, i) => [s, i] as const)
        .filter(([s]) => s.id === 'SE' || s.id === 'GE' || s.id === 'IEA');
      const [s, i] = trailers[m.at % trailers.length];
      const list = segs.slice();
      list[i] = { id: s.id, elements: [String(Number(s.elements[0]) + 1), ...s.elements.slice(1)] };
      return { text: rebuild(list), mustFail: true };
    }
    case 'noise': {
      const at = m.at % text.length;
      return { text: text.slice(0, at) + String.fromCharCode(...m.bytes) + text.slice(at), mustFail: false };
    }
  }
}

function sampleTexts(): [string, string][] {
  if (!haveData) return [];
  const pick = [
    '835/lfh__managed-care.835',
    '835/badx12__X221-multiple-claims-single-check.edi',
    '837p/lfh__demo.example1.837',
    '270/oopfactory__Example1_IG.txt',
    '277ca/imsweb__x12_277CA_accepted.txt',
  ];
  return pick.map((f) => [f, fs.readFileSync(path.join(samplesDir, f), 'utf8')]);
}

describe.skipIf(!haveData)(sampleData.title('mutated sample files give positioned issues, never an exception'), () => {
  for (const [name, original] of sampleTexts()) {
    it(name, async () => {
      const t = tokenize(original);
      const d = t.delimiters!;
      const clean = writeSegments(t.segments, d, { lineBreak: d.segment !== '\n' });
      await fc.assert(
        fc.asyncProperty(mutationArb, async (m) => {
          const { text, mustFail } = mutate(clean, t.segments, d, m);
          const r = parseX12File(text, { file: name });
          expect(positioned(r.issues)).toBe(true);
          if (mustFail) expect(r.issues.some((i) => i.severity === 'error')).toBe(true);
          if (name.startsWith('835/')) {
            const s = stream835([text.slice(0, 50), text.slice(50)]);
            for await (const _ of s) void _;
            expect(positioned(s.issues)).toBe(true);
          }
        }),
        { numRuns: 60 },
      );
    });
  }
});

describe('garbage input', () => {
  it('never throws on arbitrary text', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), fc.boolean(), (s, withIsa) => {
        const text = withIsa
          ? `ISA*00*          *00*          *ZZ*A              *ZZ*B              *260101*1200*^*00501*000000001*0*T*:~${s}`
          : s;
        const r = parseX12File(text);
        expect(positioned(r.issues)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });
});
