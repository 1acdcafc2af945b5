/**
 * 276 claim status request, 277 claim status response (005010X212) and 277CA claim acknowledgment (005010X214)
 * share one HL tree: information source (20) → receiver (21) → service/billing provider (19) →
 * subscriber (22) → dependent (23), or patient (PT) in the 277CA. Claims (2200D/E) hang on 22/23/PT;
 * the 277CA also carries totals (TRN/STC/QTY/AMT/DTP) on 20/21/19. Money is integer cents.
 */
import type { Amount, DateValue, Procedure } from '../837/claim-model.ts';
import type { Party, Reference } from '../common/party.ts';
import type { Trace } from '../270-271/eligibility-model.ts';

export type { Amount, DateValue, Procedure, Party, Reference, Trace };

export type StatusKind = '276' | '277' | '277CA';

export const STATUS_VERSION: Record<StatusKind, string> = {
  '276': '005010X212',
  '277': '005010X212',
  '277CA': '005010X214',
};

/** C043 health care claim status: category (A1..A8, F0..F4, P0..P5, R*, E*, D0), status code, entity */
export interface StatusCode {
  /** A1 received, A2 accepted, A3 returned unprocessable, A4 not found, A6 missing info, A7 invalid info, A8 rejected relational, F finalized, P pending, R request more info, E error */
  category: string;
  /** Claim Status Code list (e.g. 20 accepted for processing, 562 entity's NPI, 88 ...) */
  code: string;
  /** entity the status applies to (e.g. 85 billing provider, QC patient, IL subscriber) */
  entity?: string;
  /** C043-04 code list qualifier (NCPDP reject codes) */
  codeListQualifier?: string;
}

/** STC */
export interface StatusInfo {
  status: StatusCode;
  /** STC02 effective date */
  date?: string;
  /** STC03: WQ accepted, U rejected (277CA) */
  actionCode?: string;
  /** STC04 total claim charge, cents */
  chargeAmount?: number;
  /** STC05 payment amount, cents */
  paidAmount?: number;
  /** STC06 adjudication/finalized date */
  adjudicationDate?: string;
  paymentMethod?: string;
  checkDate?: string;
  checkNumber?: string;
  /** STC10 / STC11 */
  additional?: StatusCode[];
  /** STC12 free-form message */
  message?: string;
}

export interface Quantity {
  /** QTY01: 90 accepted, AA rejected (277CA), QA/QC ... */
  qualifier: string;
  quantity: number;
}

/** SVC + its STC/REF/DTP (2210/2220) */
export interface LineStatus {
  procedure?: Procedure;
  charge: number;
  paid?: number;
  revenueCode?: string;
  units?: number;
  statuses?: StatusInfo[];
  /** REF*FJ line item control number and others */
  refs?: Reference[];
  dates?: DateValue[];
}

/** 2200D/E claim: TRN + STC/REF/AMT/DTP + lines */
export interface ClaimStatus {
  /** TRN: 276 '1' current trace; 277 '2' echo; 277CA TRN02 is the patient control number (CLM01) */
  trace: Trace;
  statuses?: StatusInfo[];
  /** REF*1K payer claim control number, REF*EJ patient account number (CLM01) in 276/277, REF*D9 clearinghouse trace, REF*BLT bill type */
  refs?: Reference[];
  /** AMT*T3 total claim charge (276) */
  amounts?: Amount[];
  /** DTP*472 service dates */
  dates?: DateValue[];
  lines?: LineStatus[];
}

/** Totals on an information source / receiver / provider level (277CA 2200A/B/C) */
export interface LevelTracking {
  traces?: Trace[];
  statuses?: StatusInfo[];
  quantities?: Quantity[];
  amounts?: Amount[];
  dates?: DateValue[];
  refs?: Reference[];
}

export interface StatusNode {
  /** HL03: 20, 21, 19, 22, 23, PT */
  level: string;
  /** NM101: PR, 41, 1P, 85, IL, QC ... */
  entityCode: string;
  entity: Party;
  tracking?: LevelTracking;
  claims?: ClaimStatus[];
  children: StatusNode[];
}

export interface ClaimStatusTransaction {
  kind: StatusKind;
  controlNumber: string;
  header: { purpose: string; referenceId: string; date: string; time: string; transactionType?: string };
  roots: StatusNode[];
}
