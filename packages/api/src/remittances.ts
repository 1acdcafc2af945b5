/**
 * The remittance (835) contract: the ERA list, an ERA's posting view (each claim and line with its adjustments
 * and remarks in words) and posting an uploaded 835 file.
 */
import { z } from 'zod';
import { cents, date, id, listQuery, page, timestamp } from './common.ts';
import { remark } from './denials.ts';

export const holdReason = z.object({
  code: z.string(),
  message: z.string(),
  equation: z.string().optional(),
  where: z.string().optional(),
});

export const listRemittancesQuery = z.strictObject({
  ...listQuery,
  status: z.enum(['posted', 'held', 'dismissed']).optional(),
  payerId: id.optional(),
  trace: z.string().max(50).optional(),
});

const remittanceBase = {
  id: z.number().int(),
  fileId: z.number().int(),
  fileName: z.string(),
  payerName: z.string(),
  payerId: z.number().int().nullable(),
  traceNumber: z.string(),
  paymentMethod: z.string(),
  paymentCents: cents,
  paymentDate: date.nullable(),
  claimCount: z.number().int(),
  status: z.enum(['posted', 'held', 'dismissed']),
  holdReasons: z.array(holdReason),
  postedAt: timestamp.nullable(),
  postedBy: z.string().nullable(),
  releaseReason: z.string().nullable(),
  receivedAt: timestamp,
};
export const remittanceItem = z.object({ ...remittanceBase, unmatched: z.number().int(), denied: z.number().int() });
export type RemittanceItem = z.infer<typeof remittanceItem>;
export const remittanceList = page(remittanceItem);
export type RemittanceList = z.infer<typeof remittanceList>;

export const postedAdjustment = z.object({
  group: z.string(),
  reason: z.string(),
  text: z.string(),
  amountCents: cents,
  posted: z.string(),
  cause: z.string().nullable(),
});

export const remittanceClaim = z.object({
  clpIndex: z.number().int(),
  claimId: z.number().int().nullable(),
  claimNumber: z.string().nullable(),
  patientName: z.string().nullable(),
  patientControlNumber: z.string(),
  payerClaimNumber: z.string(),
  statusCode: z.string(),
  outcome: z.string(),
  matchedBy: z.string().nullable(),
  chargeCents: cents,
  allowedCents: cents.nullable(),
  paidCents: cents,
  patientResponsibilityCents: cents,
  interestCents: cents,
  summary: z.string(),
  adjustments: z.array(postedAdjustment),
  remarks: z.array(remark),
  /**
   * What the claim's lines did not explain of its payment, as a person applied it to them afterwards (each line and
   * the payment it took, out of the unapplied money): part of paidCents, not of any line's paidCents.
   */
  appliedDifference: z.array(
    z.object({
      lineId: z.number().int(),
      lineNumber: z.number().int().nullable(),
      procedure: z.string().nullable(),
      amountCents: cents,
    }),
  ),
  lines: z.array(
    z.object({
      lineId: z.number().int().nullable(),
      procedure: z.string(),
      submittedProcedure: z.string().nullable(),
      billedCents: cents,
      allowedCents: cents.nullable(),
      paidCents: cents,
      matchedBy: z.string().nullable(),
      adjustments: z.array(postedAdjustment),
      remarks: z.array(remark),
    }),
  ),
});
export type RemittanceClaim = z.infer<typeof remittanceClaim>;

/** A claim of ours that an unmatched 835 claim may mean, as posting found it: how well it fits and why. */
export const claimSuggestion = z.object({
  claimId: z.number().int(),
  claimNumber: z.string(),
  score: z.number(),
  why: z.array(z.string()),
});
export type ClaimSuggestion = z.infer<typeof claimSuggestion>;

/** a void (frequency 8) and the claim it took back, as both the ERA view and a posting's result name them */
const voidAndOriginal = {
  voidClaimId: z.number().int(),
  voidClaimNumber: z.string(),
  originalClaimId: z.number().int(),
  originalClaimNumber: z.string(),
};
export const remittanceDetail = z.object({
  ...remittanceBase,
  payeeName: z.string(),
  providerAdjustments: z.array(z.object({ reason: z.string(), reference: z.string().nullable(), amountCents: cents })),
  unmatched: z.array(
    z.object({
      id: z.number().int(),
      kind: z.string(),
      amountCents: cents,
      description: z.string(),
      status: z.string(),
      suggestions: z.array(claimSuggestion),
    }),
  ),
  claims: z.array(remittanceClaim),
  /** voids (frequency 8) this ERA settled: it reversed their claims and the balance went where each void said */
  voidsSettled: z.array(
    z.object({
      ...voidAndOriginal,
      state: z.string(),
      description: z.string(),
    }),
  ),
});
export type RemittanceDetail = z.infer<typeof remittanceDetail>;

