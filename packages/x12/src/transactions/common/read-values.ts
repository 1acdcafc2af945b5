/** Value readers that report bad amounts/numbers as issues instead of throwing. */
import type { Segment } from '../../syntax/types.ts';
import { type IssueSink, TX_CODES, txIssue } from './issues.ts';
import { el, parseCents, parseDecimal } from './values.ts';

/** Cents from element n; undefined (no issue) when empty, undefined + issue when malformed. */
export function centsAt(seg: Segment, n: number, sink: IssueSink, raw = el(seg, n)): number | undefined {
  if (raw === '') return undefined;
  const cents = parseCents(raw);
  if (cents === undefined) {
    sink.add(
      txIssue(TX_CODES.amountInvalid, `${seg.id}${String(n).padStart(2, '0')} "${raw}" is not an amount in cents`, {
        seg,
        element: n,
      }),
    );
  }
  return cents;
}

/** Cents from element n, 0 when empty or malformed (malformed is reported). */
export function centsReq(seg: Segment, n: number, sink: IssueSink): number {
  return centsAt(seg, n, sink) ?? 0;
}

/** A decimal (quantity, percent) from element n. */
export function decimalAt(seg: Segment, n: number, sink: IssueSink, raw = el(seg, n)): number | undefined {
  if (raw === '') return undefined;
  const v = parseDecimal(raw);
  if (v === undefined) {
    sink.add(
      txIssue(TX_CODES.numberInvalid, `${seg.id}${String(n).padStart(2, '0')} "${raw}" is not a number`, {
        seg,
        element: n,
      }),
    );
  }
  return v;
}
