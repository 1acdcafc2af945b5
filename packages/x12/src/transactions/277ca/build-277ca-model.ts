/**
 * What a 277CA (005010X214 claim acknowledgment) says, as the writer takes it. Money is integer cents;
 * dates are CCYYMMDD (service dates may be a CCYYMMDD-CCYYMMDD range). The other engineer's 277CA
 * reader owns its own model; this one is shaped for writing.
 */

/** STC01 / STC10 / STC11 composite: category (A1, A2, A3, A7, A8 …), status code, entity code. */
export interface StatusCode277 {
  /** claim status category: A1 receipt, A2 accepted, A3 returned as unprocessable, A6 missing info, A7 invalid info, A8 relational error */
  category: string;
  /** health care claim status code, e.g. '19' receipt, '20' accepted for processing, '21' missing or invalid information */
  code: string;
  /** entity the status is about: PR payer, 85 billing provider, IL subscriber, QC patient, DN referring provider … */
  entity?: string;
}

/** One STC: the status (plus up to two more), its date, action (WQ accepted, U rejected) and amount. */
export interface Status277 {
  status: StatusCode277;
  /** STC02 status information effective date (not sent at the provider level 2200C) */
  date?: string;
  /** STC03: 'WQ' accept, 'U' reject */
  action: 'WQ' | 'U';
  /** STC04 total claim charge (or batch total), cents */
  amount?: number;
  /** STC10, STC11 */
  more?: StatusCode277[];
  /** STC12 free-form message text (claim level only) */
  message?: string;
}

export interface EntityName277 {
  /** NM102: '1' person, '2' organization */
  entityType: '1' | '2';
  lastName: string;
  firstName?: string;
  middleName?: string;
  suffix?: string;
  idQualifier: string;
  id: string;
}

/** Accepted/rejected counts (QTY) and totals (AMT YU accepted, YY rejected), zero counts omitted. */
export interface Totals277 {
  acceptedCount?: number;
  rejectedCount?: number;
  acceptedAmount?: number;
  rejectedAmount?: number;
}

/** 2200D: one claim's acknowledgment. */
export interface ClaimAck277 {
  /** TRN02: the patient control number (CLM01) */
  patientControlNumber: string;
  statuses: Status277[];
  /** REF*1K payer claim control number (ICN), for accepted claims */
  payerClaimControlNumber?: string;
  /** REF*D9 clearinghouse trace number */
  clearinghouseTrace?: string;
  /** REF*BLT institutional bill type (facility type code + frequency) */
  billType?: string;
  /** DTP*472: CCYYMMDD or CCYYMMDD-CCYYMMDD */
  serviceDate: string;
}

/** 2000D patient with the claims acknowledged for them. */
export interface PatientAck277 {
  name: EntityName277;
  claims: ClaimAck277[];
}

/** 2000C billing provider. */
export interface ProviderAck277 {
  name: EntityName277;
  /** TRN02 of 2200C (provider of service information trace identifier) */
  trace: string;
  statuses: Status277[];
  /** REF at 2200C: TJ tax id, etc. */
  reference?: { qualifier: string; value: string };
  totals: Totals277;
  patients: PatientAck277[];
}

/** 2000B information receiver (the submitter of the 837). */
export interface ReceiverAck277 {
  name: EntityName277;
  /** TRN02 of 2200B: the receiver's batch reference (the 837 BHT03) */
  trace: string;
  statuses: Status277[];
  totals: Totals277;
  providers: ProviderAck277[];
}

/** One 277CA transaction set. */
export interface ClaimAcknowledgment277 {
  /** ST02 */
  controlNumber: string;
  /** BHT03 originator reference */
  referenceId: string;
  /** BHT04 / BHT05 creation date and time */
  date: string;
  time: string;
  /** 2100A information source (the payer): NM1*PR */
  source: { name: string; idQualifier: string; id: string };
  /** 2200A TRN02 transmission receipt control identifier */
  receiptTrace: string;
  /** DTP*050 received, DTP*009 processed (CCYYMMDD) */
  receivedDate: string;
  processedDate: string;
  receiver: ReceiverAck277;
}
