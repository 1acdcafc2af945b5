/** The 837 service line (2400) and what hangs on it: procedure, drug (2410), line providers (2420), prior-payer adjudication (2430). */
import type { Adjustment, Amount, ClaimProvider, DateValue, Note, Reference } from './claim-model.ts';

/** PWK paperwork / attachment */
export interface Attachment {
  /** PWK01 report type: 03 report justifying treatment, OZ support data, 09 progress report, ... */
  reportType: string;
  /** PWK02 transmission: EL electronic, FX fax, BM mail, AA available on request, FT file transfer */
  transmission: string;
  /** PWK06 attachment control number (with PWK05 'AC') */
  controlNumber?: string;
}

/** Procedure composite (C003): SV101, SV202, SVD03 */
export interface Procedure {
  /** HC (HCPCS/CPT), ER, IV, WK, HP, ... */
  qualifier: string;
  code: string;
  /** up to 4 modifiers */
  modifiers?: string[];
  description?: string;
}

/** 2430 line adjudication from a prior payer */
export interface LineAdjudication {
  /** SVD01 other payer id (matches 2330B NM109) */
  payerId: string;
  paid: number;
  procedure?: Procedure;
  /** SVD04 revenue code (I) */
  revenueCode?: string;
  paidUnits: number;
  bundledLine?: number;
  adjustments?: Adjustment[];
  /** DTP*573 */
  dates?: DateValue[];
  /** AMT*EAF remaining patient liability after this payer */
  amounts?: Amount[];
}

export interface ClaimLine {
  /** SV101 (P, required) / SV202 (I) */
  procedure?: Procedure;
  /** SV201 (I) */
  revenueCode?: string;
  /** SV102 / SV203, cents */
  charge: number;
  /** SV103 / SV204: UN units, MJ minutes, DA days */
  unit: string;
  quantity: number;
  /** SV105 place of service (P) when it differs from CLM05-1 */
  placeOfService?: string;
  /** SV107 pointers 1–12 into the claim's diagnoses (up to 4) (P) */
  diagnosisPointers?: number[];
  /** SV109 emergency indicator Y (P) */
  emergency?: string;
  /** SV111 EPSDT Y (P) */
  epsdt?: string;
  /** SV112 family planning Y (P) */
  familyPlanning?: string;
  /** SV207 non-covered charge, cents (I) */
  nonCoveredCharge?: number;
  /** PWK */
  attachments?: Attachment[];
  /** DTP*472 service date and others */
  dates?: DateValue[];
  /** REF*6R line item control number (comes back in the 835 REF*6R) */
  controlNumber?: string;
  refs?: Reference[];
  amounts?: Amount[];
  notes?: Note[];
  /** 2410 drug identification (NDC) */
  drug?: DrugIdentification;
  /** 2420 line-level providers, written in guide loop order (837P: 82, QB, 77, DQ, DK, DN/P3, PW, 45; 837I: 72, ZZ, 82, DN) */
  providers?: ClaimProvider[];
  adjudications?: LineAdjudication[];
}

/** 2410 LIN/CTP/REF */
export interface DrugIdentification {
  /** LIN02, 'N4' NDC in 5-4-2 format */
  qualifier: string;
  /** LIN03 */
  ndc: string;
  /** CTP04 */
  quantity: number;
  /** CTP05-1: F2 international unit, GR gram, ME milligram, ML milliliter, UN unit */
  unit: string;
  /** REF*XZ prescription number, REF*VY link sequence number */
  refs?: Reference[];
}
