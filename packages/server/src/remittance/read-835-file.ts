/**
 * Reads an 835 file into its remittances (one per ST..SE), each with what recognises it when it comes
 * again whatever its envelope: a hash of its content from BPR to the last segment before SE (control
 * numbers and separators left out), and the trace (TRN02) with the payer and payee keys. Issues of the
 * tokenizer, the envelopes and the 835 reader are all kept; integrity decides which ones hold the file.
 */
import crypto from 'node:crypto';
import { issueHoldReasons, remittanceHoldReasons, type HoldReason } from '@medbill/core/remittance';
import type { Segment, X12Issue } from '@medbill/x12';
import type { Remittance835 } from '@medbill/x12/835';
import { read835Text } from '@medbill/x12/835';

export interface ReadRemittance {
  /** 1-based position of the transaction set in the file */
  index: number;
  remit: Remittance835;
  contentSha256: string;
  traceNumber: string;
  payerKey: string;
  payeeKey: string;
  /** why this remittance must be held (integrity checks), found where it was read: a parse worker for a big file */
  holds: HoldReason[];
}

export interface Read835FileResult {
  issues: X12Issue[];
  remittances: ReadRemittance[];
  /** transaction sets that are not 835s */
  others: string[];
  /** why the whole file must be held, from the issues (each remittance has its own `holds` too) */
  holds: HoldReason[];
}

/** A hash of a transaction's content, fed segment by segment from ST to SE (ST and SE left out). */
class ContentHash {
  private readonly h = crypto.createHash('sha256');
  constructor(private readonly component: string) {}
  push(s: Segment): void {
    if (s.id === 'ST' || s.id === 'SE') return;
    const h = this.h;
    h.update(s.id);
    for (const e of s.elements) h.update(`*${this.component === ':' ? e : e.split(this.component).join(':')}`);
    h.update('~');
  }
  digest(): string {
    return this.h.digest('hex');
  }
}

const norm = (s: string | undefined) => (s ?? '').trim().toUpperCase();

/** The payer as the file names it: TRN03 (1 + EIN), else REF*2U / N1*PR04, else its name. */
export function payerKeyOf(r: Remittance835): string {
  const ref2u = r.payer?.refs?.find((x) => x.qualifier === '2U')?.value;
  return norm(r.trace?.originatorId) || norm(ref2u) || norm(r.payer?.name.id) || `NAME:${norm(r.payer?.name.lastName)}`;
}

/**
 * One pass over the text (read835Text): the file's segments are never all held at once, only the remittances' model
 * (a 50 MB file's segments were about 500 MB of heap beside it, issue 8).
 */
export function read835File(text: string, fileName: string): Read835FileResult {
  const read = read835Text(text, { file: fileName, segments: (d) => new ContentHash(d.component) });
  const issues: X12Issue[] = read.issues;
  const remittances: ReadRemittance[] = [];
  const others: string[] = [];
  for (const t of read.transactions) {
    if (!t.remit) {
      others.push(`${t.st01} ${t.controlNumber}`);
      continue;
    }
    for (const i of t.issues) issues.push(i);
    const remit = t.remit;
    remittances.push({
      index: t.index,
      remit,
      contentSha256: t.sink!.digest(),
      traceNumber: (remit.trace?.checkOrEftNumber ?? '').trim(),
      payerKey: payerKeyOf(remit),
      payeeKey: norm(remit.payee?.name.id) || norm(remit.payee?.name.lastName),
      holds: [],
    });
  }
  const holds = issueHoldReasons(issues);
  for (const r of remittances) r.holds = remittanceHoldReasons(r.remit, holds);
  return { issues, remittances, others, holds };
}
