/** Shapes of the patient-account API answers the account panel reads. */
export interface AccountLine {
  lineId: number;
  claimNumber: string;
  serviceDate: string;
  code: string;
  description: string;
  chargeCents: number;
  billedTo: string[];
  insurancePaidCents: number;
  adjustments: Array<{ group: string; reason: string; amountCents: number; explanation: string }>;
  patientShare: Array<{ reason: string; amountCents: number; explanation: string }>;
  patientPaidCents: number;
  writtenOffCents: number;
  patientOwesCents: number;
  remarks: Array<{ code: string; text: string }>;
}

export interface AccountView {
  accountId: number;
  patientBalanceCents: number;
  insurancePendingCents: number;
  creditCents: number;
  amountOwedCents: number;
  aging: Record<'current' | 'days31to60' | 'days61to90' | 'days91to120' | 'over120', number>;
  lines: AccountLine[];
  statements: Array<{
    id: number;
    statementDate: string;
    dueDate: string;
    amountDueCents: number;
    dunningLevel: string;
  }>;
  payments: Array<{
    postingId: number;
    date: string;
    method: string;
    reference: string;
    amountCents: number;
    appliedCents: number;
    onAccountCents: number;
    memo: string;
    recordedBy: string;
  }>;
  plan: {
    state: string;
    recordedStatus: string;
    terms: { totalCents: number; installments: number; frequency: string; startDate: string; maxMisses: number };
    installments: Array<{ number: number; dueDate: string; amountCents: number; paidCents: number; status: string }>;
    paidCents: number;
    remainingCents: number;
    misses: number;
    pastDueCents: number;
    nextDue: { dueDate: string; amountCents: number } | null;
  } | null;
  placement: {
    agency: string;
    status: string;
    placedAt: string;
    placedBalanceCents: number;
    agencyStatus: string | null;
    recalledAt: string | null;
  } | null;
}

export interface Contact {
  id: number;
  occurredAt: string;
  username: string;
  channel: string;
  direction: string;
  outcome: string;
  note: string;
  promiseDate: string | null;
  promiseCents: number | null;
  followUpDate: string | null;
}
