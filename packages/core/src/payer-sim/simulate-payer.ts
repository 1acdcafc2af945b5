/**
 * simulatePayer: an 837 file in, a payer's answers out — a 999 for the file, a 277CA accepting or
 * rejecting each claim, and an 835 per payment (payer × payee) for the accepted claims, adjudicated
 * by contract. Pure and deterministic: the clock, seed and control numbers come in through `config`.
 */
import { build999, groupAcks } from '@medbill/x12/acks';
import { validateFile, type ValidateFileResult } from '@medbill/x12';
import { parseX12File } from '@medbill/x12';
import { buildInterchange, type InterchangeSpec } from '@medbill/x12';
import { DEFAULT_DELIMITERS, type Segment } from '@medbill/x12';
import { build277ca } from '@medbill/x12/277ca';
import { build835 } from '@medbill/x12';
import type { BillingProviderLoop, ClaimFile837 } from '@medbill/x12/837';
import { ackFromEdits, type EditedClaim } from './ack-from-edits.ts';
import { adjudicate } from './adjudicate.ts';
import { emptyAccumulators, type Accumulators, type ReceivedClaimRecord } from './accumulators.ts';
import { frontEndEdit, type Rejection } from './claim-edits.ts';
import { claimsOf } from './claim-walk.ts';
import type { PayerContract } from './contract.ts';
import { ccyymmdd, dayNumber, hhmm } from './dates.ts';
import { remittanceFrom, type AdjudicatedClaim } from './remittance-from-results.ts';
import { reverseAdjudication } from './reverse-claim.ts';
import { seededRng } from './rng.ts';
import type { AdjudicationResult, ReceivedClaim } from './types.ts';

export interface SimulatePayerConfig {
  /** contracts by payer id (837 loop 2010BB NM109); claims to other payer ids are rejected on the 277CA */
  contracts: Record<string, PayerContract>;
  /** share 0..1 of otherwise clean claims rejected on the 277CA for a realistic reason */
  rejectRate: number;
  seed: number | string;
  /** receipt time of the 837: response dates, timely filing, future dates */
  now: Date;
  /** the payer's name on the 277CA (2100A) */
  payerName: string;
  /** ISA13/GS06 allocator: one number per interchange written */
  controlNumbers: { next(): number };
  /** what the payer remembers from earlier files (deductibles met, claims seen); default empty */
  accumulators?: Accumulators;
  /** mistakes a real payer's answers sometimes carry (the demo shows what a biller does with them); none by default */
  slips?: PayerSlips;
}

/** A payer's mistakes, each one a file or a line a biller has to work by hand. */
export interface PayerSlips {
  /**
   * procedure codes the payer adjudicates and pays as another code without saying so (no SVC06 with the code billed,
   * no REF*6R): the 835 line matches none of the claim's lines. E.g. { '99214': '99213' }, an E/M visit downcoded.
   */
  recode?: Record<string, string>;
  /**
   * added to BPR02 of every 835 that pays: the payer paid prompt-pay interest and left out its PLB L6, so BPR02 is
   * not ΣCLP04 − ΣPLB and the file is held for a person.
   */
  unexplainedPaymentCents?: number;
  /**
   * claim numbers (CLM01) the payer keyed wrongly into its system, and what it keyed: its 835 answers the claim under
   * that number (CLP01). Unless a 277CA told the biller the payer's own claim number (CLP07), the 835 claim matches
   * none of the biller's claims. E.g. { C0000061: 'CO000061' }, zeros keyed as the letter O.
   */
  rekey?: Record<string, string>;
}

export interface SimulatedClaim {
  claimId: string;
  accepted: boolean;
  /** 277CA category:code when rejected */
  rejection?: string;
  icn?: string;
  adjudication?: AdjudicationResult;
  /** ICN of the earlier claim this replacement (7) or void (8) reversed on the 835 (CLP02 = 22) */
  reversedIcn?: string;
}

export interface SimulatePayerResult {
  ack999: string;
  /** '' when the 999 rejected every transaction */
  ack277ca: string;
  remittances: Array<{ text835: string; claimIds: string[]; payerId: string; traceNumber: string; paidCents: number }>;
  claims: SimulatedClaim[];
  accumulators: Accumulators;
}

export interface Envelope {
  sender: { qualifier: string; id: string };
  receiver: { qualifier: string; id: string };
  appSender: string;
  appReceiver: string;
  usage: 'P' | 'T';
  isa13: string;
}

export function envelopeOf(v: ValidateFileResult): Envelope {
  const ic = v.interchanges[0];
  const e = ic?.isa.elements ?? [];
  const g = ic?.groups[0];
  return {
    // answers go back the other way: the 837's receiver sends them to the 837's sender
    sender: { qualifier: e[6] ?? 'ZZ', id: (e[7] ?? 'PAYERSIM').trim() },
    receiver: { qualifier: e[4] ?? 'ZZ', id: (e[5] ?? 'SUBMITTER').trim() },
    appSender: g?.appReceiver || 'PAYERSIM',
    appReceiver: g?.appSender || 'SUBMITTER',
    usage: e[14] === 'T' ? 'T' : 'P',
    isa13: ic?.controlNumber ?? '0',
  };
}

