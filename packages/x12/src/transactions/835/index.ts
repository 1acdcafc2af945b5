export * from './model.ts';
export { read835, stream835, Remit835Stream, type Remit835Event, type Read835Context } from './read-835.ts';
export { Remit835Builder, type BuilderOptions } from './remit-builder.ts';
export { REMIT_CODES } from './segments.ts';
export {
  read835Text,
  type Read835TextResult,
  type Read835TextTransaction,
  type TransactionSegmentSink,
} from './read-835-text.ts';
