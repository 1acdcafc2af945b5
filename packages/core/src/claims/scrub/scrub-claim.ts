/**
 * The claim scrubber: every edit a claim must pass before it can be sent. A claim with no error is
 * `ready`. Coding edits (validity on the date of service, billable, Excludes1, age/sex, 7th character,
 * NCCI PTP, MUE) come from the code-set package through `coding`, so this stays pure.
 */
import type { ClaimContext } from '../claim-context.ts';
import { checkCompleteness } from './completeness.ts';
import { checkCoverageAndTiming, checkDuplicates } from './coverage-and-timing.ts';
import { checkPayerRules, type PayerRule } from './payer-rules.ts';
import { isBlocking, type ScrubEdit } from './scrub-types.ts';

/** The shape of the code-set package's `checkCoding` edits. */
export interface CodingEdit {
  code: string;
  severity: 'error' | 'warning';
  message: string;
  ruleId: string;
  source: string;
  location: { field: 'diagnosis' | 'procedure'; index: number };
}

export interface CodingCheckInput {
  diagnoses: string[];
  procedures: Array<{ code: string; modifiers?: string[]; units?: number; date?: string }>;
  patient: { birthDate: string; sex: 'F' | 'M' | 'U' };
  dateOfService: string;
}

export interface ScrubOptions {
  today: string;
  coding?: (input: CodingCheckInput) => CodingEdit[];
  payerRules?: readonly PayerRule[];
}

export interface ScrubResult {
  edits: ScrubEdit[];
  clean: boolean;
}

export function scrubClaim(ctx: ClaimContext, opts: ScrubOptions): ScrubResult {
  const edits = [
    ...checkCompleteness(ctx),
    ...checkCoverageAndTiming(ctx, opts.today),
    ...checkDuplicates(ctx),
    ...checkPayerRules(ctx, opts.payerRules ?? []),
    ...(opts.coding ? codingEdits(ctx, opts.coding) : []),
  ];
  return { edits, clean: !edits.some(isBlocking) };
}

function codingEdits(ctx: ClaimContext, coding: NonNullable<ScrubOptions['coding']>): ScrubEdit[] {
  const found = coding({
    diagnoses: ctx.diagnoses,
    procedures: ctx.lines.map((l) => ({
      code: l.procedureCode,
      modifiers: l.modifiers,
      units: l.units,
      date: l.serviceDate,
    })),
    patient: { birthDate: ctx.patient.birthDate, sex: ctx.patient.sex },
    dateOfService: ctx.serviceDateFrom,
  });
  return found.map((e) => ({
    ruleId: e.ruleId,
    severity: e.severity,
    message: e.message,
    source: e.source,
    field:
      e.location.field === 'diagnosis' ? `diagnoses[${e.location.index}]` : `lines[${e.location.index}].procedureCode`,
    code: e.code,
  }));
}
