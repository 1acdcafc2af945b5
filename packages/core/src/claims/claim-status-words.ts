/**
 * A claim status (STC01 of a 277: category, status code, entity) in words, and what it means for follow-up.
 * Categories are the whole Health Care Claim Status Category list (code source 507); status codes and entities
 * are the common ones (code source 508, entity identifier codes) — an unknown code is named by its number.
 */

export const STATUS_CATEGORY_WORDS: Readonly<Record<string, string>> = {
  A0: 'forwarded to another entity',
  A1: 'received by the payer',
  A2: 'accepted into the payer’s adjudication system',
  A3: 'returned as unprocessable',
  A4: 'not found by the payer',
  A5: 'split by the payer',
  A6: 'rejected for missing information',
  A7: 'rejected for invalid information',
  A8: 'rejected for a relational field in error',
  D0: 'the payer’s search found nothing',
  E0: 'no answer possible: error in the request',
  E1: 'no answer possible: the payer’s system is down',
  E2: 'the payer is not responding; ask again later',
  E3: 'correction required: related fields in error',
  E4: 'trading partner agreement requirement not met',
  F0: 'finalized: adjudication complete',
  F1: 'finalized: paid',
  F2: 'finalized: denied',
  F3: 'finalized: revised',
  F3F: 'finalized and forwarded to the next payer',
  F3N: 'finalized, not forwarded',
  F4: 'finalized: no payment forthcoming',
  F5: 'finalized: cannot process',
  P0: 'pending: adjudication details',
  P1: 'pending: in process',
  P2: 'pending: payer review',
  P3: 'pending: information requested from the provider',
  P4: 'pending: information requested from the patient',
  P5: 'pending: payer administrative or system hold',
  R0: 'more information requested: general',
  R1: 'more information requested: entity',
  R3: 'more information requested: claim or line',
  R4: 'more information requested: documentation',
  R5: 'more information requested: more specific detail',
  R6: 'more information requested: regulatory',
  R7: 'more information requested: confirm care is consistent with the health plan policy',
  R8: 'more information requested: confirm care is consistent with practice standards',
  R9: 'more information requested: entity’s billing provider',
  R10: 'more information requested: entity’s service provider',
  R11: 'more information requested: entity’s referring provider',
  R12: 'more information requested: entity’s patient',
  R13: 'more information requested: entity’s subscriber',
  R14: 'more information requested: entity’s insured',
  R15: 'more information requested: entity’s payer',
  R16: 'more information requested: entity’s contract/member number',
};

export const STATUS_CODE_WORDS: Readonly<Record<string, string>> = {
  '0': 'no further status can be given electronically',
  '1': 'see the remittance advice for details',
  '2': 'details sent in a letter',
  '3': 'adjudicated and awaiting the payment cycle',
  '6': 'balance due from the subscriber',
  '15': 'one or more procedure codes were changed',
  '16': 'forwarded to another entity',
  '19': 'the entity acknowledges receipt of the claim',
  '20': 'accepted for processing',
  '21': 'missing or invalid information',
  '23': 'returned to the entity',
  '26': 'entity not found',
  '27': 'policy canceled',
  '33': 'subscriber and subscriber ID not found',
  '35': 'claim not found',
  '38': 'awaiting the next periodic adjudication cycle',
  '40': 'waiting for final approval',
  '44': 'charges pending provider audit',
  '45': 'awaiting benefit determination',
  '46': 'internal review or audit',
  '54': 'duplicate of a claim already processed',
  '65': 'claim has been paid',
  '84': 'service not authorized',
  '85': 'entity not primary',
  '88': 'not eligible for benefits on the dates of service',
  '95': 'the additional information asked for has not been received',
  '97': 'patient eligibility not found',
  '98': 'charges applied to the deductible',
  '101': 'processed as an adjustment to a previous claim',
  '104': 'processed according to plan provisions',
  '107': 'processed according to contract provisions',
  '116': 'submitted to the wrong payer',
  '164': 'entity’s contract/member number',
  '187': 'date(s) of service',
  '254': 'principal diagnosis code',
  '255': 'diagnosis code',
  '400': 'claim is out of balance',
  '453': 'procedure code modifier(s)',
  '454': 'procedure code',
  '478': 'claim/submission format is invalid',
  '562': 'entity’s National Provider Identifier (NPI)',
  '672': 'payer responsibility sequence number code',
};

export const STATUS_ENTITY_WORDS: Readonly<Record<string, string>> = {
  '40': 'receiver',
  '41': 'submitter',
  '82': 'rendering provider',
  '85': 'billing provider',
  DN: 'referring provider',
  IL: 'subscriber',
  PR: 'payer',
  QC: 'patient',
};

/** What a claim status says for the follow-up worklist. */
export type ClaimStatusOutcome =
  | 'received'
  | 'pending'
  | 'paid'
  | 'denied'
  | 'finalized'
  | 'rejected'
  | 'not_found'
  | 'error';

/** The outcome a category stands for: what the biller does next follows from it. */
export function claimStatusOutcome(category: string): ClaimStatusOutcome {
  if (category === 'A4' || category === 'D0') return 'not_found';
  if (category === 'F1') return 'paid';
  if (category === 'F2') return 'denied';
  if (category.startsWith('F')) return 'finalized';
  if (category.startsWith('P') || category.startsWith('R')) return 'pending';
  if (['A3', 'A6', 'A7', 'A8'].includes(category)) return 'rejected';
  if (category.startsWith('A')) return 'received';
  return 'error';
}

/** "finalized: paid — claim has been paid (65)"; entity named when given. */
export function claimStatusWords(status: { category: string; code: string; entity?: string | null }): string {
  const cat = STATUS_CATEGORY_WORDS[status.category] ?? `status category ${status.category}`;
  const code = status.code ? (STATUS_CODE_WORDS[status.code] ?? `status code ${status.code}`) : '';
  const who = status.entity ? (STATUS_ENTITY_WORDS[status.entity] ?? `entity ${status.entity}`) : '';
  const detail = code ? ` — ${code}${who ? ` (${who})` : ''}` : who ? ` (${who})` : '';
  return `${cat.charAt(0).toUpperCase()}${cat.slice(1)}${detail} [${[status.category, status.code, status.entity].filter(Boolean).join(':')}]`;
}

/** What the biller does next for a claim whose latest status says `outcome`. */
export const FOLLOW_UP_ADVICE: Readonly<Record<ClaimStatusOutcome, string>> = {
  received: 'The payer has the claim; ask again if no remittance comes.',
  pending: 'The payer is still working on the claim; send anything it asked for.',
  paid: 'The payer paid: ask for the remittance (835) if it has not arrived.',
  denied: 'The payer denied the claim: look for the 835 and work the denial.',
  finalized: 'The payer finished with the claim; the remittance (835) has the figures.',
  rejected: 'The payer rejected the claim: correct it and send it again.',
  not_found: 'The payer has no record of the claim: send it again.',
  error: 'The payer could not answer: ask again later.',
};
