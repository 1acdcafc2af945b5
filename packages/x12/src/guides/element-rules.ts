import type { Delimiters, IssueLocation, Segment } from '../syntax/types.ts';
import { checkDateTimePeriod, isValidDate, isValidTime } from './date-time.ts';
import { EXTERNAL_CODES } from './defs/external-codes.ts';
import { guideIssue, oneOf, type GuideCode, type GuideIssue } from './guide-codes.ts';
import type { ElementDef, SegmentDef } from './types.ts';

/** External lists we trust enough to reject on (pyx12's remark-code list is out of date). */
const CHECKED_EXTERNAL = new Set([
  'states',
  'country',
  'currency',
  'pos',
  'entity_id',
  'claim_status_cat',
  'claim_status',
]);
const externalSets = new Map<string, Set<string>>();
function externalSet(name: string): Set<string> | undefined {
  if (!CHECKED_EXTERNAL.has(name) || !EXTERNAL_CODES[name]) return undefined;
  let s = externalSets.get(name);
  if (!s) externalSets.set(name, (s = new Set(EXTERNAL_CODES[name])));
  return s;
}
const codeSets = new WeakMap<readonly string[], Set<string>>();
function codeSet(codes: readonly string[]): Set<string> {
  let s = codeSets.get(codes);
  if (!s) codeSets.set(codes, (s = new Set(codes)));
  return s;
}

export interface ElementContext {
  delimiters: Delimiters;
  /** location of the segment (file, line, offset, segmentIndex, segmentId, loop); called only when reporting */
  where(): IssueLocation;
  out: GuideIssue[];
}

const NUMERIC = /^-?\d+$/;
const DECIMAL = /^-?(\d+\.?\d*|\.\d+)$/;
const regexCache = new Map<string, RegExp>();

function report(
  ctx: ElementContext,
  code: GuideCode,
  e: ElementDef,
  pos: Pos,
  message: string,
  expected?: string,
  found?: string,
): void {
  const location: IssueLocation = { ...ctx.where(), element: pos[0] };
  if (pos[1] !== undefined) location.component = pos[1];
  ctx.out.push(guideIssue(code, message, location, { expected, found, dataElement: e.de }));
}

type Pos = readonly [number, number?];

function label(seg: string, pos: Pos): string {
  const el = `${seg}${String(pos[0]).padStart(2, '0')}`;
  return pos[1] === undefined ? el : `${el}-${pos[1]}`;
}

/** Significant length: numeric types do not count sign or decimal point. */
function lengthOf(value: string, e: ElementDef): number {
  if (e.type === 'AN' || e.type === 'ID' || e.type === 'DT' || e.type === 'TM' || e.type === 'B') return value.length;
  let n = 0;
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c !== 45 && c !== 46) n++;
  }
  return n;
}

// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what this finds
const CONTROL = /[\x00-\x1f]/;
function hasControlChar(v: string): boolean {
  return CONTROL.test(v);
}

function inCodes(codes: readonly string[], v: string): boolean {
  return codes.length <= 16 ? codes.includes(v) : codeSet(codes).has(v);
}

/** Check one simple (non-composite) value that is present. */
function checkValue(ctx: ElementContext, segId: string, e: ElementDef, v: string, el: number, comp?: number): void {
  const bad = valueProblem(e, v);
  if (!bad) return;
  const pos: Pos = comp === undefined ? [el] : [el, comp];
  report(ctx, bad.code, e, pos, `${label(segId, pos)} (${e.name}) ${bad.message}`, bad.expected, bad.found ?? v);
}

interface Problem {
  code: GuideCode;
  message: string;
  expected: string;
  found?: string;
}

