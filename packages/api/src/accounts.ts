/**
 * The patient account as the routes send it: every charge in plain words, payments, credit, aging, plan,
 * statements, placement and refunds; and the answers of the account rep's actions on it (payment, refund,
 * write-off, plan, final notice, placement, recall, agency report) and of the contact log.
 */
import { z } from 'zod';
import { cents, date, timestamp } from './common.ts';

const int = z.number().int();

export const accountLine = z.object({
  lineId: int,
  claimNumber: z.string(),
  patientId: int,
  serviceDate: date,
  code: z.string(),
  /** the plain description: the licensed CPT descriptor or the code's category; HCPCS/ICD short text */
  description: z.string(),
  chargeCents: cents,
  /** who the line was billed to, in order: payer names, or "you (self-pay)" */
  billedTo: z.array(z.string()),
  insurancePaidCents: cents,
  /** what the insurer took off and why, the CARC turned into a sentence */
  adjustments: z.array(
    z.object({ group: z.string(), reason: z.string(), amountCents: cents, explanation: z.string() }),
  ),
  /** what the insurer passed to the patient (deductible, coinsurance, copay) and why */
  patientShare: z.array(z.object({ reason: z.string(), amountCents: cents, explanation: z.string() })),
  patientPaidCents: cents,
  writtenOffCents: cents,
  insuranceOwesCents: cents,
  patientOwesCents: cents,
  /** the payers' remark codes (RARC) on the line, each in words */
  remarks: z.array(z.object({ code: z.string(), text: z.string() })),
});
export type AccountLine = z.infer<typeof accountLine>;

export const accountAging = z.object({
  current: cents,
  days31to60: cents,
  days61to90: cents,
  days91to120: cents,
  over120: cents,
});

export const accountPayment = z.object({
  postingId: int,
  patientId: int,
  date,
  /** cash, check, card, agency … (the first word of the reference) */
  method: z.string(),
  reference: z.string(),
  amountCents: cents,
  appliedCents: cents,
  onAccountCents: cents,
  memo: z.string(),
  recordedBy: z.string(),
});
export type AccountPayment = z.infer<typeof accountPayment>;

const planInstallment = z.object({
  number: int,
  dueDate: date,
  amountCents: cents,
  paidCents: cents,
  status: z.enum(['paid', 'partial', 'due', 'missed', 'upcoming']),
});
export const paymentPlanState = z.object({
  id: int,
  /** what the plan row says (active, broken, completed, cancelled) */
  recordedStatus: z.string(),
  terms: z.object({
    totalCents: cents,
    downPaymentCents: cents,
    installments: int,
    firstDueDate: date,
    startDate: date,
    frequency: z.enum(['monthly', 'biweekly']),
    graceDays: int,
    maxMisses: int,
  }),
  installments: z.array(planInstallment),
  paidCents: cents,
  remainingCents: cents,
  misses: int,
  /** today, from the payments on the ledger */
  state: z.enum(['kept', 'broken', 'completed']),
  nextDue: z.object({ dueDate: date, amountCents: cents }).nullable(),
  pastDueCents: cents,
});
export type PaymentPlanState = z.infer<typeof paymentPlanState>;

export const refundRequestView = z.object({
  id: int,
  patientId: int,
  amountCents: cents,
  reason: z.string(),
  status: z.enum(['requested', 'approved', 'rejected']),
  requestedBy: z.string(),
  requestedAt: timestamp,
  decidedBy: z.string().nullable(),
  decidedAt: timestamp.nullable(),
  /** the refund posting, once approved */
  postingId: int.nullable(),
});
export type RefundRequestView = z.infer<typeof refundRequestView>;