export function writeInterchange(
  env: Envelope,
  n: number,
  now: Date,
  functionalId: string,
  version: string,
  bodies: Segment[][],
  /** payers' 835s leave ST03 out (situational in the 835 guide); GS08 names the version */
  omitVersion = false,
): string {
  const spec: InterchangeSpec = {
    sender: env.sender,
    receiver: env.receiver,
    controlNumber: String(n),
    date: now,
    usage: env.usage,
    groups: [
      {
        functionalId,
        appSender: env.appSender,
        appReceiver: env.appReceiver,
        controlNumber: String(n),
        version,
        transactions: bodies.map((b) => ({ controlNumber: b[0].elements[1], body: b.slice(1, -1), omitVersion })),
      },
    ],
  };
  return buildInterchange(spec, DEFAULT_DELIMITERS, { lineBreak: true });
}

/** 837 transactions the 999 accepted (status A or E in a group not rejected), in file order. */
function acceptedFiles(v: ValidateFileResult, text837: string): ClaimFile837[] {
  const statuses = groupAcks(v).flatMap((g) => g.transactions.map((t) => (g.status === 'R' ? 'R' : t.status)));
  const parsed = parseX12File(text837);
  return parsed.transactions
    .filter((t, i) => t.st01 === '837' && t.value && (statuses[i] === 'A' || statuses[i] === 'E'))
    .map((t) => t.value as ClaimFile837);
}

export function simulatePayer(text837: string, config: SimulatePayerConfig): SimulatePayerResult {
  const today = ccyymmdd(config.now);
  const time = hhmm(config.now);
  const v = validateFile(text837);
  const ack999 =
    build999(v, { controlNumber: String(config.controlNumbers.next()), date: today, time, lineBreak: true }) ?? '';
  let accumulators = config.accumulators ?? emptyAccumulators();
  const files = acceptedFiles(v, text837);
  if (files.length === 0) return { ack999, ack277ca: '', remittances: [], claims: [], accumulators };
  const env = envelopeOf(v);
  const ackNumber = config.controlNumbers.next();
  const editRng = seededRng(`${config.seed}|277ca`);
  const seen = new Set<string>();
  const decided = new Map<string, Rejection | null>();
  const julian =
    today.slice(2, 4) + String(dayNumber(today) - dayNumber(`${today.slice(0, 4)}0101`) + 1).padStart(3, '0');
  let sequence = 0;
  const edited: EditedClaim[][] = files.map((file) =>
    claimsOf(file).map((filed) => {
      const rejection = frontEndEdit(filed.ctx, config.contracts[filed.ctx.payerId], {
        today,
        seenInFile: seen,
        rejectRate: config.rejectRate,
        rng: editRng,
        decided,
        billingNpi: filed.billingProvider.provider.name.id ?? '',
      });
      return rejection
        ? { filed, rejection }
        : {
            filed,
            rejection,
            icn: `${julian}${String(ackNumber).padStart(9, '0')}${String(++sequence).padStart(4, '0')}`,
          };
    }),
  );
  const firstPayer = edited.flat()[0]?.filed.ctx.payerId ?? '';
  const acks = files.map((file, i) =>
    build277ca(
      ackFromEdits(file, edited[i], {
        controlNumber: String(i + 1).padStart(4, '0'),
        date: today,
        time,
        payerName: config.payerName,
        payerId: firstPayer || env.sender.id,
        receiptTrace: env.isa13,
      }),
    ),
  );
  const ack277ca = writeInterchange(env, ackNumber, config.now, 'HN', '005010X214', acks);
  const rng = seededRng(`${config.seed}|835`);
  const claims: SimulatedClaim[] = [];
  const paid: Payable[] = [];
  for (const e of edited.flat()) {
    const c = e.filed.ctx.claim;
    if (e.rejection || !e.icn) {
      claims.push({ claimId: c.id, accepted: false, rejection: `${e.rejection?.category}:${e.rejection?.code}` });
      continue;
    }
    const payee = e.filed.billingProvider;
    const reversed =
      (c.frequency === '7' || c.frequency === '8') && c.originalReference
        ? reverseAdjudication(c.originalReference, accumulators)
        : null;
    if (reversed) {
      accumulators = reversed.accumulators;
      paid.push({ claim: reversed.reversal, payee });
    }
    if (c.frequency === '8') {
      claims.push({
        claimId: c.id,
        accepted: true,
        icn: e.icn,
        ...(reversed ? { reversedIcn: reversed.reversal.icn } : {}),
      });
      continue;
    }
    const ctx = recoded(e.filed.ctx, config.slips?.recode);
    const out = adjudicate(ctx, config.contracts[ctx.payerId]!, accumulators, rng, {
      today,
      icn: e.icn,
    });
    accumulators = out.accumulators;
    paid.push({ claim: { ctx, result: out.result, icn: e.icn }, payee });
    claims.push({
      claimId: c.id,
      accepted: true,
      icn: e.icn,
      adjudication: out.result,
      ...(reversed ? { reversedIcn: reversed.reversal.icn } : {}),
    });
  }
  const remittances = payments(paid, files, config, env, today);
  accumulators = remember(accumulators, edited.flat(), claims, remittances, today, config.contracts);
  return { ack999, ack277ca, remittances, claims, accumulators };
}