/** The first problem of a present simple value, or null (allocates only when something is wrong). */
function valueProblem(e: ElementDef, v: string): Problem | null {
  const t = e.type;
  if (t === 'N0' || t === 'N' || t === 'N1' || t === 'N2' || t === 'N3' || t === 'N4') {
    if (!NUMERIC.test(v))
      return { code: 'BAD_NUMERIC', message: 'is not a whole number', expected: `digits (type ${t})` };
  } else if (t === 'R') {
    if (!DECIMAL.test(v))
      return { code: 'BAD_NUMERIC', message: 'is not a decimal number', expected: 'a decimal number (type R)' };
  } else if (t === 'DT') {
    if (!isValidDate(v) || v.length < e.min)
      return { code: 'INVALID_DATE', message: 'is not a valid date', expected: e.max === 8 ? 'CCYYMMDD' : 'YYMMDD' };
  } else if (t === 'TM') {
    if (!isValidTime(v)) return { code: 'INVALID_TIME', message: 'is not a valid time', expected: 'HHMM[SS[D..]]' };
  } else if (hasControlChar(v)) {
    return {
      code: 'INVALID_CHARACTER',
      message: 'contains a control character',
      expected: 'printable characters',
      found: JSON.stringify(v),
    };
  }
  const len = lengthOf(v, e);
  if (len > e.max)
    return {
      code: 'ELEMENT_TOO_LONG',
      message: `is too long (${len} > ${e.max})`,
      expected: `at most ${e.max} characters`,
    };
  if (len < e.min)
    return {
      code: 'ELEMENT_TOO_SHORT',
      message: `is too short (${len} < ${e.min})`,
      expected: `at least ${e.min} characters`,
    };
  if (e.codes && !inCodes(e.codes, v))
    return { code: 'INVALID_CODE_VALUE', message: `has an invalid code '${v}'`, expected: oneOf(e.codes) };
  if (e.ext) {
    const set = externalSet(e.ext);
    if (set && !set.has(v))
      return {
        code: 'INVALID_CODE_VALUE',
        message: `'${v}' is not in the ${e.ext} code list`,
        expected: `a ${e.ext} code`,
      };
  }
  if (e.regex) {
    let re = regexCache.get(e.regex);
    if (!re) regexCache.set(e.regex, (re = new RegExp(`^(?:${e.regex})$`)));
    if (!re.test(v))
      return { code: 'PATTERN_MISMATCH', message: 'does not match the required pattern', expected: e.regex };
  }
  return null;
}

function checkComposite(ctx: ElementContext, segId: string, e: ElementDef, v: string): void {
  const parts = e.parts ?? [];
  const comps = v.split(ctx.delimiters.component);
  if (comps.length > parts.length && parts.length > 0) {
    report(
      ctx,
      'TOO_MANY_COMPONENTS',
      e,
      [e.seq, parts.length + 1],
      `${label(segId, [e.seq])} has ${comps.length} components, at most ${parts.length} allowed`,
      `${parts.length} components`,
      v,
    );
  }
  for (const p of parts) {
    const cv = comps[p.seq - 1] ?? '';
    if (cv === '') {
      if (p.usage === 'R')
        report(
          ctx,
          'REQUIRED_ELEMENT_MISSING',
          p,
          [e.seq, p.seq],
          `required ${label(segId, [e.seq, p.seq])} (${p.name}) is missing`,
          p.name,
        );
    } else if (p.usage === 'N') {
      report(
        ctx,
        'NOT_USED_ELEMENT_PRESENT',
        p,
        [e.seq, p.seq],
        `${label(segId, [e.seq, p.seq])} (${p.name}) is not used in this guide`,
        'empty',
        cv,
      );
    } else {
      checkValue(ctx, segId, p, cv, e.seq, p.seq);
    }
  }
}

