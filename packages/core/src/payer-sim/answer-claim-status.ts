/**
 * answerClaimStatus: a 276 claim status request file in, the payer's 277 (005010X212) out — or a 999 when the 276
 * is not valid. Each claim asked about (payer id of 2100A + REF*EJ patient control number) is answered from what the
 * payer remembers of the claims it received (accumulators.received, kept by simulatePayer): not found (A4:35),
 * rejected on the 277CA (its A3/A7/A8 code), accepted and not yet adjudicated (P1:20), paid (F1:65 with the
 * charge, paid amount, adjudication date and the 835's trace), denied (F2 with the reason in the status code),
 * adjudicated with nothing to pay (F4), voided or reversed by a later claim (F4/F3:101). Pure and deterministic.
 */
import { build999 } from '@medbill/x12/acks';
import { validateFile } from '@medbill/x12';
import { parseX12File } from '@medbill/x12';
import {
  buildClaimStatus,
  type ClaimStatus,
  type ClaimStatusTransaction,
  type StatusInfo,
  type StatusNode,
} from '@medbill/x12/276-277';
import type { Accumulators, ReceivedClaimRecord } from './accumulators.ts';
import type { PayerContract } from './contract.ts';
import { ccyymmdd, hhmm } from './dates.ts';
import { envelopeOf, writeInterchange } from './simulate-payer.ts';

export interface AnswerClaimStatusConfig {
  contracts: Record<string, PayerContract>;
  now: Date;
  controlNumbers: { next(): number };
  accumulators: Accumulators;
}

export interface ClaimStatusAnswer {
  /** the 277 interchange, '' when the 276 was rejected */
  text277: string;
  /** a 999 when the 276 had errors, else '' */
  ack999: string;
}

export function answerClaimStatus(text276: string, config: AnswerClaimStatusConfig): ClaimStatusAnswer {
  const today = ccyymmdd(config.now);
  const time = hhmm(config.now);
  const v = validateFile(text276);
  const requests = parseX12File(text276).transactions.filter((t) => t.st01 === '276' && t.value);
  if (v.issues.some((i) => i.severity === 'error') || requests.length === 0) {
    const ack999 = build999(v, { controlNumber: String(config.controlNumbers.next()), date: today, time }) ?? '';
    return { text277: '', ack999 };
  }
  const env = envelopeOf(v);
  const n = config.controlNumbers.next();
  const bodies = requests.map((t, i) => {
    const req = t.value as ClaimStatusTransaction;
    const answer: ClaimStatusTransaction = {
      kind: '277',
      controlNumber: String(i + 1).padStart(4, '0'),
      header: { purpose: '08', referenceId: req.header.referenceId, date: today, time, transactionType: 'DG' },
      roots: req.roots.map((r) => answerNode(r, r.entity.name.id ?? '', config, today)),
    };
    return buildClaimStatus(answer);
  });
  return { text277: writeInterchange(env, n, config.now, 'HN', '005010X212', bodies), ack999: '' };
}

function answerNode(n: StatusNode, payerId: string, config: AnswerClaimStatusConfig, today: string): StatusNode {
  // the 277 names people without demographics (no DMG in 2000D/E)
  const { demographics: _dmg, ...entity } = n.entity;
  const out: StatusNode = {
    level: n.level,
    entityCode: n.entityCode,
    entity,
    children: n.children.map((c) => answerNode(c, payerId, config, today)),
  };
  if (n.claims?.length) out.claims = n.claims.map((c) => answerClaim(c, payerId, config, today));
  return out;
}

function answerClaim(c: ClaimStatus, payerId: string, config: AnswerClaimStatusConfig, today: string): ClaimStatus {
  const pcn = c.refs?.find((r) => r.qualifier === 'EJ')?.value;
  const known = config.contracts[payerId] && pcn ? config.accumulators.received?.[`${payerId}|${pcn}`] : undefined;
  const status = known ? statusOf(known, today) : { status: { category: 'A4', code: '35' }, date: today };
  const refs = [
    ...(known?.icn ? [{ qualifier: '1K', value: known.icn }] : []),
    ...(c.refs ?? []).filter((r) => r.qualifier === 'BLT' || r.qualifier === 'EJ'),
  ];
  const dates = (c.dates ?? []).filter((d) => d.qualifier === '472');
  return {
    trace: { ...c.trace, type: '2' },
    statuses: [status],
    ...(refs.length ? { refs } : {}),
    ...(dates.length ? { dates } : {}),
  };
}

/** CARC of a denial → the claim status code that says the same (code source 508); else "see the remittance". */
const DENIAL_STATUS: Readonly<Record<string, string>> = {
  '26': '88',
  '27': '88',
  '31': '97',
  '177': '88',
  '200': '88',
  '109': '116',
  '197': '84',
  '198': '84',
  '39': '84',
  '18': '54',
  '22': '85',
  '96': '104',
  '204': '104',
};

function statusOf(r: ReceivedClaimRecord, today: string): StatusInfo {
  if (r.rejection)
    return {
      status: {
        category: r.rejection.category,
        code: r.rejection.code,
        ...(r.rejection.entity ? { entity: r.rejection.entity } : {}),
      },
      date: r.receivedOn,
      chargeAmount: r.chargeCents,
    };
  const finalized = (category: string, code: string): StatusInfo => ({
    status: { category, code },
    date: r.adjudicatedOn ?? today,
    chargeAmount: r.chargeCents,
    paidAmount: r.paidCents ?? 0,
    ...(r.adjudicatedOn ? { adjudicationDate: r.adjudicatedOn } : {}),
    ...(r.payment ? { checkDate: r.payment.date, checkNumber: r.payment.trace.slice(0, 16) } : {}),
  });
  if (r.reversedBy) return finalized('F3', '101');
  if (r.outcome === 'voided') return finalized('F4', '101');
  if (r.outcome === 'denied') return finalized('F2', DENIAL_STATUS[r.denialReason ?? ''] ?? '1');
  if (r.outcome === 'paid' || r.outcome === 'partial')
    return (r.paidCents ?? 0) > 0 ? finalized('F1', '65') : finalized('F4', '104');
  return { status: { category: 'P1', code: '20' }, date: r.receivedOn, chargeAmount: r.chargeCents };
}
