/**
 * The claim scrubber: every edit a claim must pass before it can be sent. A claim with no error is
 * `ready`. Coding edits (validity on the date of service, billable, Excludes1, age/sex, 7th character,
 * NCCI PTP, MUE) come from the code-set package through `coding`, so this stays pure.
 */
import type { ClaimToBill } from '../claim-context.ts';
import { billingTaxonomy } from '../claim-to-837.ts';
import { checkCompleteness } from './completeness.ts';
import { checkCoverageAndTiming, checkDuplicates } from './coverage-and-timing.ts';
import { checkInstitutional } from './institutional-rules.ts';
import { checkCoordination, checkFrequency, checkPayerKind } from './payer-kind-rules.ts';
import { checkX12Characters } from './x12-characters.ts';
import { checkPayerRules, type PayerRule } from './payer-rules.ts';
import { isBlocking, type ScrubEdit } from './scrub-types.ts';
import type { Edit as CodingEdit } from '@medbill/codes';

/** The code-set package's `checkCoding` edits (the one issue shape). */
export type { Edit as CodingEdit } from '@medbill/codes';

export interface CodingCheckInput {
  diagnoses: string[];
  procedures: Array<{ code: string; modifiers?: string[]; units?: number; date?: string; pointers?: number[] }>;
  patient: { birthDate: string; sex: 'F' | 'M' | 'U' };
  dateOfService: string;
  claimKind?: 'professional' | 'institutional';
  placeOfService?: string;
  otherLines?: Array<{ code: string; modifiers: string[]; date: string; claimNumber: string }>;
  taxonomies?: Array<{ path: string; who: string; code: string; section: 'Individual' | 'Non-Individual' }>;
  pcsProcedures?: Array<{ code: string; date: string }>;
}

export interface ScrubOptions {
  today: string;
  coding?: (input: CodingCheckInput) => CodingEdit[];
  payerRules?: readonly PayerRule[];
  /** the separators of the file the claim will go out in (default `* ~ : ^`) */
  delimiters?: readonly string[];
}

export interface ScrubResult {
  edits: ScrubEdit[];
  clean: boolean;
}

export function scrubClaim(ctx: ClaimToBill, opts: ScrubOptions): ScrubResult {
  const edits = [
    ...checkCompleteness(ctx),
    ...checkX12Characters(ctx, opts.delimiters),
    ...checkPayerKind(ctx),
    ...checkFrequency(ctx),
    ...checkCoordination(ctx),
    ...checkInstitutional(ctx),
    ...checkCoverageAndTiming(ctx, opts.today),
    ...checkDuplicates(ctx),
    ...checkPayerRules(ctx, opts.payerRules ?? []),
    ...(opts.coding ? codingEdits(ctx, opts.coding) : []),
  ];
  return { edits, clean: !edits.some(isBlocking) };
}

function codingEdits(ctx: ClaimToBill, coding: NonNullable<ScrubOptions['coding']>): ScrubEdit[] {
  const institutional = ctx.kind === 'institutional';
  const found = coding({
    diagnoses: ctx.diagnoses,
    procedures: ctx.lines
      .filter((l) => l.procedureCode !== '')
      .map((l) => ({
        code: l.procedureCode,
        modifiers: l.modifiers,
        units: l.units,
        date: l.serviceDate,
        pointers: l.diagnosisPointers,
      })),
    patient: { birthDate: ctx.patient.birthDate, sex: ctx.patient.sex },
    dateOfService: ctx.serviceDateFrom,
    claimKind: ctx.kind,
    placeOfService: ctx.placeOfService,
    // NCCI and global periods apply per patient, provider and date, across claims
    otherLines: (ctx.priorLines ?? [])
      .filter((p) => p.renderingNpi === ctx.rendering.npi && p.claimNumber !== ctx.replacesClaimNumber)
      .map((p) => ({ code: p.procedureCode, modifiers: p.modifiers, date: p.serviceDate, claimNumber: p.claimNumber })),
    taxonomies: [
      {
        path: 'rendering.taxonomy',
        who: `${institutional ? 'The attending' : 'The rendering'} provider`,
        code: ctx.rendering.taxonomy,
        section: 'Individual' as const,
      },
      ...(institutional
        ? [
            {
              path: 'practice.facilityTaxonomy',
              who: 'The facility',
              code: billingTaxonomy(ctx),
              section: 'Non-Individual' as const,
            },
          ]
        : []),
    ],
    pcsProcedures: ctx.institutional?.procedures ?? [],
  });
  const withCode = ctx.lines.flatMap((l, i) => (l.procedureCode !== '' ? [i] : []));
  return found.map((e) => ({ ...e, location: { ...e.location, field: claimField(e.location.field, withCode) } }));
}

/** The claim's path for a path of the coding input (its procedures are the lines that have a code). */
function claimField(field: string, withCode: number[]): string {
  const [, list, i] = /^(\w+)\[(\d+)\]$/.exec(field) ?? [];
  if (list === 'procedures') return `lines[${withCode[Number(i)] ?? i}].procedureCode`;
  if (list === 'pcsProcedures') return `encounter.institutional.procedures[${i}].code`;
  return field;
}