/** An 835 uploaded as text (a few MB at most: larger files come through the clearinghouse or the CLI). */
export const postRemittanceBody = z.strictObject({
  fileName: z.string().trim().min(1).max(200),
  text: z.string().min(1).max(5_000_000),
});
export const postRemittanceResult = z.object({
  status: z.enum(['posted', 'held', 'duplicate']),
  fileId: z.number().int().nullable(),
  message: z.string(),
  remittances: z.array(
    z.object({
      remittanceId: z.number().int().nullable(),
      traceNumber: z.string(),
      payerName: z.string(),
      paymentCents: cents,
      claimCount: z.number().int(),
      status: z.enum(['posted', 'held', 'duplicate']),
      message: z.string(),
    }),
  ),
  holdReasons: z.array(holdReason),
  claimsPosted: z.number().int(),
  claimsMoved: z.number().int(),
  secondaryClaims: z.number().int(),
  denials: z.number().int(),
  unmatched: z.number().int(),
  /** voids (frequency 8) this file settled: the payer took their claims back and the balance went where each said */
  voidsSettled: z.array(
    z.object({
      ...voidAndOriginal,
      state: z.enum(['rebilled', 'written_off']),
      amountCents: cents,
      rebillClaimId: z.number().int().nullable(),
      message: z.string(),
    }),
  ),
});
export type PostRemittanceResultBody = z.infer<typeof postRemittanceResult>;

export const releaseRemittanceBody = z.strictObject({
  action: z.enum(['post', 'dismiss']),
  reason: z.string().trim().min(5, 'say why, in a few words').max(500),
});

// ---- the unmatched worklist: 835 claims (and lines) that matched none of ours, across all ERAs ----

export const UNMATCHED_STATUSES = ['open', 'matched', 'dismissed'] as const;
export const unmatchedStatus = z.enum(UNMATCHED_STATUSES);

/** `status` defaults to open. */
export const listUnmatchedQuery = z.strictObject({
  ...listQuery,
  status: unmatchedStatus.optional(),
  kind: z.enum(['claim', 'line']).optional(),
  remittanceId: id.optional(),
});

/** A claim of ours a person might mean: why it was suggested, and what it is (patient, date, amount). */
export const unmatchedSuggestion = z.object({
  claimId: z.number().int(),
  claimNumber: z.string(),
  score: z.number(),
  why: z.array(z.string()),
  patientName: z.string().nullable(),
  serviceDate: date.nullable(),
  chargeCents: cents.nullable(),
  state: z.string().nullable(),
  payerName: z.string().nullable(),
});
export type UnmatchedSuggestion = z.infer<typeof unmatchedSuggestion>;

/** A line of our claim an unmatched 835 service line may pay: why it was suggested, and what it is. */
export const unmatchedLineSuggestion = z.object({
  lineId: z.number().int(),
  lineNumber: z.number().int(),
  procedure: z.string(),
  serviceDate: date,
  chargeCents: cents,
  score: z.number(),
  why: z.array(z.string()),
});
export type UnmatchedLineSuggestion = z.infer<typeof unmatchedLineSuggestion>;

/** The 835 service line (SVC) of an unmatched line item, as the payer sent it. */
export const unmatchedService = z.object({
  svcIndex: z.number().int(),
  /** SVC01 as adjudicated; SVC06 (what we billed) when the payer changed the code */
  procedure: z.string(),
  submittedProcedure: z.string().nullable(),
  serviceDate: date.nullable(),
  billedCents: cents,
  paidCents: cents,
  adjustments: z.array(z.object({ group: z.string(), reason: z.string(), amountCents: cents })),
});

/** An SVC of a claim none of whose services matched a line: the service, and the claim's lines it may pay. */
export const unmatchedClaimService = unmatchedService.extend({ lineSuggestions: z.array(unmatchedLineSuggestion) });
/** A line of the item's claim, as a difference may be applied to it: what the payer still owes on it. */
export const unmatchedClaimLine = z.object({
  lineId: z.number().int(),
  lineNumber: z.number().int(),
  procedure: z.string(),
  serviceDate: date,
  chargeCents: cents,
  payerBalanceCents: z.number().int(),
});

