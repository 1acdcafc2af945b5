/** Typed 999 (005010X231A1) and TA1 content, shared by the builders and the readers. */

/** IK501 / AK901 status: Accepted, accepted with Errors, Partially accepted (AK9 only), Rejected. */
export type AckStatus = 'A' | 'E' | 'P' | 'R' | 'M' | 'W' | 'X';

/** IK4: one bad data element. */
export interface ElementErrorAck {
  /** IK401-1 element position in the segment */
  position: number;
  /** IK401-2 component position, when the error is in a component */
  component?: number;
  /** IK401-3 repetition position */
  repetition?: number;
  /** IK402 data element reference number */
  reference?: string;
  /** IK403 implementation data element syntax error code ('1' required missing, '7' invalid code …) */
  code: string;
  /** IK404 copy of the bad data element */
  badData?: string;
}

/** IK3 (+ its IK4s): one segment with an error. */
export interface SegmentErrorAck {
  /** IK301 segment id */
  segmentId: string;
  /** IK302 position of the segment in the transaction set (ST = 1) */
  position: number;
  /** IK303 loop identifier */
  loop?: string;
  /** IK304 implementation segment syntax error code ('1' unrecognized, '3' required missing, '8' element errors …) */
  code: string;
  elements: ElementErrorAck[];
}

/** AK2 … IK5: the response for one transaction set. */
export interface TransactionSetAck {
  /** AK201 */
  st01: string;
  /** AK202 */
  controlNumber: string;
  /** AK203 */
  version?: string;
  segmentErrors: SegmentErrorAck[];
  /** IK501 */
  status: AckStatus;
  /** IK502 … IK506 */
  errorCodes: string[];
}

/** One 999 transaction set: AK1 … AK9, acknowledging one functional group. */
export interface GroupAck {
  /** AK101 GS01 of the acknowledged group */
  functionalId: string;
  /** AK102 GS06 */
  groupControlNumber: string;
  /** AK103 GS08 */
  version?: string;
  transactions: TransactionSetAck[];
  /** AK901 */
  status: AckStatus;
  /** AK902 number of transaction sets included (GE01 as sent, else the count received) */
  included: number;
  /** AK903 number received */
  received: number;
  /** AK904 number accepted */
  accepted: number;
  /** AK905 … AK909 */
  errorCodes: string[];
}

/** A 999 transaction set as read or built: its ST02 and the group it acknowledges. */
export interface Ack999 {
  controlNumber: string;
  group: GroupAck;
}

/** TA1 interchange acknowledgment. */
export interface Ta1 {
  /** TA101 ISA13 of the acknowledged interchange */
  controlNumber: string;
  /** TA102 ISA09 (YYMMDD) */
  date: string;
  /** TA103 ISA10 (HHMM) */
  time: string;
  /** TA104 A accepted, E accepted with errors, R rejected */
  status: 'A' | 'E' | 'R';
  /** TA105 interchange note code ('000' no error, '001' control number mismatch …) */
  noteCode: string;
}
