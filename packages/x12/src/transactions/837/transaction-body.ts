/** Locate ST, BHT and the body (after BHT, before SE) of one transaction; envelope segments around it are skipped. */
import type { Segment } from '../../syntax/types.ts';
import { type IssueSink, TX_CODES, txIssue } from '../common/issues.ts';
import { el } from '../common/values.ts';

export interface TransactionBody {
  st?: Segment;
  bht?: Segment;
  se?: Segment;
  body: Segment[];
}

export function transactionBody(segments: readonly Segment[], st01: string, sink: IssueSink): TransactionBody {
  const start = segments.findIndex((s) => s.id === 'ST');
  if (start < 0) {
    sink.add(txIssue(TX_CODES.requiredSegmentMissing, `no ST segment: not a ${st01} transaction`, {}));
    return { body: segments.filter((s) => !['ISA', 'GS', 'GE', 'IEA', 'BHT', 'SE'].includes(s.id)) };
  }
  const st = segments[start]!;
  if (el(st, 1) !== st01)
    sink.add(txIssue(TX_CODES.wrongTransaction, `ST01 is "${el(st, 1)}", expected ${st01}`, { seg: st, element: 1 }));
  let end = segments.findIndex((s, i) => i > start && s.id === 'SE');
  if (end < 0) {
    sink.add(txIssue(TX_CODES.requiredSegmentMissing, 'SE trailer is missing', { seg: st }));
    end = segments.length;
    while (end > start + 1 && ['GE', 'IEA'].includes(segments[end - 1]!.id)) end--;
  }
  let from = start + 1;
  const bht = segments[from]?.id === 'BHT' ? segments[from++] : undefined;
  if (!bht) sink.add(txIssue(TX_CODES.requiredSegmentMissing, 'BHT is missing after ST', { seg: st }));
  return { st, bht, se: segments[end], body: segments.slice(from, end) };
}
