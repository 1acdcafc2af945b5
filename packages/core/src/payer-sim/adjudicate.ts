/**
 * adjudicate: one claim against a payer contract → line and claim payments that balance
 * (charge − Σ adjustments = paid on every line and the claim). Pure: today's date, the accumulators
 * and the seeded random generator come in; the new accumulators go out.
 */
import type { Accumulators } from './accumulators.ts';
import type { PayerContract } from './contract.ts';
import { claimDenial, lineDenial, memberKey, serviceDate, serviceKey, type Denial } from './denial-rules.ts';
import { preventiveRuleFor } from '../claims/preventive-services.ts';
import { cobLine, isCobClaim, priorPayerLine } from './cob-pricing.ts';
import { allowedFor, percentOf, priceLine, type CostShareState } from './price-line.ts';
import type { Rng } from './rng.ts';
import type { AdjudicationResult, AdjudicationStatus, ReceivedClaim, LineResult } from './types.ts';

export interface AdjudicateOptions {
  /** receipt date CCYYMMDD (timely filing is counted to it) */
  today: string;
  /** payer claim control number to remember for the claim (835 CLP07) */
  icn?: string;
}

/** share of the allowed amount taken off a secondary procedure by the random multiple-procedure rule */
const MULTIPLE_PROCEDURE_REDUCTION_PERCENT = 50;

const ORDER_STATUS: Record<string, string> = { P: '1', S: '2', T: '3' };

/** Diagnoses a line points at (837P), else all of the claim's. */
function lineDiagnoses(c: ReceivedClaim['claim'], line: ReceivedClaim['claim']['lines'][number]): string[] {
  const dx = c.healthInfo.filter((h) => ['ABK', 'ABF', 'BK', 'BF'].includes(h.qualifier)).map((h) => h.code);
  const pointed = (line.diagnosisPointers ?? []).map((p) => dx[p - 1]).filter((d): d is string => Boolean(d));
  return pointed.length ? pointed : dx;
}

function deniedLine(n: number, charge: number, d: Denial): LineResult {
  return {
    line: n,
    chargeCents: charge,
    allowedCents: 0,
    paidCents: 0,
    denied: true,
    remarks: [...d.remarks],
    adjustments: charge === 0 ? [] : [{ group: d.group, reason: d.reason, amountCents: charge }],
  };
}

/** Random realism drawn once per claim, in a fixed order so a seed replays exactly. */
function draws(rng: Rng, contract: PayerContract, lines: number): { denyLine: number; reduceLine: number } {
  const deny = rng.next();
  const reduce = rng.next();
  const which = rng.next();
  const r = contract.realism ?? { denialRate: 0, partialPaymentRate: 0 };
  const line = Math.floor(which * lines);
  return {
    denyLine: deny < r.denialRate ? line : -1,
    // the multiple-procedure reduction applies to a secondary procedure, never the first line
    reduceLine: reduce < r.partialPaymentRate && lines > 1 ? 1 + Math.floor(which * (lines - 1)) : -1,
  };
}

