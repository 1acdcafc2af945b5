/**
 * The typed 837 claim file (professional 005010X222A1 and institutional 005010X223A2).
 * Money is integer cents. Optional arrays that are empty are read back as absent.
 * One model serves both kinds; institutional-only fields are marked (I), professional-only (P).
 */
import type { Party, Reference, Specialty } from '../common/party.ts';

export type { Party, Reference, Specialty } from '../common/party.ts';
export * from './claim-line-model.ts';
import type { Attachment, ClaimLine } from './claim-line-model.ts';

export type ClaimKind = 'professional' | 'institutional';

export const IMPLEMENTATION_VERSION: Record<ClaimKind, string> = {
  professional: '005010X222A1',
  institutional: '005010X223A2',
};

export interface ClaimFile837 {
  kind: ClaimKind;
  /** ST02 transaction set control number */
  controlNumber: string;
  header: BeginningOfTransaction;
  /** 1000A (NM1*41 with PER) */
  submitter: Party;
  /** 1000B (NM1*40) */
  receiver: Party;
  /** 2000A, in file order; claims are grouped billing provider → subscriber → patient */
  billingProviders: BillingProviderLoop[];
}

/** BHT */
export interface BeginningOfTransaction {
  /** BHT02: '00' original, '18' reissue */
  purpose: string;
  /** BHT03 originator application transaction id */
  referenceId: string;
  /** BHT04 CCYYMMDD */
  date: string;
  /** BHT05 HHMM[SS] */
  time: string;
  /** BHT06: 'CH' chargeable, 'RP' reporting (encounters), '31' subrogation demand */
  claimType: string;
}

export interface BillingProviderLoop {
  /** 2000A PRV*BI*PXC*taxonomy */
  specialty?: Specialty;
  /** 2010AA NM1*85 with N3/N4, REF*EI (tax id), PER */
  provider: Party;
  /** 2010AB NM1*87 pay-to address */
  payTo?: Party;
  subscribers: SubscriberLoop[];
}

/** SBR: whose policy, in which payer order */
export interface PayerResponsibility {
  /** SBR01: P primary, S secondary, T tertiary, A–H payer 4–11, U unknown */
  responsibility: string;
  /** SBR02: '18' self (2000B when the patient is the subscriber), '01' spouse, '19' child, 'G8' other (2320) */
  relationship?: string;
  groupNumber?: string;
  groupName?: string;
  /** SBR05 insurance type (Medicare secondary payer types) */
  insuranceType?: string;
  /** SBR09 claim filing indicator: MB, MC, CI, BL, HM, ... */
  claimFilingCode?: string;
}

export interface SubscriberLoop {
  sbr: PayerResponsibility;
  /** 2010BA NM1*IL (N3/N4/DMG/REF) */
  subscriber: Party;
  /** 2010BB NM1*PR */
  payer: Party;
  /** 2300 claims where the patient is the subscriber */
  claims: Claim837[];
  /** 2000C patients who are not the subscriber */
  patients: PatientLoop[];
}

export interface PatientLoop {
  /** PAT01 relationship to the subscriber: 01 spouse, 19 child, 20 employee, 21 unknown, 39 organ donor, 40 cadaver donor, 53 life partner, G8 other */
  relationship: string;
  /** 2010CA NM1*QC (N3/N4/DMG/REF) */
  patient: Party;
  claims: Claim837[];
}

/** A DTP: the format (D8, RD8, DT, TM) is derived from the value unless given. */
export interface DateValue {
  /** DTP01, see DATE_QUALIFIERS */
  qualifier: string;
  /** CCYYMMDD, CCYYMMDD-CCYYMMDD, CCYYMMDDHHMM or HHMM */
  value: string;
  format?: string;
}

export const DATE_QUALIFIERS = {
  onset: '431',
  initialTreatment: '454',
  lastSeen: '304',
  accident: '439',
  admission: '435',
  discharge: '096',
  statement: '434',
  service: '472',
  adjudication: '573',
} as const;

export interface Amount {
  /** AMT01: F5 patient amount paid, D payer paid, EAF remaining patient liability, A8 non-covered, ... */
  qualifier: string;
  amount: number;
}

export interface Note {
  /** NTE01: ADD, CER, DCP, DGN, TPO (P); ALG, DCP, DGN, DME, MED, NTR, ODT, RHB, RLH, RNH, SET, SFM, SPT, UPI (I) */
  code: string;
  text: string;
}

