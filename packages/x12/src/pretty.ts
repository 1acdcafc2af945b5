/**
 * Pretty printer: one segment a line, indented by envelope and loop (HL hierarchy + claim/line for
 * 837, 1000/2000/2100/2110 for 835). The output tokenizes to the same segments as the input.
 */
import type { Delimiters, Segment } from './syntax/types.ts';
import { tokenize } from './syntax/tokenizer.ts';

const INDENT = '  ';

/** Depth for segments inside an ST, per transaction kind. */
interface LoopIndenter {
  depth(seg: Segment): number;
}

/** 837: HL nesting by parent id; CLM (2300) and LX (2400) below the HL. */
function indenter837(): LoopIndenter {
  const hlDepth = new Map<string, number>();
  let base = 0; // depth of the current HL (0 before any HL)
  let inner = 1; // depth of ordinary segments
  return {
    depth(seg) {
      const e = seg.elements;
      if (seg.id === 'HL') {
        const parent = e[1] ? hlDepth.get(e[1]) : undefined;
        base = parent === undefined ? 1 : parent + 1;
        hlDepth.set(e[0] ?? '', base);
        inner = base + 1;
        return base;
      }
      if (base === 0) return 1;
      if (seg.id === 'CLM') {
        inner = base + 2;
        return base + 1;
      }
      if (seg.id === 'LX') {
        inner = base + 3;
        return base + 2;
      }
      return inner;
    },
  };
}

/** 835: header, N1 parties, LX (2000), CLP (2100), SVC (2110), PLB. */
function indenter835(): LoopIndenter {
  let inner = 1;
  return {
    depth(seg) {
      switch (seg.id) {
        case 'N1':
          inner = 2;
          return 1;
        case 'LX':
          inner = 2;
          return 1;
        case 'CLP':
          inner = 3;
          return 2;
        case 'SVC':
          inner = 4;
          return 3;
        case 'PLB':
          inner = 1;
          return 1;
        default:
          return inner;
      }
    },
  };
}

function indenterFor(st01: string): LoopIndenter {
  if (st01 === '837') return indenter837();
  if (st01 === '835') return indenter835();
  return { depth: () => 1 };
}

/** Indentation depth of every segment (ISA 0, GS 1, ST 2, transaction body 3+). */
export function segmentDepths(segments: readonly Segment[]): number[] {
  let loop: LoopIndenter | null = null;
  return segments.map((seg) => {
    switch (seg.id) {
      case 'ISA':
      case 'IEA':
      case 'TA1':
        return 0;
      case 'GS':
      case 'GE':
        return 1;
      case 'ST':
        loop = indenterFor(seg.elements[0] ?? '');
        return 2;
      case 'SE':
        loop = null;
        return 2;
      default:
        return loop ? 2 + loop.depth(seg) : 2;
    }
  });
}

/** Render segments one per line with indentation, using the given separators. */
export function prettySegments(segments: readonly Segment[], delims: Delimiters): string {
  const depths = segmentDepths(segments);
  const end = delims.segment === '\n' ? '\n' : `${delims.segment}\n`;
  let out = '';
  segments.forEach((seg, i) => {
    const body = seg.elements.length ? seg.id + delims.element + seg.elements.join(delims.element) : seg.id;
    out += INDENT.repeat(depths[i]) + body + end;
  });
  return out;
}

/** Pretty-print X12 text ('' when no ISA could be read; see `tokenize` for the issues). */
export function prettyX12(text: string, opts: { file?: string } = {}): string {
  const t = tokenize(text, opts);
  if (!t.delimiters) return '';
  return prettySegments(t.segments, t.delimiters);
}