/**
 * What a person does with the item: `claim` confirm the claim it pays; `service` post its one SVC to a line;
 * `services` post each SVC of the claim to a line; `difference` apply what the claim's lines do not explain of its
 * payment to lines, amounts adding up to it.
 */
export const UNMATCHED_HELD_AS = ['claim', 'service', 'services', 'difference'] as const;

export const unmatchedItem = z.object({
  id: z.number().int(),
  kind: z.enum(['claim', 'line']),
  heldAs: z.enum(UNMATCHED_HELD_AS),
  status: unmatchedStatus,
  /** the money held as unapplied */
  amountCents: cents,
  description: z.string(),
  remittanceId: z.number().int(),
  traceNumber: z.string(),
  payerName: z.string(),
  paymentDate: date.nullable(),
  clpIndex: z.number().int(),
  /** CLP01, CLP07, CLP02 and CLP03 as the payer sent them */
  patientControlNumber: z.string(),
  payerClaimNumber: z.string(),
  statusCode: z.string(),
  chargeCents: cents,
  /** the patient (NM1*QC) and date of service the 835 gives */
  patientName: z.string().nullable(),
  serviceDate: date.nullable(),
  /** the claim: ours for an unmatched line, the one a person matched for a claim */
  claimId: z.number().int().nullable(),
  claimNumber: z.string().nullable(),
  suggestions: z.array(unmatchedSuggestion),
  /** an unmatched service line of a claim of ours: the SVC, and the claim's lines it may pay (null otherwise) */
  service: unmatchedService.nullable(),
  lineSuggestions: z.array(unmatchedLineSuggestion),
  /** `services`: each SVC the payer sent for the claim, with the lines it may pay */
  services: z.array(unmatchedClaimService),
  /** `difference`: the claim's lines, with what the payer still owes on each */
  claimLines: z.array(unmatchedClaimLine),
  resolvedBy: z.string().nullable(),
  resolvedAt: timestamp.nullable(),
  resolution: z.string().nullable(),
});
export type UnmatchedItem = z.infer<typeof unmatchedItem>;
export const unmatchedList = page(unmatchedItem);
export type UnmatchedList = z.infer<typeof unmatchedList>;

/** The claim a person confirms: by id (a suggestion) or by the number people see. */
export const matchUnmatchedBody = z
  .strictObject({ claimId: id.optional(), claimNumber: z.string().trim().min(1).max(40).optional() })
  .refine((b) => (b.claimId === undefined) !== (b.claimNumber === undefined), {
    message: 'name the claim: its id or its number',
    path: ['claimId'],
  });
/** The line of the item's claim an unmatched service line pays: by id (a suggestion) or by its line number. */
export const postUnmatchedLineBody = z
  .strictObject({ lineId: id.optional(), lineNumber: z.number().int().min(1).max(999).optional() })
  .refine((b) => (b.lineId === undefined) !== (b.lineNumber === undefined), {
    message: 'name the line: its id or its line number',
    path: ['lineId'],
  });
const lineNamed = {
  lineId: id.optional(),
  lineNumber: z.number().int().min(1).max(999).optional(),
};
const oneLine = (b: { lineId?: number | undefined; lineNumber?: number | undefined }) =>
  (b.lineId === undefined) !== (b.lineNumber === undefined);
/** Each SVC of the claim (svcIndex as the worklist lists it) and the line it pays; several may pay one line. */
export const postUnmatchedServicesBody = z.strictObject({
  lines: z
    .array(
      z
        .strictObject({ svcIndex: z.number().int().min(0).max(998), ...lineNamed })
        .refine(oneLine, { message: 'name the line: its id or its line number', path: ['lineId'] }),
    )
    .min(1)
    .max(999),
});
/** The lines that take a claim's difference and the cents each takes (adding up to the difference exactly). */
export const applyClaimDifferenceBody = z.strictObject({
  lines: z
    .array(
      z
        .strictObject({ ...lineNamed, amountCents: z.number().int().min(-99_999_999_99).max(99_999_999_99) })
        .refine(oneLine, { message: 'name the line: its id or its line number', path: ['lineId'] }),
    )
    .min(1)
    .max(999),
});
export const dismissUnmatchedBody = z.strictObject({
  reason: z.string().trim().min(5, 'say why, in a few words').max(500),
});
export const unmatchedActionResult = z.object({
  id: z.number().int(),
  status: unmatchedStatus,
  message: z.string(),
  claimId: z.number().int().nullable(),
  claimNumber: z.string().nullable(),
  /** the ledger posting that applied the unapplied money to the claim's lines */
  postingId: z.number().int().nullable(),
  /** the claim's line an unmatched service line was posted to */
  lineId: z.number().int().nullable(),
  /** the same decision had been taken before: nothing changed */
  alreadyDone: z.boolean(),
});
export type UnmatchedActionResult = z.infer<typeof unmatchedActionResult>;

