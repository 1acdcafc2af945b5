/**
 * How issue codes map onto acknowledgment codes (one table per acknowledgment level).
 * Guide-layer codes map through GUIDE_CODES (IK304/IK403); these tables cover the syntax layer.
 */

/** IK502 transaction set syntax error codes for envelope issues found inside a transaction. */
export const IK502_BY_CODE: Record<string, string> = {
  SE_MISSING: '2',
  SE_CONTROL_MISMATCH: '3',
  SE_COUNT_MISMATCH: '4',
  DUPLICATE_CONTROL_NUMBER: '23',
  TRANSACTION_NOT_SUPPORTED: '1',
};

/** IK304 for syntax issues that sit on one segment of a transaction. */
export const IK304_BY_SYNTAX_CODE: Record<string, string> = {
  SEGMENT_ID_INVALID: '1',
  EMPTY_SEGMENT: '8',
  DATA_CONTAINS_SEPARATOR: '8',
  SEGMENT_UNTERMINATED: '8',
  ENVELOPE_UNEXPECTED_SEGMENT: '2',
};

/** AK905 functional group syntax error codes. */
export const AK905_BY_CODE: Record<string, string> = {
  GE_MISSING: '3',
  GE_CONTROL_MISMATCH: '4',
  GE_COUNT_MISMATCH: '5',
};

/** TA105 interchange note codes, in priority order (the first one found is reported). */
export const TA105_BY_CODE: Record<string, string> = {
  IEA_CONTROL_MISMATCH: '001',
  DELIMITER_INVALID: '026',
  DELIMITER_CONFLICT: '026',
  ISA_NOT_FIXED_WIDTH: '022',
  ISA_TRUNCATED: '023',
  IEA_MISSING: '023',
  IEA_COUNT_MISMATCH: '021',
  DUPLICATE_CONTROL_NUMBER: '025',
};

/** ISA field problems (ISA_FIELD_INVALID on element n) → TA105. */
export const TA105_BY_ISA_ELEMENT: Record<number, string> = {
  1: '010',
  2: '011',
  3: '012',
  4: '013',
  5: '005',
  6: '006',
  7: '007',
  8: '008',
  9: '014',
  10: '015',
  11: '016',
  12: '017',
  13: '018',
  14: '019',
  15: '020',
  16: '027',
};

/** Descriptions for people (CLI and reader output). */
export const TA105_TEXT: Record<string, string> = {
  '000': 'No error',
  '001': 'The Interchange Control Number in the Header and Trailer Do Not Match',
  '005': 'Invalid Interchange ID Qualifier for Sender',
  '006': 'Invalid Interchange Sender ID',
  '007': 'Invalid Interchange ID Qualifier for Receiver',
  '008': 'Invalid Interchange Receiver ID',
  '010': 'Invalid Authorization Information Qualifier Value',
  '011': 'Invalid Authorization Information Value',
  '012': 'Invalid Security Information Qualifier Value',
  '013': 'Invalid Security Information Value',
  '014': 'Invalid Interchange Date Value',
  '015': 'Invalid Interchange Time Value',
  '016': 'Invalid Interchange Standards Identifier Value',
  '017': 'Invalid Interchange Version ID Value',
  '018': 'Invalid Interchange Control Number Value',
  '019': 'Invalid Acknowledgment Requested Value',
  '020': 'Invalid Test Indicator Value',
  '021': 'Invalid Number of Included Groups Value',
  '022': 'Invalid Control Structure',
  '023': 'Improper (Premature) End-of-File (Transmission)',
  '024': 'Invalid Interchange Content (e.g., Invalid GS Segment)',
  '025': 'Duplicate Interchange Control Number',
  '026': 'Invalid Data Element Separator',
  '027': 'Invalid Component Element Separator',
};
