/**
 * Typed 835 health care claim payment/advice (005010X221A1), loop by loop as in the guide.
 * Money is integer cents; dates stay CCYYMMDD strings as sent.
 */
import type { Cents } from '../../syntax/numbers.ts';
import type { SegmentLocation } from '../../syntax/types.ts';
import type { CodedName, CodedParty, Contact, Reference } from '../common/party-model.ts';

/** People, organizations and addresses: the one party model every transaction shares (see party-model.ts). */
export type {
  Address,
  CodedName,
  CodedParty,
  Contact,
  ContactNumber,
  EntityName,
  Reference,
} from '../common/party-model.ts';

export interface DateValue {
  qualifier: string; // DTM01, e.g. '472' service date, '405' production date
  date: string; // DTM02 CCYYMMDD
}

export interface AmountValue {
  qualifier: string; // AMT01
  amount: Cents;
}

export interface QuantityValue {
  qualifier: string; // QTY01
  quantity: number;
}

/** One CAS reason/amount/quantity triplet with its group (CO, OA, PI, PR, CR). */
export interface Adjustment {
  group: string;
  reason: string;
  amount: Cents;
  quantity?: number;
}

/**
 * 1000A payer / 1000B payee: N1 (N101 → `entityCode`, N102 → `name.lastName`, N103/N104 → `name.idQualifier`/`id`;
 * N1 has no entity type, so `name.entityType` reads as '2'), N3/N4 → `address`, REF → `refs`, PER → `contacts`.
 */
export interface RemitParty extends CodedParty {
  deliveryMethod?: { method: string; name?: string; communication?: string }; // RDM (payee)
}

/** BPR financial information. */
export interface Payment {
  handlingCode: string; // BPR01: I remittance+payment, H notification only, ...
  total: Cents; // BPR02
  creditDebit: string; // BPR03 C/D
  method: string; // BPR04 ACH, CHK, NON, BOP, FWT
  format?: string; // BPR05
  senderAccount?: { dfiQualifier: string; dfiId: string; accountQualifier?: string; account: string };
  originatorCompanyId?: string; // BPR10
  receiverAccount?: { dfiQualifier: string; dfiId: string; accountQualifier?: string; account: string };
  date?: string; // BPR16
}

/** SVC01/SVC06 composite procedure. */
export interface Procedure {
  qualifier: string; // HC, AD, ER, IV, N4, NU, ...
  code: string;
  modifiers: string[];
  description?: string;
}

/** Loop 2110 service payment. */
export interface ServicePayment {
  procedure: Procedure;
  charge: Cents; // SVC02
  paid: Cents; // SVC03
  revenueCode?: string; // SVC04
  units?: number; // SVC05 (units paid)
  submittedProcedure?: Procedure; // SVC06
  submittedUnits?: number; // SVC07
  dates: DateValue[];
  adjustments: Adjustment[];
  references: Reference[];
  amounts: AmountValue[];
  quantities: QuantityValue[];
  remarks: { qualifier: string; code: string }[]; // LQ HE (RARC) / RX
  loc?: SegmentLocation;
}

/** Loop 2100 claim payment. */
export interface ClaimPayment {
  patientControlNumber: string; // CLP01
  status: string; // CLP02: 1 primary, 2 secondary, 3 tertiary, 4 denied, 19-21 forwarded, 22 reversal, 23 not our claim
  reversal: boolean; // CLP02 = 22
  charge: Cents; // CLP03
  paid: Cents; // CLP04
  patientResponsibility?: Cents; // CLP05
  filingIndicator: string; // CLP06
  payerClaimControlNumber: string; // CLP07
  facilityType?: string; // CLP08
  frequency?: string; // CLP09
  drg?: string; // CLP11
  drgWeight?: number; // CLP12
  dischargeFraction?: number; // CLP13
  adjustments: Adjustment[];
  patient?: CodedName; // NM1 QC
  insured?: CodedName; // NM1 IL
  correctedPatient?: CodedName; // NM1 74
  serviceProvider?: CodedName; // NM1 82
  crossoverCarrier?: CodedName; // NM1 TT
  priorityPayer?: CodedName; // NM1 PR
  otherSubscriber?: CodedName; // NM1 GB
  inpatient?: { values: string[]; remarks: string[] }; // MIA (raw values, remark codes MIA05/20-24)
  outpatient?: {
    reimbursementRate?: number;
    hcpcsPayable?: Cents;
    remarks: string[];
    esrdPayment?: Cents;
    nonPayableProfessional?: Cents;
  }; // MOA
  references: Reference[];
  dates: DateValue[];
  contacts: Contact[];
  amounts: AmountValue[];
  quantities: QuantityValue[];
  services: ServicePayment[];
  loc?: SegmentLocation;
}

/** Loop 2000 header number with TS3/TS2 provider summaries (values kept as sent). */
export interface HeaderNumber {
  number: string; // LX01
  providerSummary?: string[]; // TS3
  supplementalSummary?: string[]; // TS2
  claims: ClaimPayment[];
}

/** One PLB adjustment pair: reason and reference split from the composite. */
export interface ProviderAdjustmentItem {
  reason: string; // e.g. WO, L6, FB, 72
  reference?: string;
  amount: Cents; // positive reduces the payment
}

export interface ProviderAdjustment {
  providerId: string; // PLB01
  fiscalPeriodDate: string; // PLB02
  items: ProviderAdjustmentItem[];
  loc?: SegmentLocation;
}

/** One 835 transaction set. */
export interface Remittance835 {
  controlNumber: string; // ST02
  payment?: Payment;
  trace?: { type: string; checkOrEftNumber: string; originatorId?: string; originatorSupplemental?: string };
  currency?: { entity: string; code: string };
  references: Reference[]; // REF EV receiver id, F2 version
  productionDate?: string; // DTM 405
  payer?: RemitParty;
  payee?: RemitParty;
  headers: HeaderNumber[];
  providerAdjustments: ProviderAdjustment[];
  /** running totals used by the file balance check */
  totals: { claimsPaid: Cents; providerAdjustments: Cents; claimCount: number };
}
