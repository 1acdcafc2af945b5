/** 999 and TA1 acknowledgments: build from a validation result, write, and read back. */
export { groupAcks, transactionAck, groupAck } from './ack-from-validation.ts';
export { build999, write999, ack999Body, ACK_999_VERSION, type AckEnvelopeOptions } from './build-999.ts';
export { read999, read999Body, read999Transaction, type Read999Result } from './read-999.ts';
export { ta1FromValidation, buildTa1, writeTa1, readTa1, ta1Segment } from './ta1.ts';
export type {
  Ack999,
  AckStatus,
  GroupAck,
  TransactionSetAck,
  SegmentErrorAck,
  ElementErrorAck,
  Ta1,
} from './ack-types.ts';