export function adjudicate(
  ctx: ReceivedClaim,
  contract: PayerContract,
  acc: Accumulators,
  rng: Rng,
  opts: AdjudicateOptions,
): { result: AdjudicationResult; accumulators: Accumulators } {
  const c = ctx.claim;
  const year = (c.lines[0] ? serviceDate(c, c.lines[0]) : '').slice(0, 4) || opts.today.slice(0, 4);
  const dedKey = `${memberKey(ctx)}|${year}`;
  const met = acc.deductibleCents[dedKey] ?? 0;
  const state: CostShareState = {
    deductibleRemainingCents: Math.max(0, contract.deductibleCents - met),
    copayTaken: false,
  };
  const random = draws(rng, contract, c.lines.length);
  const cob = isCobClaim(c, ctx.sbr.responsibility);
  const whole = claimDenial(ctx, contract, acc, opts.today);
  const lines: LineResult[] = c.lines.map((line, i) => {
    const denial =
      whole ??
      lineDenial(ctx, contract, acc, i) ??
      // not medically necessary under a local coverage determination (CO 50 with N115)
      (random.denyLine === i ? { group: 'CO' as const, reason: '50', remarks: ['N115'] } : null);
    if (denial) return deniedLine(i + 1, line.charge, denial);
    const reduction =
      random.reduceLine === i ? percentOf(allowedFor(contract, line), MULTIPLE_PROCEDURE_REDUCTION_PERCENT) : 0;
    const preventive = preventiveRuleFor(contract.preventive ?? [], {
      code: line.procedure?.code ?? '',
      modifiers: line.procedure?.modifiers,
      diagnoses: lineDiagnoses(c, line),
    });
    const priced = priceLine(contract, line, state, reduction, Boolean(preventive));
    const prior = cob ? priorPayerLine(line) : null;
    if (prior) {
      const coordinated = cobLine(line.charge, prior, priced.paidCents, priced.allowedCents);
      return { line: i + 1, chargeCents: line.charge, ...coordinated, remarks: [], denied: false };
    }
    return { line: i + 1, chargeCents: line.charge, ...priced, remarks: [], denied: false };
  });
  const crossover = crossoverOf(ctx, contract);
  const result = summarize(ctx, lines, whole, crossover ?? undefined);
  const next: Accumulators = {
    ...acc,
    deductibleCents: { ...acc.deductibleCents, [dedKey]: contract.deductibleCents - state.deductibleRemainingCents },
    claims: whole?.reason === '18' ? acc.claims : { ...acc.claims, [`${ctx.payerId}|${c.id}`]: opts.icn ?? c.id },
    services: { ...acc.services },
    adjudications:
      opts.icn && whole?.reason !== '18'
        ? { ...acc.adjudications, [opts.icn]: { ctx, result, deductibleKey: dedKey } }
        : acc.adjudications,
  };
  c.lines.forEach((line, i) => {
    if (!lines[i].denied || lines[i].adjustments[0]?.reason !== '18') next.services[serviceKey(ctx, line)] ??= c.id;
  });
  next.history = { ...(acc.history ?? {}) };
  c.lines.forEach((line, i) => {
    if (lines[i].denied) return;
    const key = `${memberKey(ctx)}|${line.procedure?.code ?? line.revenueCode ?? ''}`;
    next.history![key] = [...(next.history![key] ?? []), serviceDate(c, line)];
  });
  return { result, accumulators: next };
}

/**
 * Medicare crossover: when the claim names a later payer (2320) this payer has a crossover agreement with,
 * the payer forwards the claim itself (CLP02 19 and MA18) so the provider does not bill that payer.
 */
function crossoverOf(ctx: ReceivedClaim, contract: PayerContract): { payerId: string; payerName: string } | null {
  if (ctx.sbr.responsibility !== 'P') return null;
  for (const o of ctx.claim.otherSubscribers ?? []) {
    if (o.sbr.responsibility === 'P' || o.payerPaid !== undefined) continue;
    const hit = contract.crossoverTo?.find((x) => x.payerId === o.payer.name.id);
    if (hit) return hit;
  }
  return null;
}

function summarize(
  ctx: ReceivedClaim,
  lines: LineResult[],
  whole: Denial | null,
  crossoverTo?: { payerId: string; payerName: string },
): AdjudicationResult {
  const sum = (f: (l: LineResult) => number) => lines.reduce((t, l) => t + f(l), 0);
  const paid = sum((l) => l.paidCents);
  const allDenied = lines.every((l) => l.denied);
  const reduced = lines.some((l) => l.adjustments.some((a) => a.reason === '59'));
  const status: AdjudicationStatus = allDenied ? 'denied' : lines.some((l) => l.denied) || reduced ? 'partial' : 'paid';
  return {
    claimId: ctx.claim.id,
    status,
    claimStatusCode: allDenied ? '4' : crossoverTo ? '19' : (ORDER_STATUS[ctx.sbr.responsibility] ?? '1'),
    chargeCents: sum((l) => l.chargeCents),
    allowedCents: sum((l) => l.allowedCents),
    paidCents: paid,
    patientResponsibilityCents: sum((l) =>
      l.adjustments.filter((a) => a.group === 'PR').reduce((t, a) => t + a.amountCents, 0),
    ),
    lines,
    claimRemarks: [...(whole ? whole.remarks : []), ...(crossoverTo && !allDenied ? ['MA18'] : [])],
    ...(crossoverTo && !allDenied ? { crossoverTo } : {}),
  };
}
