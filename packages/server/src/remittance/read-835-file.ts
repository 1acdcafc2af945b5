/**
 * Reads an 835 file into its remittances (one per ST..SE), each with what recognises it when it comes
 * again whatever its envelope: a hash of its content from BPR to the last segment before SE (control
 * numbers and separators left out), and the trace (TRN02) with the payer and payee keys. Issues of the
 * tokenizer, the envelopes and the 835 reader are all kept; integrity decides which ones hold the file.
 */
import crypto from 'node:crypto';
import { issueHoldReasons, remittanceHoldReasons, type HoldReason } from '@medbill/core/remittance';
import { readEnvelopes } from '@medbill/x12';
import { tokenize } from '@medbill/x12';
import { DEFAULT_DELIMITERS, type Segment, type X12Issue } from '@medbill/x12';
import type { Remittance835 } from '@medbill/x12/835';
import { read835 } from '@medbill/x12/835';

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

function contentHash(segments: readonly Segment[], component: string): string {
  const h = crypto.createHash('sha256');
  for (const s of segments) {
    if (s.id === 'ST' || s.id === 'SE') continue;
    h.update(s.id);
    for (const e of s.elements) h.update(`*${component === ':' ? e : e.split(component).join(':')}`);
    h.update('~');
  }
  return h.digest('hex');
}

const norm = (s: string | undefined) => (s ?? '').trim().toUpperCase();

/** The payer as the file names it: TRN03 (1 + EIN), else REF*2U / N1*PR04, else its name. */
export function payerKeyOf(r: Remittance835): string {
  const ref2u = r.payer?.refs?.find((x) => x.qualifier === '2U')?.value;
  return norm(r.trace?.originatorId) || norm(ref2u) || norm(r.payer?.name.id) || `NAME:${norm(r.payer?.name.lastName)}`;
}

export function read835File(text: string, fileName: string): Read835FileResult {
  const tokens = tokenize(text, { file: fileName });
  const env = readEnvelopes(tokens.segments, { file: fileName });
  const issues: X12Issue[] = [...tokens.issues, ...env.issues];
  const remittances: ReadRemittance[] = [];
  const others: string[] = [];
  const first = tokens.delimiters ?? DEFAULT_DELIMITERS;
  let index = 0;
  for (const { t, comp } of env.interchanges.flatMap((ic) => {
    // a later interchange may declare its own component separator (ISA16)
    const isa16 = ic.isa.elements[15] ?? '';
    const comp = isa16.length === 1 ? isa16 : first.component;
    return ic.groups.flatMap((g) => g.transactions.map((t) => ({ t, comp })));
  })) {
    index++;
    const delimiters = { ...first, component: comp };
    if (t.st01 !== '835') {
      others.push(`${t.st01} ${t.controlNumber}`);
      continue;
    }
    const read = read835(t.segments, { file: fileName, delimiters });
    issues.push(...read.issues);
    const remit = read.value;
    remittances.push({
      index,
      remit,
      contentSha256: contentHash(t.segments, delimiters.component),
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
