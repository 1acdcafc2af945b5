import type { PayerAdjudication } from './cob/payer-adjudication.ts';

/**
 * Everything one claim needs, loaded before any rule or mapping runs (STYLE.md 2: load, then map).
 * Plain data with camelCase names; money in integer cents; dates 'YYYY-MM-DD'.
 */
export interface ContextAddress {
  line1: string;
  line2?: string | null;
  city: string;
  state: string;
  zip: string;
}

export interface ContextPractice {
  legalName: string;
  npi: string;
  tin: string;
  taxonomy: string;
  phone?: string | null;
  address: ContextAddress;
  payTo?: ContextAddress | null;
  /** NUCC taxonomy the facility bills under on an 837I (e.g. 261QR1300X rural health clinic) */
  facilityTaxonomy?: string | null;
  /** CLIA certificate number for lab tests (837P REF*X4), 10 characters like 45D0123456 */
  cliaNumber?: string | null;
}

export interface ContextProvider {
  npi: string;
  firstName: string;
  lastName: string;
  credential?: string | null;
  taxonomy: string;
}

export interface ContextPatient {
  id: number;
  accountNumber: string;
  firstName: string;
  middleName?: string | null;
  lastName: string;
  birthDate: string;
  sex: 'F' | 'M' | 'U';
  address: ContextAddress;
}

export interface ContextCoverage {
  id: number;
  coverageOrder: 1 | 2 | 3;
  memberId: string;
  groupNumber?: string | null;
  relationshipCode: string;
  subscriberFirstName: string;
  subscriberLastName: string;
  subscriberBirthDate?: string | null;
  subscriberSex?: string | null;
  effectiveDate: string;
  endDate?: string | null;
  /** SBR05 Medicare secondary payer type when Medicare pays after another plan */
  mspType?: string | null;
}

export interface ContextPayer {
  id: number;
  name: string;
  payerCode: string;
  claimFilingIndicator: string;
  timelyFilingDays: number;
  address?: ContextAddress | null;
}

export interface ContextLine {
  lineNumber: number;
  procedureCode: string;
  modifiers: string[];
  units: number;
  chargeCents: number;
  diagnosisPointers: number[];
  serviceDate: string;
  revenueCode?: string | null;
  /** the drug administered (2410 LIN*N4 + CTP): 11-digit NDC, quantity and unit (F2, GR, ME, ML, UN) */
  drug?: ContextDrug | null;
}

export interface ContextDrug {
  ndc: string;
  quantity: number;
  unit: string;
}

/** What a UB-04 / 837I carries beyond a professional claim (NUBC codes as strings). */
export interface ContextInstitutional {
  /** 3 digits (131) or 4 with the leading zero (0131): facility type, classification, frequency */
  typeOfBill: string;
  admissionDate?: string;
  /** admission hour 00–23 (FL 13; 837I DTP*435 as date and time) */
  admissionHour?: string;
  /** FL 14 priority (type) of admission or visit, FL 15 point of origin, FL 17 patient discharge status */
  admissionType?: string;
  admissionSource?: string;
  patientStatus?: string;
  /** discharge hour 00–23 (FL 16; 837I DTP*096 TM) */
  dischargeHour?: string;
  /** FL 69 admitting diagnosis (HI ABJ), inpatient */
  admittingDiagnosis?: string;
  /** FL 70 patient's reason for visit (HI APR), outpatient and emergency, up to 3 */
  reasonForVisit?: string[];
  /** FL 72 external cause of injury (HI ABN) */
  externalCauses?: string[];
  /** FL 74 ICD-10-PCS procedures with their dates; the first is the principal procedure (HI BBR, then BBQ) */
  procedures?: Array<{ code: string; date: string }>;
  /** FL 31–34 occurrence codes with dates (HI BH) */
  occurrences?: Array<{ code: string; date: string }>;
  /** FL 35–36 occurrence span codes (HI BI) */
  occurrenceSpans?: Array<{ code: string; from: string; to: string }>;
  /** FL 39–41 value codes with amounts in cents (HI BE) */
  values?: Array<{ code: string; amountCents: number }>;
  /** FL 18–28 condition codes (HI BG) */
  conditions?: string[];
  attendingProviderNpi?: string;
}

/** A line this patient already had billed on another claim (for the duplicate check). */
export interface PriorBilledLine {
  claimNumber: string;
  serviceDate: string;
  procedureCode: string;
  modifiers: string[];
  renderingNpi: string;
}

/** Another payer on the claim: the one(s) before this claim's payer (with what they decided) or after it. */
export interface OtherPayer {
  payer: ContextPayer;
  coverage: ContextCoverage;
  /** null when this payer has not adjudicated the claim (a later payer, or a primary's EOB not yet in) */
  adjudication: PayerAdjudication | null;
}

/**
 * A claim as stored, with everything billing it needs (practice, providers, patient, coverage, payer, lines,
 * other payers): the input of the scrubber and of the 837 mapping.
 */
export interface ClaimToBill {
  claimNumber: string;
  kind: 'professional' | 'institutional';
  frequencyCode: '1' | '7' | '8';
  originalPayerClaimNumber?: string | null;
  /** our claim number of the claim a replacement or void takes the place of */
  replacesClaimNumber?: string | null;
  practice: ContextPractice;
  rendering: ContextProvider;
  referring?: ContextProvider | null;
  /** 837I 2310B operating physician and 2310C other operating physician (UB-04 FL 77, 78) */
  operating?: ContextProvider | null;
  otherOperating?: ContextProvider | null;
  patient: ContextPatient;
  coverage: ContextCoverage;
  payer: ContextPayer;
  placeOfService: string;
  serviceDateFrom: string;
  serviceDateTo: string;
  priorAuthorization?: string | null;
  /** ICD-10-CM codes without the dot, in order (first-listed first) */
  diagnoses: string[];
  /** present-on-admission indicator of each diagnosis (Y, N, U, W; null when exempt), same order */
  diagnosisPoa?: Array<string | null>;
  lines: ContextLine[];
  institutional?: ContextInstitutional | null;
  priorLines?: PriorBilledLine[];
  /** the patient's other payers, in payer order (2320/2330); a secondary claim's primary carries its adjudication */
  otherPayers?: OtherPayer[];
}

export function totalChargeCents(ctx: Pick<ClaimToBill, 'lines'>): number {
  return ctx.lines.reduce((sum, l) => sum + l.chargeCents, 0);
}
