/**
 * Pricing of a payable line: allowed amount by contract (CO 45 for the rest of the charge), then the
 * patient's share: copay (PR 3) or deductible (PR 1) and coinsurance (PR 2). Integer cents throughout.
 */
import type { ClaimLine } from '@medbill/x12/837';
import { codeMatches, feeFor, type PayerContract } from './contract.ts';
import type { AdjustmentResult } from './types.ts';

/** round(amount × percent / 100), half up (amounts are never negative here). */
export function percentOf(amountCents: number, percent: number): number {
  return Math.round((amountCents * percent) / 100);
}

/** The contract's allowed amount for a line, never more than the charge. */
export function allowedFor(contract: PayerContract, line: ClaimLine): number {
  const p = line.procedure;
  const fee = p ? feeFor(contract, p.code, p.modifiers ?? []) : undefined;
  let allowed: number;
  if (fee?.allowedCents !== undefined) allowed = Math.round(fee.allowedCents * line.quantity);
  else allowed = percentOf(line.charge, fee?.percentOfCharge ?? contract.otherwise.percentOfCharge);
  return Math.max(0, Math.min(allowed, line.charge));
}

export interface CostShareState {
  /** deductible still to meet this year */
  deductibleRemainingCents: number;
  /** the claim's per-visit copay is already taken */
  copayTaken: boolean;
}

export interface PricedLine {
  allowedCents: number;
  paidCents: number;
  adjustments: AdjustmentResult[];
}

/**
 * Price one payable line. `reductionCents` (multiple-procedure rule, CO 59) lowers the allowed amount.
 * Mutates `state` (deductible used, copay taken) so the next line sees it.
 */
export function priceLine(
  contract: PayerContract,
  line: ClaimLine,
  state: CostShareState,
  reductionCents = 0,
  /** an ACA preventive service: no copay, deductible or coinsurance */
  preventive = false,
): PricedLine {
  const full = allowedFor(contract, line);
  const reduction = Math.min(reductionCents, full);
  const allowed = full - reduction;
  const adj: AdjustmentResult[] = [];
  const add = (group: AdjustmentResult['group'], reason: string, amountCents: number) => {
    if (amountCents !== 0) adj.push({ group, reason, amountCents });
  };
  add('CO', '45', line.charge - full);
  add('CO', '59', reduction);
  const code = line.procedure?.code ?? '';
  const copayRule = state.copayTaken ? undefined : contract.copays.find((r) => codeMatches(code, r.codes));
  let share = 0;
  if (preventive) {
    // paid in full: nothing goes to the patient and the deductible is untouched
  } else if (copayRule) {
    state.copayTaken = true;
    const copay = Math.min(copayRule.copayCents, allowed);
    add('PR', '3', copay);
    share = copay;
  } else {
    const deductible = Math.min(state.deductibleRemainingCents, allowed);
    state.deductibleRemainingCents -= deductible;
    const coinsurance = percentOf(allowed - deductible, contract.coinsurancePercent);
    add('PR', '1', deductible);
    add('PR', '2', coinsurance);
    share = deductible + coinsurance;
  }
  return { allowedCents: allowed, paidCents: allowed - share, adjustments: adj };
}