// ---- a claim's money: its lines with their balances, every ledger entry, the totals and the payer's payments ----

export const ledgerEntryView = z.object({
  id: z.number().int(),
  postingId: z.number().int(),
  /** charge, claim_payment, claim_reversal, apply_unapplied, write_off, transfer, patient_payment, … */
  postingKind: z.string(),
  effectiveDate: date,
  memo: z.string(),
  postedAt: timestamp,
  postedBy: z.string().nullable(),
  remittanceId: z.number().int().nullable(),
  /** ar (what a party owes), unapplied, interest, … */
  account: z.string(),
  /** charge, insurance_payment, adjustment, transfer (patient responsibility), write_off, … */
  kind: z.string(),
  /** positive: owed more; negative: paid or taken off */
  amountCents: cents,
  lineId: z.number().int().nullable(),
  /** who owes an `ar` amount */
  party: z.enum(['payer', 'patient']).nullable(),
  payerId: z.number().int().nullable(),
  group: z.string().nullable(),
  /** CARC (adjustments), the reason a person gave (write-offs), PLB reason */
  reason: z.string().nullable(),
  /** the CARC in words */
  reasonText: z.string().nullable(),
  reference: z.string().nullable(),
  /** the RARC remarks of the 835 line the adjustment came from */
  remarks: z.array(remark),
});
export type LedgerEntryView = z.infer<typeof ledgerEntryView>;

export const ledgerTotalsView = z.object({
  charges: cents,
  insurancePayments: cents,
  patientPayments: cents,
  /** by CAS group: CO, OA, PI, CR (PR is patient responsibility) */
  adjustments: z.record(z.string(), cents),
  writeOffs: cents,
  refunds: cents,
  patientResponsibility: cents,
  balance: cents,
  insuranceBalance: cents,
  patientBalance: cents,
  /** what each payer owes, by payer id */
  byPayer: z.record(z.string(), cents),
});
export type LedgerTotalsView = z.infer<typeof ledgerTotalsView>;

export const claimLedger = z.object({
  claim: z.object({
    id: z.number().int(),
    claimNumber: z.string(),
    state: z.string(),
    kind: z.string(),
    frequencyCode: z.string(),
    payerId: z.number().int(),
    payerName: z.string(),
    payerClaimNumber: z.string().nullable(),
    patientId: z.number().int(),
    patientName: z.string(),
    serviceDate: date,
    totalChargeCents: cents,
  }),
  lines: z.array(
    z.object({
      id: z.number().int(),
      lineNumber: z.number().int(),
      code: z.string(),
      modifiers: z.array(z.string()),
      revenueCode: z.string().nullable(),
      /** the line as people read it: "99213-25", or on an institutional claim "0450 / 99284" or "0250" */
      label: z.string(),
      units: z.number(),
      chargeCents: cents,
      date: date,
      balanceCents: cents,
    }),
  ),
  entries: z.array(ledgerEntryView),
  totals: ledgerTotalsView,
  /** patient responsibility (PR) moved on to the next payer instead of the patient, by the claim it went to */
  forwarded: z.array(
    z.object({
      claimId: z.number().int(),
      claimNumber: z.string(),
      payerId: z.number().int(),
      payerName: z.string(),
      amountCents: cents,
    }),
  ),
  /** each 835 claim payment (ERA) on the claim, as the payer adjudicated it */
  payments: z.array(
    remittanceClaim.extend({
      remittanceId: z.number().int(),
      traceNumber: z.string(),
      paymentDate: date.nullable(),
      payerName: z.string(),
    }),
  ),
});
export type ClaimLedgerView = z.infer<typeof claimLedger>;
