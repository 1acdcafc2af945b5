/**
 * Plain words for a stored rejection reason: 277CA "category:status[:entity]" triples (comma-separated)
 * or a 999 rejection. Only common codes are named; an unknown code is shown as it is.
 */
const CATEGORY: Record<string, string> = {
  A1: 'received',
  A2: 'accepted into adjudication',
  A3: 'returned as unprocessable',
  A4: 'not found',
  A6: 'rejected for missing information',
  A7: 'rejected for invalid information',
  A8: 'rejected for a relational field in error',
};

const STATUS: Record<string, string> = {
  '21': 'missing or invalid information',
  '33': 'subscriber and subscriber ID not found',
  '164': 'entity’s contract/member number',
  '187': 'date(s) of service',
  '254': 'principal diagnosis code',
  '255': 'diagnosis code',
  '400': 'claim is out of balance',
  '454': 'procedure code for services rendered',
  '453': 'procedure code modifier(s) for services rendered',
  '478': 'claim/submission format is invalid',
  '562': 'entity’s National Provider Identifier (NPI)',
  '672': 'payer responsibility sequence number code',
};

const ENTITY: Record<string, string> = {
  '85': 'billing provider',
  '82': 'rendering provider',
  DN: 'referring provider',
  IL: 'subscriber',
  QC: 'patient',
  PR: 'payer',
  '40': 'receiver',
  '41': 'submitter',
};

export function explainRejection(reason: string | null | undefined): string[] {
  if (!reason) return [];
  if (/^999/.test(reason))
    return [
      'The clearinghouse rejected the whole file for syntax errors (999); open the acknowledgment file for the segments at fault.',
    ];
  return reason.split(/,\s*/).map((part) => {
    const [cat, status, entity] = part.trim().split(':');
    if (!cat || !CATEGORY[cat]) return part;
    const what = status ? (STATUS[status] ?? `status code ${status}`) : '';
    const who = entity ? (ENTITY[entity] ?? `entity ${entity}`) : '';
    return `Claim ${CATEGORY[cat]}${what ? `: ${what}` : ''}${who ? ` (${who})` : ''}.`;
  });
}

const ENTITY_FIELD: Record<string, string> = {
  '85': 'practice.npi',
  '82': 'rendering.npi',
  DN: 'referring.npi',
  IL: 'coverage.memberId',
  QC: 'patient',
};

/** The field a person fixes for a 277CA rejection, from its entity code (for "where to fix"). */
export function rejectionFields(reason: string | null | undefined): string[] {
  if (!reason || /^999/.test(reason)) return [];
  const out = new Set<string>();
  for (const part of reason.split(/,\s*/)) {
    const [, status, entity] = part.trim().split(':');
    if (entity && ENTITY_FIELD[entity]) out.add(ENTITY_FIELD[entity]);
    else if (status === '254' || status === '255') out.add('diagnoses');
    else if (status === '187') out.add('encounter.serviceDateFrom');
    else if (status === '453' || status === '454' || status === '400') out.add('lines');
  }
  return [...out];
}
