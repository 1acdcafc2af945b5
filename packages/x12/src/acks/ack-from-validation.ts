import { GUIDE_CODES, type GuideCode, type GuideIssue } from '../guides/guide-codes.ts';
import type { GroupResult, TransactionResult, ValidateFileResult } from '../guides/validate.ts';
import type { X12Issue } from '../syntax/types.ts';
import { AK905_BY_CODE, IK304_BY_SYNTAX_CODE, IK502_BY_CODE } from './ack-codes.ts';
import type { AckStatus, ElementErrorAck, GroupAck, SegmentErrorAck, TransactionSetAck } from './ack-types.ts';

/** IK404 may not hold separators; keep it short and printable. */
function badData(value: string | undefined): string | undefined {
  if (value === undefined || value === '') return undefined;
  const clean = value
    .replace(/[^A-Za-z0-9 .,\-/()&@#%?'"=+!$;]/g, ' ')
    .slice(0, 99)
    .trim();
  return clean === '' ? undefined : clean;
}

/** Copied identifiers (GS06, ST02 …) without characters that could act as separators in the 999. */
export function copyValue(v: string): string {
  return v.replace(/[^A-Za-z0-9 .-]/g, '').slice(0, 35);
}

function codesFor(issue: X12Issue): { ik304?: string; ik403?: string } {
  if (issue.layer === 'guide') {
    const entry = GUIDE_CODES[issue.code as GuideCode] as { ik304?: string; ik403?: string } | undefined;
    return entry ?? {};
  }
  const ik304 = IK304_BY_SYNTAX_CODE[issue.code];
  return ik304 ? { ik304 } : {};
}

function elementAck(issue: X12Issue, ik403: string): ElementErrorAck {
  const e: ElementErrorAck = { position: issue.location.element ?? 1, code: ik403 };
  if (issue.location.component !== undefined) e.component = issue.location.component;
  const ref = (issue as GuideIssue).dataElement;
  if (ref && /^\d{1,4}$/.test(ref)) e.reference = ref; // composites (C023) and unknown elements have none

  const bad = ik403 === '1' ? undefined : badData(issue.found);
  if (bad !== undefined) e.badData = bad;
  return e;
}

/**
 * IK303 is DE 447 (1-4 characters): the loop id of the standard's transaction set diagram ('2010'), not
 * the TR3 name ('2010AA'), which is its first four characters.
 */
function standardLoopId(loop: string | undefined): string | undefined {
  return loop && loop !== 'ST' ? loop.slice(0, 4) : undefined;
}

/** IK3/IK4 loops for one transaction: element errors of one segment share an IK3 with IK304 = 8. */
export function segmentErrors(tx: TransactionResult, issues: readonly X12Issue[]): SegmentErrorAck[] {
  const out: SegmentErrorAck[] = [];
  const byElementSegment = new Map<number, SegmentErrorAck>();
  for (const issue of issues) {
    const { ik304, ik403 } = codesFor(issue);
    const at = issue.location.segmentIndex;
    if (!ik304 || at === undefined) continue;
    const position = Math.max(1, at - tx.stIndex + 1);
    const loop = standardLoopId(issue.location.loop);
    const segmentId = (issue.location.segmentId ?? '')
      .toUpperCase()
      .replace(/[^A-Z0-9]/g, '')
      .slice(0, 3);
    if (segmentId.length < 2) continue; // unreadable segment id: the IK5 still rejects
    if (ik403) {
      let seg = byElementSegment.get(position);
      if (!seg) {
        seg = { segmentId, position, code: '8', elements: [], ...(loop ? { loop } : {}) };
        byElementSegment.set(position, seg);
        out.push(seg);
      }
      if (seg.elements.length < 99) seg.elements.push(elementAck(issue, ik403));
    } else {
      out.push({ segmentId, position, code: ik304, elements: [], ...(loop ? { loop } : {}) });
    }
  }
  return out;
}

export function transactionAck(tx: TransactionResult): TransactionSetAck {
  const errors = tx.issues.filter((i) => i.severity === 'error');
  const reported = tx.issues.filter((i) => i.severity === 'error' || codesFor(i).ik304 !== undefined);
  const segs = segmentErrors(tx, reported);
  const codes = new Set<string>();
  for (const i of errors) {
    const c = IK502_BY_CODE[i.code];
    if (c) codes.add(c);
  }
  let status: AckStatus = 'A';
  if (errors.length > 0) {
    status = 'R';
    if (codes.size === 0 || segs.length > 0) codes.add('5');
  } else if (segs.length > 0) {
    status = 'E';
    codes.add('I5');
  }
  const ack: TransactionSetAck = {
    st01: copyValue(tx.st01),
    controlNumber: copyValue(tx.st02),
    segmentErrors: segs,
    status,
    errorCodes: [...codes].slice(0, 5),
  };
  if (copyValue(tx.st03)) ack.version = copyValue(tx.st03);
  return ack;
}

export function groupAck(g: GroupResult): GroupAck {
  const transactions = g.transactions.map(transactionAck);
  const errorCodes = [
    ...new Set(
      g.issues
        .filter((i) => i.severity === 'error')
        .map((i) => AK905_BY_CODE[i.code])
        .filter((c): c is string => c !== undefined),
    ),
  ];
  const received = transactions.length;
  let accepted = transactions.filter((t) => t.status === 'A' || t.status === 'E').length;
  let status: AckStatus;
  if (errorCodes.length > 0 || accepted === 0) {
    status = 'R';
    accepted = 0;
  } else if (accepted < received) status = 'P';
  else status = transactions.some((t) => t.status === 'E') ? 'E' : 'A';
  const ack: GroupAck = {
    functionalId: copyValue(g.gs01),
    groupControlNumber: copyValue(g.gs06),
    transactions,
    status,
    included: g.geCount ?? received,
    received,
    accepted,
    errorCodes: errorCodes.slice(0, 5),
  };
  if (copyValue(g.gs08)) ack.version = copyValue(g.gs08);
  return ack;
}

/** One GroupAck (one 999 transaction set) per functional group received. */
export function groupAcks(result: ValidateFileResult): GroupAck[] {
  return result.interchanges.flatMap((ic) => ic.groups.map(groupAck));
}
