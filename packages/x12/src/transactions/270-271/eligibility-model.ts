/**
 * 270 eligibility inquiry and 271 eligibility response (005010X279A1), one hierarchy for both:
 * information source (payer, HL 20) → information receiver (provider, HL 21) → subscriber (HL 22) → dependent (HL 23).
 * 270 members carry `inquiries` (EQ); 271 members carry `benefits` (EB) and `rejections` (AAA). Money is integer cents.
 */
import type { DateValue, Procedure } from '../837/claim-model.ts';
import type { Party } from '../common/party.ts';

export type { DateValue, Procedure, Party };

export const ELIGIBILITY_VERSION = '005010X279A1';

export interface EligibilityHeader {
  /** BHT02: '13' request (270), '11' response (271), '01' cancellation */
  purpose: string;
  referenceId: string;
  date: string;
  time: string;
  /** BHT06, e.g. 'RT' real time (270) */
  transactionType?: string;
}

/** AAA: a request validation / rejection */
export interface Rejection {
  /** AAA01: 'Y' the request was valid (yet could not be processed), 'N' invalid */
  valid: string;
  /** AAA03 reject reason: 42 unable to respond now, 72 invalid member id, 75 subscriber not found, 79 invalid participant, ... */
  reason: string;
  /** AAA04 follow-up action: C correct and resubmit, N resubmission not allowed, R resubmission allowed, W wait, ... */
  followUp?: string;
}

/** TRN trace: type '1' current (sent in 270), '2' referenced (echoed in 271) */
export interface Trace {
  type: string;
  reference: string;
  originatorId?: string;
  supplementalId?: string;
}

/** EQ (270) */
export interface ServiceInquiry {
  /** EQ01 service type codes (repeating): 30 health benefit plan coverage, 1 medical care, 98 office visit, ... */
  serviceTypes: string[];
  /** EQ02 procedure (C003) */
  procedure?: Procedure;
  /** EQ03 coverage level */
  coverageLevel?: string;
  dates?: DateValue[];
}

/** A 2120 related entity (primary care provider, other payer ...) between LS*2120 and LE*2120 */
export interface RelatedEntity extends Party {
  entityCode: string;
}

/** EB with its 2110 companions (271) */
export interface Benefit {
  /** EB01: 1 active, 6 inactive, A coinsurance, B copay, C deductible, G out of pocket, F limitations, I non-covered, L primary care provider, R other payer, ... */
  code: string;
  /** EB02: IND, FAM, EMP, ESP, CHD, ECH, ... */
  coverageLevel?: string;
  /** EB03 service type codes (repeating) */
  serviceTypes?: string[];
  /** EB04 insurance type: HM, PR, MA, MB, C1, ... */
  insuranceType?: string;
  /** EB05 plan coverage description */
  planDescription?: string;
  /** EB06 time period: 23 calendar year, 29 remaining, 27 visit, 22 service year, 24 year to date, 32 lifetime, 33 lifetime remaining, ... */
  timePeriod?: string;
  /** EB07, cents */
  amount?: number;
  /** EB08 as sent: a fraction (0.2 = 20 %) */
  percent?: number;
  quantityQualifier?: string;
  quantity?: number;
  /** EB11 authorization or certification required Y/N/U */
  authorizationRequired?: string;
  /** EB12 in plan network: Y in, N out, W both (not applicable), U unknown */
  inNetwork?: string;
  /** EB13 procedure */
  procedure?: Procedure;
  refs?: Array<{ qualifier: string; value: string }>;
  dates?: DateValue[];
  rejections?: Rejection[];
  /** MSG free-form text */
  messages?: string[];
  relatedEntities?: RelatedEntity[];
}

/** INS in 2100C/D */
export interface InsuredRelationship {
  /** INS01 Y subscriber, N dependent */
  insured: string;
  /** INS02: 18 self, 01 spouse, 19 child, 34 other adult */
  relationship: string;
  maintenanceType?: string;
  maintenanceReason?: string;
}

export interface Member {
  traces?: Trace[];
  /** NM1*IL (subscriber) / NM1*03 (dependent) with REF, N3/N4, PRV, DMG */
  member: Party;
  rejections?: Rejection[];
  relationship?: InsuredRelationship;
  /** DTP in 2100: 291 plan, 307 eligibility, 346 plan begin, 356 eligibility begin, 472 service, ... */
  dates?: DateValue[];
  /** 270 */
  inquiries?: ServiceInquiry[];
  /** 271 */
  benefits?: Benefit[];
}

export interface Subscriber extends Member {
  dependents?: Member[];
}

export interface InformationReceiver {
  rejections?: Rejection[];
  /** NM1*1P (provider) or FA/80/GP ... */
  receiver: Party;
  receiverCode: string;
  subscribers: Subscriber[];
}

export interface InformationSource {
  rejections?: Rejection[];
  /** NM1*PR (payer) or 2B/36/GP/P5 */
  source: Party;
  sourceCode: string;
  receivers: InformationReceiver[];
}

export interface EligibilityTransaction {
  /** ST02 */
  controlNumber: string;
  header: EligibilityHeader;
  sources: InformationSource[];
}

/** 270: members carry inquiries */
export type Eligibility270 = EligibilityTransaction;
/** 271: members carry benefits and rejections */
export type Eligibility271 = EligibilityTransaction;
