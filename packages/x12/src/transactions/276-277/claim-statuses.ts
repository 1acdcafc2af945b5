/** claimStatuses: flatten a 277 (or 276/277CA) tree into one row per claim with its ids and statuses. */
import type { ClaimStatus, ClaimStatusTransaction, Party, StatusInfo, StatusNode } from './status-model.ts';

/** First STC category letter(s): A acknowledgment, F finalized, P pending, R request for info, E error, D data search unsuccessful. */
export type StatusFamily =
  | 'acknowledgment'
  | 'finalized'
  | 'pending'
  | 'requestForInformation'
  | 'error'
  | 'notFound'
  | 'unknown';

export function statusFamily(category: string): StatusFamily {
  if (category === 'D0') return 'notFound';
  switch (category[0]) {
    case 'A':
      return 'acknowledgment';
    case 'F':
      return 'finalized';
    case 'P':
      return 'pending';
    case 'R':
      return 'requestForInformation';
    case 'E':
      return 'error';
    default:
      return 'unknown';
  }
}

export interface ClaimStatusRow {
  /** TRN02 of the 2200 loop */
  trace: string;
  /** REF*EJ (276/277) or, in a 277CA, TRN02: the CLM01 we sent */
  patientControlNumber?: string;
  /** REF*1K payer claim control number (ICN/DCN) */
  payerClaimNumber?: string;
  /** REF*D9: in a 277CA the clearinghouse trace number, which echoes the 837 2300 REF*D9 (our claim id when we send one) */
  clearinghouseTrace?: string;
  billType?: string;
  /** billing/service provider (level 19) */
  provider?: Party;
  /** NM1*QC patient or NM1*IL subscriber the claim hangs on */
  patient: Party;
  statuses: StatusInfo[];
  family: StatusFamily;
  claim: ClaimStatus;
}

const ref = (c: ClaimStatus, q: string) => c.refs?.find((r) => r.qualifier === q)?.value;

export function claimStatuses(tx: ClaimStatusTransaction): ClaimStatusRow[] {
  const rows: ClaimStatusRow[] = [];
  const walk = (n: StatusNode, provider: Party | undefined): void => {
    const p = n.level === '19' ? n.entity : provider;
    for (const c of n.claims ?? []) {
      const statuses = c.statuses ?? [];
      const row: ClaimStatusRow = {
        trace: c.trace.reference,
        patient: n.entity,
        statuses,
        family: statusFamily(statuses[0]?.status.category ?? ''),
        claim: c,
      };
      const pcn = tx.kind === '277CA' ? c.trace.reference : ref(c, 'EJ');
      if (pcn !== undefined) row.patientControlNumber = pcn;
      const ids: Array<[keyof ClaimStatusRow, string]> = [
        ['payerClaimNumber', '1K'],
        ['clearinghouseTrace', 'D9'],
        ['billType', 'BLT'],
      ];
      for (const [k, q] of ids) {
        const v = ref(c, q);
        if (v !== undefined) (row as unknown as Record<string, unknown>)[k] = v;
      }
      if (p) row.provider = p;
      rows.push(row);
    }
    for (const child of n.children) walk(child, p);
  };
  for (const r of tx.roots) walk(r, undefined);
  return rows;
}