/** One HI composite (C022): diagnosis, procedure, occurrence, value or condition code. */
export interface HealthCode {
  /** ABK principal dx, ABF other dx, ABJ admitting dx, APR reason for visit, ABN external cause, BBR/BBQ procedures, BH/BI occurrence (span), BE value, BG condition, DR DRG */
  qualifier: string;
  code: string;
  dateFormat?: string;
  date?: string;
  /** C022-05 monetary amount (value codes), cents */
  amount?: number;
  quantity?: number;
  /** C022-09 present-on-admission indicator (I): Y, N, U, W */
  poa?: string;
}

/** CAS: one group with up to 6 reason/amount/quantity triplets */
export interface Adjustment {
  /** CO, PR, OA, PI, CR */
  group: string;
  items: Array<{ reason: string; amount: number; quantity?: number }>;
}

/** 2310x providers: NM101 entity code, see PROVIDER_ROLES */
export interface ClaimProvider extends Party {
  entityCode: string;
}

export const PROVIDER_ROLES = {
  referring: 'DN',
  primaryCare: 'P3',
  rendering: '82',
  serviceFacility: '77',
  supervising: 'DQ',
  attending: '71',
  operating: '72',
  otherOperating: 'ZZ',
} as const;

/** CL1 (I) */
export interface InstitutionalInfo {
  admissionType?: string;
  admissionSource?: string;
  patientStatus?: string;
}

/** 2320 other subscriber information with 2330A (subscriber) and 2330B (payer) */
export interface OtherSubscriber {
  sbr: PayerResponsibility;
  adjustments?: Adjustment[];
  /** AMT*D, cents */
  payerPaid?: number;
  /** other AMT (EAF remaining patient liability, A8 non-covered, ...) */
  amounts?: Amount[];
  /** OI03 benefits assignment Y/N/W */
  benefitsAssigned?: string;
  /** OI04 patient signature source (P) */
  patientSignatureSource?: string;
  /** OI06 release of information I/Y */
  releaseOfInfo?: string;
  subscriber: Party;
  payer: Party;
  /** 2330B DTP*573 claim check or remittance date */
  payerDates?: DateValue[];
}

export interface Claim837 {
  /** CLM01 patient control number (our claim id; returned in 277CA/835) */
  id: string;
  /** CLM02, cents; must equal the sum of line charges */
  totalCharge: number;
  /** CLM05-1 place of service (P) or facility type (I) */
  facilityCode: string;
  /** CLM05-2: 'B' place of service (P), 'A' uniform billing facility type (I) */
  facilityQualifier: string;
  /** CLM05-3: '1' original, '7' replacement, '8' void */
  frequency: string;
  /** CLM06 Y/N (P) */
  providerSignature?: string;
  /** CLM07 assignment / plan participation A/B/C */
  assignment?: string;
  /** CLM08 benefits assignment Y/N/W */
  benefitsAssigned?: string;
  /** CLM09 release of information I/Y */
  releaseOfInfo?: string;
  /** CLM10 patient signature source P (P) */
  patientSignatureSource?: string;
  /** CLM11-1..3 related causes AA auto, EM employment, OA other accident */
  relatedCauses?: string[];
  /** CLM11-4 auto accident state */
  accidentState?: string;
  /** CLM12 special program */
  specialProgram?: string;
  /** CLM20 delay reason */
  delayReason?: string;
  dates?: DateValue[];
  /** CL1 (I) */
  institutional?: InstitutionalInfo;
  /** PWK */
  attachments?: Attachment[];
  amounts?: Amount[];
  /** REF*G1 prior authorization */
  priorAuthorization?: string;
  /** REF*F8 payer claim control number of the claim being replaced or voided */
  originalReference?: string;
  /** other REF (D9, EA, 9F referral, ...) */
  refs?: Reference[];
  notes?: Note[];
  /** HI composites in order; for 837P the first is ABK principal diagnosis */
  healthInfo: HealthCode[];
  /** 2310A–F; written in guide loop order (837P: DN/P3, 82, 77, DQ, PW, 45; 837I: 71, 72, ZZ, 82, 77, DN) */
  providers?: ClaimProvider[];
  /** 2320/2330 (secondary and tertiary claims) */
  otherSubscribers?: OtherSubscriber[];
  /** 2400 */
  lines: ClaimLine[];
}
