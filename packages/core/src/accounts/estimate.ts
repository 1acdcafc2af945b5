/**
 * estimateVisit: for a planned visit, what insurance is likely to pay and what the patient is likely to owe,
 * from the payer's answer (a BenefitsView of the 271) and the allowed amounts of the payer's contract. Works
 * in the order a payer does: allowed amount (the rest is a contractual write-off), then the visit copay, or
 * the deductible left and coinsurance on the rest, capped by the out-of-pocket left. Integer cents; rates in
 * basis points so no float reaches money.
 */
import type { Accumulator, BenefitsView, Network } from './explain-benefits.ts';
import { dollars, percentText } from './money-text.ts';

export interface EstimateLineInput {
  code: string;
  modifiers?: string[];
  units: number;
  /** what the practice charges for the line (fee schedule × units) */
  chargeCents: number;
  /** what the payer's contract allows for the line; absent when no contract rate is on file */
  allowedCents?: number;
}

export interface EstimateLine {
  code: string;
  units: number;
  chargeCents: number;
  allowedCents: number;
  /** charge − allowed: written off under the contract, never billed to the patient */
  contractualCents: number;
  copayCents: number;
  deductibleCents: number;
  coinsuranceCents: number;
  /** charge the patient owes because the service is not covered or the plan is not active */
  notCoveredCents: number;
  insurancePaysCents: number;
  patientOwesCents: number;
}

export interface Estimate {
  lines: EstimateLine[];
  chargeCents: number;
  allowedCents: number;
  insurancePaysCents: number;
  patientOwesCents: number;
  /** how the figures were reached, in words */
  notes: string[];
}

/** Office and outpatient E/M visits: the codes a per-visit office copay applies to. */
export const OFFICE_VISIT_CODES = /^992(0[2-5]|1[1-5])$/;

const basisPoints = (fraction: number) => Math.round(fraction * 10_000);
const share = (cents: number, bp: number) => Math.round((cents * bp) / 10_000);

function pick<T extends { network: Network; level: string }>(list: T[]): T | undefined {
  const order = (x: T) => (x.network === 'in' ? 0 : x.network === 'any' ? 1 : 2) + (x.level === 'FAM' ? 0.5 : 0);
  return [...list].filter((x) => x.network !== 'out').sort((a, b) => order(a) - order(b))[0];
}

function remaining(a: Accumulator | undefined): number | undefined {
  if (!a) return undefined;
  return a.remaining ?? (a.total !== undefined ? Math.max(0, a.total - (a.met ?? 0)) : undefined);
}

export function estimateVisit(lines: EstimateLineInput[], benefits: BenefitsView | null): Estimate {
  const notes: string[] = [];
  const active = benefits?.status === 'active';
  if (!benefits) notes.push('No eligibility answer on file: the patient is estimated to owe the full charge.');
  else if (!active) notes.push('The plan is not active on the date: the patient is estimated to owe the full charge.');
  const copay = active ? benefits.officeVisitCopay : undefined;
  let deductibleLeft = (active ? remaining(pick(benefits.deductibles)) : undefined) ?? 0;
  const coinsurance = active ? pick(benefits.coinsurance) : undefined;
  const bp = coinsurance ? basisPoints(coinsurance.fraction) : 0;
  let outOfPocketLeft = active ? remaining(pick(benefits.outOfPocket)) : undefined;
  const notCovered = new Set(active ? benefits.notCovered.flatMap((n) => (n.procedure ? [n.procedure] : [])) : []);
  let copayTaken = false;
  if (lines.some((l) => l.allowedCents === undefined) && active)
    notes.push('No contract rate on file for some codes: their full charge is used as the allowed amount.');
  const out = lines.map((l): EstimateLine => {
    const line = blank(l);
    if (!active || notCovered.has(l.code)) {
      line.notCoveredCents = l.chargeCents;
      line.patientOwesCents = l.chargeCents;
      line.allowedCents = l.chargeCents;
      return line;
    }
    const allowed = Math.min(l.allowedCents ?? l.chargeCents, l.chargeCents);
    line.allowedCents = allowed;
    line.contractualCents = l.chargeCents - allowed;
    if (copay && !copayTaken && OFFICE_VISIT_CODES.test(l.code)) {
      copayTaken = true;
      line.copayCents = Math.min(copay.cents, allowed);
    } else {
      line.deductibleCents = Math.min(deductibleLeft, allowed);
      deductibleLeft -= line.deductibleCents;
      line.coinsuranceCents = share(allowed - line.deductibleCents, bp);
    }
    let patient = line.copayCents + line.deductibleCents + line.coinsuranceCents;
    if (outOfPocketLeft !== undefined) {
      let over = Math.max(0, patient - outOfPocketLeft);
      for (const k of ['coinsuranceCents', 'deductibleCents', 'copayCents'] as const) {
        const cut = Math.min(over, line[k]);
        line[k] -= cut;
        over -= cut;
      }
      patient = line.copayCents + line.deductibleCents + line.coinsuranceCents;
      outOfPocketLeft -= patient;
    }
    line.patientOwesCents = patient;
    line.insurancePaysCents = allowed - patient;
    return line;
  });
  if (copay) notes.push(`Office visit copay ${dollars(copay.cents)} applies once per visit.`);
  if (active && benefits.deductibles.length)
    notes.push(`Deductible left before this visit: ${dollars(remaining(pick(benefits.deductibles)) ?? 0)}.`);
  if (coinsurance)
    notes.push(`Coinsurance after the deductible: ${percentText(coinsurance.fraction)} of the allowed amount.`);
  if (outOfPocketLeft !== undefined) notes.push('The patient’s share is capped by the out-of-pocket maximum left.');
  const sum = (f: (x: EstimateLine) => number) => out.reduce((t, x) => t + f(x), 0);
  return {
    lines: out,
    chargeCents: sum((x) => x.chargeCents),
    allowedCents: sum((x) => x.allowedCents),
    insurancePaysCents: sum((x) => x.insurancePaysCents),
    patientOwesCents: sum((x) => x.patientOwesCents),
    notes,
  };
}

function blank(l: EstimateLineInput): EstimateLine {
  return {
    code: l.code,
    units: l.units,
    chargeCents: l.chargeCents,
    allowedCents: 0,
    contractualCents: 0,
    copayCents: 0,
    deductibleCents: 0,
    coinsuranceCents: 0,
    notCoveredCents: 0,
    insurancePaysCents: 0,
    patientOwesCents: 0,
  };
}
