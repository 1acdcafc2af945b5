/** HI segments: group HealthCode runs into HI segments of at most 12 composites, and read them back. */
import type { Delimiters, Segment, SegmentSink } from '../../syntax/types.ts';
import type { ClaimKind, HealthCode } from './claim-model.ts';
import type { IssueSink } from '../common/issues.ts';
import { type Interner, shared } from '../common/read-model.ts';
import { centsAt, decimalAt } from '../common/read-values.ts';
import { comps, composite, formatCents, formatDecimal, seg } from '../common/values.ts';

/** Qualifiers that stand alone in their HI segment (one occurrence only) on an 837I. */
const SINGLE_I = new Set(['ABK', 'BK', 'ABJ', 'BJ', 'BBR', 'BR', 'CAH', 'DR']);
/** ICD-9 and ICD-10 variants of the same HI kind share one segment. */
const FAMILY: Record<string, string> = {
  BK: 'ABK',
  BF: 'ABF',
  BJ: 'ABJ',
  PR: 'APR',
  BN: 'ABN',
  BR: 'BBR',
  BQ: 'BBQ',
  CAH: 'BBR',
};
const DX_P = new Set(['ABK', 'ABF', 'BK', 'BF']);

function family(kind: ClaimKind, q: string): string {
  if (kind === 'professional' && DX_P.has(q)) return 'dx';
  return FAMILY[q] ?? q;
}

/** Consecutive codes of the same family share an HI segment (max 12; principal kinds alone on 837I). */
export function writeHealthCodes(kind: ClaimKind, codes: readonly HealthCode[], d: Delimiters): Segment[] {
  const out: Segment[] = [];
  writeHealthCodesInto(out, kind, codes, d);
  return out;
}

export function writeHealthCodesInto(
  out: SegmentSink,
  kind: ClaimKind,
  codes: readonly HealthCode[],
  d: Delimiters,
): void {
  let run: string[] = [];
  let runFamily = '';
  for (const c of codes) {
    const f = family(kind, c.qualifier);
    const single = kind === 'institutional' && SINGLE_I.has(c.qualifier);
    if (run.length > 0 && (f !== runFamily || run.length >= 12 || single)) {
      out.push(seg('HI', ...run));
      run = [];
    }
    run.push(writeComposite(c, d));
    runFamily = single ? '#single' : f;
  }
  if (run.length > 0) out.push(seg('HI', ...run));
}

function writeComposite(c: HealthCode, d: Delimiters): string {
  return composite(
    d,
    c.qualifier,
    c.code,
    c.dateFormat,
    c.date,
    c.amount === undefined ? undefined : formatCents(c.amount),
    c.quantity === undefined ? undefined : formatDecimal(c.quantity),
    undefined,
    undefined,
    c.poa,
  );
}

/** Read every composite of an HI segment (empty repeats skipped); qualifiers, codes and dates shared through `t`. */
export function readHealthCodes(s: Segment, d: Delimiters, sink: IssueSink, t?: Interner): HealthCode[] {
  const out: HealthCode[] = [];
  for (let i = 0; i < s.elements.length; i++) {
    const value = s.elements[i]!;
    if (value === '') continue;
    const known = t?.objectOf<HealthCode>('C022', value);
    if (known !== undefined) {
      out.push(known);
      continue;
    }
    const p = comps(value, d);
    const qualifier = shared(t, p[0]) ?? '';
    const code = shared(t, p[1]) ?? '';
    if (p.length <= 2) {
      // the usual "ABK:J069"; one literal with every key (see read-model.ts), kept for the claims that repeat it
      const hc: HealthCode = {
        qualifier,
        code,
        dateFormat: undefined,
        date: undefined,
        amount: undefined,
        quantity: undefined,
        poa: undefined,
      };
      out.push(t ? t.keepObject('C022', value, hc) : hc);
      continue;
    }
    const amount = p[4] ? centsAt(s, i + 1, sink, p[4]) : undefined;
    const quantity = p[5] ? decimalAt(s, i + 1, sink, p[5]) : undefined;
    out.push({
      qualifier,
      code,
      dateFormat: shared(t, p[2]),
      date: shared(t, p[3]),
      amount,
      quantity,
      poa: shared(t, p[8]),
    });
  }
  return out;
}

/** How many diagnoses a service line pointer (1-based) can point at: the claim's diagnosis composites. */
export function diagnosisCount(codes: readonly HealthCode[]): number {
  let n = 0;
  for (let i = 0; i < codes.length; i++) if (DX_P.has(codes[i]!.qualifier)) n++;
  return n;
}
