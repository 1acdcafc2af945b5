/**
 * Values that go into the 837 must not hold the file's separators: `*` (element), `~` (segment), `:`
 * (component), `^` (repetition) by default, or whatever the clearinghouse's files use. A name like
 * "O*BRIEN" would otherwise split a segment and break the whole batch. Checked at entry and again here,
 * for data stored before the entry check existed.
 */
import type { ClaimToBill } from '../claim-context.ts';
import { edit, type ScrubEdit } from './scrub-types.ts';

export const X12_DELIMITERS = ['*', '~', ':', '^'] as const;

/** The separators in `value`, or [] when it is safe to write into an X12 element. */
export function x12DelimitersIn(
  value: string | null | undefined,
  delimiters: readonly string[] = X12_DELIMITERS,
): string[] {
  if (!value) return [];
  return [...new Set(delimiters)].filter((d) => value.includes(d));
}

/** A plain message for a field holding separators, e.g. `Last name contains "*", which X12 files use as a separator`. */
export function x12DelimiterMessage(label: string, found: readonly string[]): string {
  return `${label} contains ${found.map((d) => `"${d}"`).join(', ')}, which claim files (X12) use as ${found.length > 1 ? 'separators' : 'a separator'}: remove or replace ${found.length > 1 ? 'them' : 'it'}`;
}

/** Every value of the claim that the 837 writes, with the field a person fixes and its label. */
function claimValues(ctx: ClaimToBill): Array<[field: string, label: string, value: string | null | undefined]> {
  const p = ctx.patient;
  const c = ctx.coverage;
  const pr = ctx.practice;
  const out: Array<[string, string, string | null | undefined]> = [
    ['claim.claimNumber', 'The claim number', ctx.claimNumber],
    ['patient.firstName', "The patient's first name", p.firstName],
    ['patient.middleName', "The patient's middle name", p.middleName],
    ['patient.lastName', "The patient's last name", p.lastName],
    ['patient.line1', "The patient's address", p.address.line1],
    ['patient.line2', "The patient's address line 2", p.address.line2],
    ['patient.city', "The patient's city", p.address.city],
    ['patient.zip', "The patient's ZIP code", p.address.zip],
    ['coverage.memberId', 'The member ID', c.memberId],
    ['coverage.groupNumber', 'The group number', c.groupNumber],
    ['coverage.subscriberFirstName', "The subscriber's first name", c.subscriberFirstName],
    ['coverage.subscriberLastName', "The subscriber's last name", c.subscriberLastName],
    ['practice.legalName', "The practice's legal name", pr.legalName],
    ['practice.serviceLine1', "The practice's address", pr.address.line1],
    ['practice.serviceLine2', "The practice's address line 2", pr.address.line2],
    ['practice.serviceCity', "The practice's city", pr.address.city],
    ['practice.payToLine1', "The practice's pay-to address", pr.payTo?.line1],
    ['practice.payToCity', "The practice's pay-to city", pr.payTo?.city],
    ['payer.name', "The payer's name", ctx.payer.name],
    ['payer.payerCode', 'The payer ID', ctx.payer.payerCode],
    ['payer.line1', "The payer's address", ctx.payer.address?.line1],
    ['payer.city', "The payer's city", ctx.payer.address?.city],
    ['encounter.priorAuthorization', 'The prior authorization number', ctx.priorAuthorization],
    ['claim.originalPayerClaimNumber', "The original claim's payer claim number", ctx.originalPayerClaimNumber],
  ];
  for (const [role, who] of [
    ['rendering', ctx.rendering],
    ['referring', ctx.referring],
    ['operating', ctx.operating],
    ['otherOperating', ctx.otherOperating],
  ] as const) {
    if (!who) continue;
    out.push([`${role}.firstName`, `The ${role} provider's first name`, who.firstName]);
    out.push([`${role}.lastName`, `The ${role} provider's last name`, who.lastName]);
  }
  ctx.diagnoses.forEach((d, i) => {
    out.push([`diagnoses[${i}]`, `Diagnosis ${i + 1}`, d]);
  });
  ctx.lines.forEach((l, i) => {
    out.push([`lines[${i}].procedureCode`, `Line ${i + 1}'s procedure code`, l.procedureCode]);
    l.modifiers.forEach((m) => {
      out.push([`lines[${i}].modifiers`, `Line ${i + 1}'s modifier`, m]);
    });
    out.push([`lines[${i}].ndc`, `Line ${i + 1}'s NDC`, l.drug?.ndc]);
  });
  (ctx.otherPayers ?? []).forEach((o, i) => {
    out.push([`otherPayers[${i}].memberId`, `Other payer ${i + 1}'s member ID`, o.coverage.memberId]);
    out.push([`otherPayers[${i}].name`, `Other payer ${i + 1}'s name`, o.payer.name]);
    out.push([
      `otherPayers[${i}].payerClaimNumber`,
      `Other payer ${i + 1}'s claim number`,
      o.adjudication?.payerClaimNumber,
    ]);
  });
  return out;
}

/** One error per field holding a separator of the file the claim will go out in. */
export function checkX12Characters(ctx: ClaimToBill, delimiters: readonly string[] = X12_DELIMITERS): ScrubEdit[] {
  const out: ScrubEdit[] = [];
  for (const [field, label, value] of claimValues(ctx)) {
    const found = x12DelimitersIn(value, delimiters);
    if (found.length)
      out.push(edit('x12-delimiter', field, x12DelimiterMessage(label, found), '837 implementation guide'));
  }
  return out;
}
