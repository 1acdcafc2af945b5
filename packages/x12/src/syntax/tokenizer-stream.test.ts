import { describe, expect, it } from 'vitest';
import { tokenize, tokenizeStream } from './tokenizer.ts';
import type { Segment } from './types.ts';
import { isa } from './test-helpers.ts';

interface Variant {
  name: string;
  el: string;
  rep: string;
  comp: string;
  term: string;
  after: string; // text written after every terminator
}

const VARIANTS: Variant[] = [
  { name: '*:~', el: '*', rep: '^', comp: ':', term: '~', after: '' },
  { name: '~ with CRLF', el: '*', rep: '^', comp: ':', term: '~', after: '\r\n' },
  { name: '~ with LF + indentation', el: '*', rep: '^', comp: ':', term: '~', after: '\n   ' },
  { name: '|>~', el: '|', rep: 'U', comp: '>', term: '~', after: '' },
  { name: 'newline terminator', el: '*', rep: '^', comp: ':', term: '\n', after: '' },
  { name: 'CR terminator + LF', el: '*', rep: '^', comp: ':', term: '\r', after: '\n' },
  { name: '^{~', el: '^', rep: '{', comp: ':', term: '~', after: '' },
  { name: '0x1D terminator', el: '*', rep: '^', comp: ':', term: '\x1d', after: '\r\n' },
];

/** A small 835-like interchange using the variant's separators (repetition separator in use). */
function sample(v: Variant, claims = 40): string {
  const { el, comp, term, after } = v;
  const rep = v.rep === 'U' ? '' : v.rep;
  const segs: string[] = [
    `GS${el}HP${el}SENDER${el}RECEIVER${el}20260101${el}1253${el}1${el}X${el}005010X221A1`,
    `ST${el}835${el}0001`,
    `BPR${el}I${el}1000${el}C${el}ACH`,
    `N1${el}PR${el}ÉCOLE PAYER`,
  ];
  for (let i = 0; i < claims; i++) {
    segs.push(`CLP${el}PCN${i}${el}1${el}200${el}150${el}${el}12${el}ICN${i}`);
    segs.push(`CAS${el}CO${el}45${el}50${el}${el}`);
    segs.push(`SVC${el}HC${comp}99213${comp}25${el}200${el}150`);
    if (rep) segs.push(`HI${el}ABK${comp}J449${rep}ABF${comp}E119`);
    segs.push(`DTM${el}472${el}2026010${i % 10}`);
  }
  segs.push(`SE${el}${segs.length - 1 + 1}${el}0001`, `GE${el}1${el}1`, `IEA${el}1${el}000000905`);
  return `\uFEFF${isa(el, v.rep, comp, term, '000000905')}${after}${segs.join(term + after)}${term}${after}`;
}

/** The naive oracle: split on the terminator, drop whitespace, split on the element separator. */
function naive(text: string, v: Variant): { id: string; elements: string[] }[] {
  return text
    .replace(/^\uFEFF/, '')
    .split(v.term)
    .map((s) => s.replace(/^[\s]+/, '').replace(/[\r\n]+$/, ''))
    .filter((s) => s.length > 0)
    .map((s) => {
      const [id, ...elements] = s.split(v.el);
      return { id, elements };
    });
}

function chunksOf(text: string, size: number): string[] {
  const out: string[] = [];
  for (let i = 0; i < text.length; i += size) out.push(text.slice(i, i + size));
  return out;
}

/** Chunks that end exactly after every occurrence of `ch`. */
function chunksEndingOn(text: string, ch: string): string[] {
  const out: string[] = [];
  let from = 0;
  for (let i = text.indexOf(ch); i >= 0; i = text.indexOf(ch, i + 1)) {
    out.push(text.slice(from, i + 1));
    from = i + 1;
  }
  out.push(text.slice(from));
  return out;
}

async function collect(chunks: Iterable<string | Uint8Array>): Promise<Segment[]> {
  const all: Segment[] = [];
  const stream = tokenizeStream(chunks);
  for await (const batch of stream) all.push(...batch);
  expect(stream.issues).toEqual([]);
  return all;
}

const strip = (segs: Segment[]) => segs.map(({ id, elements }) => ({ id, elements }));

describe('tokenizeStream matches a naive split for every chunking', () => {
  for (const v of VARIANTS) {
    it(v.name, async () => {
      const text = sample(v);
      const expected = naive(text, v);
      const whole = tokenize(text);
      expect(whole.issues).toEqual([]);
      expect(strip(whole.segments)).toEqual(expected);
      expect(whole.segments[0].elements[12]).toBe('000000905');
      const bytes = new TextEncoder().encode(text);
      const chunkings: [string, Iterable<string | Uint8Array>][] = [
        ['1 char', chunksOf(text, 1)],
        ['7 chars', chunksOf(text, 7)],
        ['64 KiB', chunksOf(text, 65536)],
        ['on terminator', chunksEndingOn(text, v.term)],
        ['on CR', chunksEndingOn(text, '\r')],
        ['on LF', chunksEndingOn(text, '\n')],
        ['1 byte', Array.from({ length: bytes.length }, (_, i) => bytes.subarray(i, i + 1))],
        ['7 bytes', Array.from({ length: Math.ceil(bytes.length / 7) }, (_, i) => bytes.subarray(i * 7, i * 7 + 7))],
      ];
      for (const [label, chunks] of chunkings) {
        const got = await collect(chunks);
        expect(strip(got), label).toEqual(expected);
        expect(
          got.map((s) => s.loc),
          label,
        ).toEqual(whole.segments.map((s) => s.loc));
      }
    });
  }

  it('switches separators at a second interchange, for any chunking', async () => {
    const text = sample(VARIANTS[1], 3) + sample(VARIANTS[3], 3).slice(1) + sample(VARIANTS[4], 3).slice(1);
    const whole = tokenize(text);
    expect(whole.issues).toEqual([]);
    expect(whole.segments.filter((x) => x.id === 'ISA')).toHaveLength(3);
    for (const size of [1, 7, 106, 107, 4096]) {
      expect(await collect(chunksOf(text, size)), `chunks of ${size}`).toEqual(whole.segments);
    }
  });

  it('stops with an issue instead of buffering a file whose terminator never comes', async () => {
    const text = sample(VARIANTS[0], 1)
      .replace(/~/g, '#')
      .replace(/^(\uFEFF)?(ISA.{101}):#/, '$1$2:~');
    const body = `NM1*${'X'.repeat(1 << 16)}`;
    const s = tokenizeStream([text, ...Array.from({ length: 20 }, () => body)]);
    const segs: Segment[] = [];
    for await (const b of s) segs.push(...b);
    expect(segs.map((x) => x.id)).toEqual(['ISA']);
    expect(s.issues.map((i) => i.code)).toEqual(['SEGMENT_TOO_LONG']);
  });

  it('reads from an async iterable and keeps memory to the unfinished tail', async () => {
    const v = VARIANTS[1];
    const text = sample(v, 2000);
    async function* gen() {
      for (const c of chunksOf(text, 4096)) yield c;
    }
    let count = 0;
    for await (const batch of tokenizeStream(gen())) count += batch.length;
    expect(count).toBe(naive(text, v).length);
  });
});
