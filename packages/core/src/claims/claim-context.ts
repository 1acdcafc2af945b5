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
}

export interface ContextInstitutional {
  typeOfBill: string; // e.g. '0131': facility type + classification + frequency
  admissionDate?: string;
  admissionType?: string;
  admissionSource?: string;
  patientStatus?: string;
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

export interface ClaimContext {
  claimNumber: string;
  kind: 'professional' | 'institutional';
  frequencyCode: '1' | '7' | '8';
  originalPayerClaimNumber?: string | null;
  practice: ContextPractice;
  rendering: ContextProvider;
  referring?: ContextProvider | null;
  patient: ContextPatient;
  coverage: ContextCoverage;
  payer: ContextPayer;
  placeOfService: string;
  serviceDateFrom: string;
  serviceDateTo: string;
  priorAuthorization?: string | null;
  /** ICD-10-CM codes without the dot, in order (first-listed first) */
  diagnoses: string[];
  lines: ContextLine[];
  institutional?: ContextInstitutional | null;
  priorLines?: PriorBilledLine[];
}

export function totalChargeCents(ctx: Pick<ClaimContext, 'lines'>): number {
  return ctx.lines.reduce((sum, l) => sum + l.chargeCents, 0);
}