/** The claim as a payer that recodes lines reads it: the code replaced, the line's control number (REF*6R) dropped. */
function recoded(ctx: ReceivedClaim, recode: PayerSlips['recode']): ReceivedClaim {
  if (!recode || !ctx.claim.lines.some((l) => l.procedure && recode[l.procedure.code])) return ctx;
  const lines = ctx.claim.lines.map((l) => {
    const to = l.procedure && recode[l.procedure.code];
    if (!to || !l.procedure) return l;
    const { controlNumber: _dropped, ...rest } = l;
    return { ...rest, procedure: { ...l.procedure, code: to } };
  });
  return { ...ctx, claim: { ...ctx.claim, lines } };
}

interface Payable {
  claim: AdjudicatedClaim;
  payee: BillingProviderLoop;
}

/** One 835 per payer × payee (billing provider NPI), in first-appearance order. */
function payments(
  paid: Payable[],
  files: ClaimFile837[],
  config: SimulatePayerConfig,
  env: Envelope,
  today: string,
): SimulatePayerResult['remittances'] {
  const groups = new Map<string, { payerId: string; payee: BillingProviderLoop; claims: AdjudicatedClaim[] }>();
  for (const p of paid) {
    const key = `${p.claim.ctx.payerId}|${p.payee.provider.name.id}`;
    const g = groups.get(key) ?? { payerId: p.claim.ctx.payerId, payee: p.payee, claims: [] };
    g.claims.push(p.claim);
    groups.set(key, g);
  }
  return [...groups.values()].map((g) => {
    const n = config.controlNumbers.next();
    const trace = String(n).padStart(10, '0');
    const remit = remittanceFrom({
      contract: config.contracts[g.payerId]!,
      payee: g.payee,
      claims: g.claims,
      controlNumber: '0001',
      trace,
      date: today,
      receiverId: files[0]?.submitter.name.id,
    });
    const unexplained = config.slips?.unexplainedPaymentCents ?? 0;
    if (unexplained && remit.payment && remit.payment.total > 0) remit.payment.total += unexplained;
    const rekey = config.slips?.rekey ?? {};
    for (const c of remit.headers.flatMap((h) => h.claims))
      c.patientControlNumber = rekey[c.patientControlNumber] ?? c.patientControlNumber;
    return {
      text835: writeInterchange(env, n, config.now, 'HP', '005010X221A1', [build835(remit)], true),
      claimIds: [...new Set(g.claims.map((c) => c.ctx.claim.id))],
      payerId: g.payerId,
      traceNumber: trace,
      paidCents: remit.payment?.total ?? 0,
    };
  });
}

/** What the payer's claim-status system keeps of each claim of the file (answers 276s: status-inquiry.ts). */
function remember(
  acc: Accumulators,
  edited: EditedClaim[],
  claims: SimulatedClaim[],
  remittances: SimulatePayerResult['remittances'],
  today: string,
  contracts: SimulatePayerConfig['contracts'],
): Accumulators {
  const received: Record<string, ReceivedClaimRecord> = { ...(acc.received ?? {}) };
  const outcome = new Map(claims.map((c) => [c.claimId, c]));
  for (const e of edited) {
    const c = e.filed.ctx.claim;
    const key = `${e.filed.ctx.payerId}|${c.id}`;
    const sim = outcome.get(c.id);
    const rec: ReceivedClaimRecord = { receivedOn: today, chargeCents: c.totalCharge, frequency: c.frequency };
    if (e.rejection) {
      rec.rejection = {
        category: e.rejection.category,
        code: e.rejection.code,
        ...(e.rejection.entity ? { entity: e.rejection.entity } : {}),
        message: e.rejection.message,
      };
    } else if (sim?.icn) {
      rec.icn = sim.icn;
      rec.adjudicatedOn = today;
      if (sim.adjudication) {
        const a = sim.adjudication;
        rec.outcome = a.status;
        rec.paidCents = a.paidCents;
        const reason = a.lines.flatMap((l) => (l.denied ? l.adjustments.map((x) => x.reason) : []))[0];
        if (a.status === 'denied' && reason) rec.denialReason = reason;
      } else if (c.frequency === '8') {
        rec.outcome = 'voided';
        rec.paidCents = 0;
      }
    }
    if (sim?.reversedIcn)
      for (const [k, r] of Object.entries(received))
        if (r.icn === sim.reversedIcn) received[k] = { ...r, reversedBy: sim.icn ?? '' };
    received[key] = rec;
  }
  for (const r of remittances)
    for (const id of r.claimIds) {
      const key = `${r.payerId}|${id}`;
      const rec = received[key];
      const method = r.paidCents > 0 ? (contracts[r.payerId]?.payment?.method ?? 'ACH') : 'NON';
      if (rec?.icn) received[key] = { ...rec, payment: { trace: r.traceNumber, method, date: today } };
    }
  return { ...acc, received };
}
