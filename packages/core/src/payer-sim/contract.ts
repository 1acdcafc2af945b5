/**
 * PayerContract: what one payer allows and denies, as plain JSON a billing specialist can read and edit.
 * Codes may be listed one by one ('99213') or as inclusive ranges of equal-length codes ('99202-99215').
 * Money is integer cents; percentages are numbers (20 = 20 %).
 */
import type { PreventiveRule } from '../claims/preventive-services.ts';

/** Allowed amount for a procedure code (optionally only with a modifier): a fixed fee per unit or a share of the charge. */
export interface FeeRule {
  code: string;
  modifier?: string;
  allowedCents?: number;
  percentOfCharge?: number;
}

export interface CopayRule {
  /** e.g. 'E/M office visits' */
  label: string;
  codes: string[];
  /** per visit: charged once per claim on the first matching line */
  copayCents: number;
}

export interface NonCoveredRule {
  codes: string[];
  /** RARC sent with the CARC; default N130 */
  remark?: string;
  /** true: not a benefit of the plan and the patient owes it (PR 204); default CO 96 (provider write-off) */
  patientLiable?: boolean;
}

/** A service paid at most `count` times in `days` for a member; more is denied CO 151 with M86. */
export interface FrequencyLimit {
  codes: string[];
  count: number;
  days: number;
}

/** `bundled` is denied (CARC 97 + M15) when `primary` is billed on the same claim for the same date. */
export interface BundlingRule {
  primary: string;
  bundled: string;
}

/** A procedure paid only with a diagnosis starting with one of the prefixes (else CARC 11 + M76). */
export interface DiagnosisRule {
  codes: string[];
  diagnosisPrefixes: string[];
}

/** Member roster entry: coverage dates CCYYMMDD (end inclusive, absent = open). */
export interface MemberCoverage {
  memberId: string;
  coverageStart: string;
  coverageEnd?: string;
}

export interface PaymentSetup {
  /** ACH (EFT), CHK (paper check); NON is used automatically when nothing is paid */
  method: 'ACH' | 'CHK';
  /** BPR10 / TRN03: '1' + the payer's 9-digit tax id */
  payerIdentifier: string;
  /** sender bank routing and account (ACH only) */
  senderRouting?: string;
  senderAccount?: string;
  receiverRouting?: string;
  receiverAccount?: string;
}

export interface PayerContract {
  payerId: string;
  payerName: string;
  payerAddress?: { line1: string; city: string; state: string; postalCode: string };
  /** provider services telephone (835 PER*BL) */
  phone?: string;
  /** CLP06 claim filing indicator on the 835; default derived from the 837 SBR09 */
  claimFilingIndicator?: string;
  /** days from the date of service to receipt; later claims are denied CARC 29 */
  timelyFilingDays: number;
  fees: FeeRule[];
  /** allowed amount for codes without a fee rule */
  otherwise: { percentOfCharge: number };
  /** annual deductible per member (calendar year of the date of service) */
  deductibleCents: number;
  coinsurancePercent: number;
  /** yearly out-of-pocket maximum per member (271 EB*G); absent: the plan has none to report */
  outOfPocketMaxCents?: number;
  /** plan name on the 271 (EB05) and insurance type (EB04: PR PPO, HM HMO, MB Medicare Part B, MC Medicaid …) */
  planName?: string;
  insuranceType?: string;
  copays: CopayRule[];
  nonCovered: NonCoveredRule[];
  /** codes that need a prior authorization number (837 REF*G1), else CARC 197 */
  priorAuthorization: string[];
  bundling: BundlingRule[];
  diagnosisRules?: DiagnosisRule[];
  /** ACA preventive services paid with no deductible, copay or coinsurance (preventive-services.yaml) */
  preventive?: PreventiveRule[];
  frequencyLimits?: FrequencyLimit[];
  /** Medicare crossover: claims of patients whose next payer (2320) is one of these payer ids are forwarded by the payer itself (CLP02 19, MA18) */
  crossoverTo?: Array<{ payerId: string; payerName: string }>;
  /** codes that need a referring provider (837 loop 2310A); without one the 277CA rejects (A8) */
  referralRequired?: string[];
  /** member ids must match this regular expression (277CA rejects A7:164 otherwise) */
  memberIdPattern?: string;
  /** roster: when present, unknown members are rejected (277CA A3:33) and coverage dates are enforced (CARC 26/27) */
  members?: MemberCoverage[];
  /** random realism, shares 0..1: whole-line denials (CARC 50) and multiple-procedure reductions (CARC 59) */
  realism?: { denialRate: number; partialPaymentRate: number };
  payment?: PaymentSetup;
}

/** True when `code` is listed, either exactly or inside a 'LOW-HIGH' range of codes of the same length. */
export function codeMatches(code: string, patterns: readonly string[]): boolean {
  for (const p of patterns) {
    const cut = p.indexOf('-');
    if (cut < 0) {
      if (p === code) return true;
      continue;
    }
    const low = p.slice(0, cut);
    const high = p.slice(cut + 1);
    if (code.length === low.length && code >= low && code <= high) return true;
  }
  return false;
}

/** The fee rule for a code: one naming one of the line's modifiers wins over one without modifier. */
export function feeFor(contract: PayerContract, code: string, modifiers: readonly string[]): FeeRule | undefined {
  const rules = contract.fees.filter((f) => codeMatches(code, [f.code]));
  return (
    rules.find((f) => f.modifier !== undefined && modifiers.includes(f.modifier)) ??
    rules.find((f) => f.modifier === undefined)
  );
}