/** Check every element of `seg` against `def`; issues go to ctx.out. */
export function checkElements(seg: Segment, def: SegmentDef, ctx: ElementContext): void {
  const els = seg.elements;
  const defs = def.elements;
  const last = defs.length > 0 ? defs[defs.length - 1].seq : 0;
  if (els.length > last) {
    for (let i = els.length - 1; i >= last; i--) {
      if (els[i] === '') continue;
      const extra: ElementDef = { seq: i + 1, name: 'extra element', usage: 'N', type: 'AN', min: 0, max: 0, de: '' };
      report(
        ctx,
        'TOO_MANY_ELEMENTS',
        extra,
        [i + 1],
        `${seg.id} has ${els.length} elements, the guide defines ${last}`,
        `at most ${last} elements`,
        els[i],
      );
      break;
    }
  }
  const rep = ctx.delimiters.repetition;
  for (const e of defs) {
    const v = els[e.seq - 1] ?? '';
    if (v === '') {
      if (e.usage === 'R')
        report(
          ctx,
          'REQUIRED_ELEMENT_MISSING',
          e,
          [e.seq],
          `required ${label(seg.id, [e.seq])} (${e.name}) is missing`,
          e.name,
        );
      continue;
    }
    if (e.usage === 'N') {
      report(
        ctx,
        'NOT_USED_ELEMENT_PRESENT',
        e,
        [e.seq],
        `${label(seg.id, [e.seq])} (${e.name}) is not used in this guide`,
        'empty',
        v,
      );
      continue;
    }
    if (rep !== '' && v.includes(rep)) {
      for (const one of v.split(rep)) {
        if (e.parts) checkComposite(ctx, seg.id, e, one);
        else checkValue(ctx, seg.id, e, one, e.seq);
      }
    } else if (e.parts) checkComposite(ctx, seg.id, e, v);
    else checkValue(ctx, seg.id, e, v, e.seq);
    if (e.fmt !== undefined) {
      const bad = checkDateTimePeriod(els[e.fmt - 1] ?? '', v);
      if (bad)
        report(
          ctx,
          bad.code,
          e,
          [e.seq],
          `${label(seg.id, [e.seq])} '${v}' does not match format ${els[e.fmt - 1]}`,
          bad.expected,
          v,
        );
    }
  }
  if (def.syntax) checkSyntaxNotes(seg, def, ctx);
}

interface SyntaxNote {
  kind: string;
  positions: number[];
}
const noteCache = new WeakMap<SegmentDef, SyntaxNote[]>();
function notesOf(def: SegmentDef): SyntaxNote[] {
  let notes = noteCache.get(def);
  if (!notes) {
    notes = (def.syntax ?? []).map((note) => {
      const positions: number[] = [];
      for (let i = 1; i + 2 <= note.length; i += 2) positions.push(Number(note.slice(i, i + 2)));
      return { kind: note[0], positions };
    });
    noteCache.set(def, notes);
  }
  return notes;
}

/** X12 syntax notes: P paired, R required (one of), C conditional, E exclusion, L list conditional. */
function checkSyntaxNotes(seg: Segment, def: SegmentDef, ctx: ElementContext): void {
  const els = seg.elements;
  for (const { kind, positions } of notesOf(def)) {
    let n = 0;
    for (const p of positions) if ((els[p - 1] ?? '') !== '') n++;
    const firstPresent = (els[positions[0] - 1] ?? '') !== '';
    const broken =
      (kind === 'P' && n > 0 && n < positions.length) ||
      (kind === 'R' && n === 0) ||
      (kind === 'C' && firstPresent && n < positions.length) ||
      (kind === 'L' && firstPresent && n < 2) ||
      (kind === 'E' && n > 1);
    if (broken) reportSyntaxNote(seg, def, ctx, kind, positions);
  }
}

function reportSyntaxNote(seg: Segment, def: SegmentDef, ctx: ElementContext, kind: string, positions: number[]): void {
  const present = positions.map((p) => (seg.elements[p - 1] ?? '') !== '');
  const firstMissing = positions.find((_, i) => !present[i]) ?? positions[0];
  const at = kind === 'E' ? positions.filter((_, i) => present[i])[1] : kind === 'R' ? positions[0] : firstMissing;
  const e = def.elements.find((x) => x.seq === at) ?? def.elements[0];
  if (!e) return;
  const ids = positions.map((p) => label(seg.id, [p])).join(', ');
  const first = label(seg.id, [positions[0]]);
  const text: Record<string, [string, string]> = {
    P: [`${ids} must be used together`, `all of ${ids}`],
    R: [`at least one of ${ids} is required`, `one of ${ids}`],
    C: [`${first} requires ${ids.split(', ').slice(1).join(', ')}`, `all of ${ids}`],
    L: [`${first} requires at least one of the others in ${ids}`, `one more of ${ids}`],
    E: [`only one of ${ids} may be used`, `at most one of ${ids}`],
  };
  const [message, expected] = text[kind] ?? [`syntax note ${kind} broken`, ids];
  report(ctx, kind === 'E' ? 'EXCLUSION_VIOLATED' : 'CONDITIONAL_ELEMENT_MISSING', e, [at], message, expected);
}
