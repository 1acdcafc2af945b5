/** Shapes of the coding and claims API (encounters, code search and edits, claims, batches, X12 files). */
export type EncounterStatus = 'to_code' | 'coded' | 'billed';

export interface EncounterRow {
  id: number;
  patientId: number;
  serviceDateFrom: string;
  placeOfService: string;
  status: EncounterStatus;
  kind: string;
  firstName: string;
  lastName: string;
  accountNumber: string;
}

export interface ServiceLine {
  lineNumber?: number;
  procedureCode: string;
  modifiers: string[];
  units: number;
  chargeCents?: number | null;
  chargeOverrideReason?: string | null;
  diagnosisPointers: number[];
  serviceDate?: string | null;
}

export interface ClaimRef {
  id: number;
  claimNumber: string;
  state: ClaimState;
  totalChargeCents: number;
  /** 1 original, 7 corrected, 8 void */
  frequencyCode: string;
  /** the claim a corrected or void claim takes the place of */
  replacesClaimId: number | null;
}

export interface Encounter {
  id: number;
  patientId: number;
  practiceId: number;
  renderingProviderId: number;
  referringProviderId: number | null;
  placeOfService: string;
  serviceDateFrom: string;
  serviceDateTo: string | null;
  priorAuthorization: string | null;
  noteText: string | null;
  status: EncounterStatus;
  diagnoses: string[];
  lines: ServiceLine[];
  claims: ClaimRef[];
}

export interface CodeHit {
  code: string;
  codeSet: string;
  title: string;
  billable: boolean;
  score: number;
  matchedBy: string;
  indexPath?: string;
}

export interface CodeEdit {
  code: string;
  severity: 'error' | 'warning';
  message: string;
  ruleId: string;
  source: string;
  location?: { field: 'diagnosis' | 'procedure'; index: number };
}

export const CLAIM_STATES = [
  'draft',
  'ready',
  'batched',
  'submitted',
  'acknowledged',
  'accepted',
  'rejected',
  'adjudicated',
  'paid',
  'partially_paid',
  'denied',
  'paid_with_line_denials',
  'reversed',
  'forwarded',
] as const;
export type ClaimState = (typeof CLAIM_STATES)[number] | 'closed' | 'appealed' | 'voided';

export interface ClaimRow {
  id: number;
  claimNumber: string;
  state: ClaimState;
  kind: string;
  totalChargeCents: number;
  rejectionReason: string | null;
  editCount: number;
  serviceDateFrom: string;
  patientId: number;
  firstName: string;
  lastName: string;
  accountNumber: string;
  payerName: string;
  batchId: number | null;
  payerClaimNumber: string | null;
}

export interface ClaimSummary {
  counts: Record<string, number>;
  scrubbed: number;
  cleanAtFirstScrub: number;
  cleanClaimRate: number | null;
}

export interface ClaimEdit {
  ruleId: string;
  severity: 'error' | 'warning' | string;
  message: string;
  source?: string;
  field?: string;
  code?: string;
}

export interface ClaimEvent {
  id?: number;
  fromState: string | null;
  toState: string;
  occurredAt: string;
  username: string | null;
  reason: string | null;
  fileId: number | null;
}

export interface FileRef {
  id: number;
  direction: string;
  kind: string;
  fileName: string;
  createdAt: string;
  status?: string;
}

export interface ClaimDetail {
  id: number;
  claimNumber: string;
  state: ClaimState;
  kind: string;
  totalChargeCents: number;
  rejectionReason: string | null;
  payerClaimNumber: string | null;
  batchId: number | null;
  frequencyCode: string;
  originalPayerClaimNumber: string | null;
  replacesClaimId: number | null;
  edits: ClaimEdit[] | null;
  encounter: Encounter;
  patient: { id: number; firstName: string; lastName: string; accountNumber: string; birthDate: string };
  payer: { id: number; name: string; payerCode: string };
  diagnoses: string[];
  lines: ServiceLine[];
  events: ClaimEvent[];
  files: FileRef[];
  /** the claim this one replaces or voids, and the corrected or void claims made of it */
  linked: Array<{
    id: number;
    claimNumber: string;
    frequencyCode: string;
    state: ClaimState;
    relation: 'replaces' | 'replaced_by';
  }>;
}

export interface ReplacementResult {
  claimId: number;
  claimNumber: string;
  frequencyCode: '7' | '8';
  replacesClaimNumber: string;
  originalPayerClaimNumber: string;
}

export interface Clearinghouse {
  id: number;
  name: string;
  transport: string;
  submitterId: string;
  receiverId: string;
  usageIndicator: string;
  /** an SFTP password or private key: only its kind and when it was set, never the secret */
  secret: { kind: 'password' | 'private_key'; setAt: string } | null;
}

export interface BatchRow {
  id: number;
  clearinghouseId: number;
  state: string;
  payerName: string;
  kind: string;
  claimCount: number;
  totalChargeCents: number;
  interchangeControlNumber: number;
  createdAt: string;
  submittedAt: string | null;
  fileId: number | null;
  ackFileId: number | null;
}

export interface BatchDetail extends BatchRow {
  claims: Array<{
    id: number;
    claimNumber: string;
    state: ClaimState;
    totalChargeCents: number;
    rejectionReason: string | null;
  }>;
  files: FileRef[];
}

export interface EdiFile {
  id: number;
  fileName: string;
  kind: string;
  direction: string;
  content: string;
  createdAt: string;
  status?: string;
}