export const patientAccount = z.object({
  accountId: int,
  guarantor: z.object({ id: int, name: z.string(), city: z.string() }).nullable(),
  /** every patient the account answers for */
  patients: z.array(z.object({ id: int, name: z.string(), accountNumber: z.string() })),
  statementHold: z.boolean(),
  finalNoticeDate: date.nullable(),
  patientBalanceCents: cents,
  insurancePendingCents: cents,
  creditCents: cents,
  amountOwedCents: cents,
  aging: accountAging,
  lines: z.array(accountLine),
  statements: z.array(
    z.object({
      id: int,
      statementDate: date,
      dueDate: date,
      amountDueCents: cents,
      balanceCents: cents,
      dunningLevel: z.string(),
    }),
  ),
  payments: z.array(accountPayment),
  plan: paymentPlanState.nullable(),
  placement: z
    .object({
      id: int,
      agency: z.string(),
      placedAt: date,
      placedBalanceCents: cents,
      status: z.string(),
      agencyStatus: z.string().nullable(),
      recalledAt: date.nullable(),
    })
    .nullable(),
  refunds: z.array(
    z.object({
      id: int,
      patientId: int,
      amountCents: cents,
      reason: z.string(),
      status: z.string(),
      requestedBy: z.string(),
    }),
  ),
});
export type PatientAccount = z.infer<typeof patientAccount>;

export const paymentRecorded = z.object({
  postingId: int,
  applied: z.array(z.object({ lineId: int, claimId: int, amountCents: cents })),
  /** what was left over and kept as credit on the account */
  onAccountCents: cents,
});
export type PaymentRecorded = z.infer<typeof paymentRecorded>;

export const smallBalanceWrittenOff = z.object({ postingIds: z.array(int), totalCents: cents });
export type SmallBalanceWrittenOff = z.infer<typeof smallBalanceWrittenOff>;

export const paymentPlanCreated = z.object({
  id: int,
  accountId: int,
  schedule: z.array(z.object({ number: int, dueDate: date, amountCents: cents })),
});
export type PaymentPlanCreated = z.infer<typeof paymentPlanCreated>;

export const finalNoticeSent = z.object({ accountId: int, finalNoticeDate: date });
export type FinalNoticeSent = z.infer<typeof finalNoticeSent>;

export const collectionsWorklistRow = z.object({
  accountId: int,
  patientIds: z.array(int),
  name: z.string(),
  balanceCents: cents,
  oldestDays: int,
  statementsSent: int,
  lastStatementDate: date.nullable(),
  lastPaymentDate: date.nullable(),
  contacts: int,
  lastContactAt: timestamp.nullable(),
  finalNoticeDate: date.nullable(),
  /** past every rule and the final notice's wait: can be placed */
  ready: z.boolean(),
  why: z.string(),
});
export type CollectionsWorklistRow = z.infer<typeof collectionsWorklistRow>;
export const collectionsWorklist = z.object({ items: z.array(collectionsWorklistRow) });
export type CollectionsWorklist = z.infer<typeof collectionsWorklist>;

export const placementMade = z.object({
  placementIds: z.array(int),
  /** the placement file for the agency (layout in docs/accounts-files.md) */
  csv: z.string(),
});
export type PlacementMade = z.infer<typeof placementMade>;

export const placementRecalled = z.object({ placementId: int, status: z.literal('recalled') });
export type PlacementRecalled = z.infer<typeof placementRecalled>;

export const agencyReportImported = z.object({
  /** the same file was imported before: nothing posted again */
  duplicate: z.boolean(),
  posted: int,
  statuses: int,
  problems: z.array(z.string()),
});
export type AgencyReportImported = z.infer<typeof agencyReportImported>;

export const contactEntry = z.object({
  id: int,
  patientId: int,
  occurredAt: timestamp,
  username: z.string(),
  channel: z.string(),
  direction: z.string(),
  outcome: z.string(),
  note: z.string(),
  promiseDate: date.nullable(),
  promiseCents: cents.nullable(),
  followUpDate: date.nullable(),
});
export type ContactEntry = z.infer<typeof contactEntry>;

export const contactSummary = z.object({
  count: int,
  last30Days: int,
  lastAt: timestamp.nullable(),
  lastChannel: z.string().nullable(),
  lastOutcome: z.string().nullable(),
  promise: z.object({ date, cents }).nullable(),
  nextFollowUp: date.nullable(),
  followUpOverdue: z.boolean(),
});
export const contactLog = z.object({ items: z.array(contactEntry), summary: contactSummary });
export type ContactLog = z.infer<typeof contactLog>;
