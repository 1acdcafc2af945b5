/**
 * Why a payer refuses to pay a claim or a line, checked in a fixed order; the first rule that fires
 * decides. Every rule names a real CARC (and the RARC a payer sends with it).
 */
import type { Claim837, ClaimLine } from '@medbill/x12/837';
import type { Accumulators } from './accumulators.ts';
import { codeMatches, type PayerContract } from './contract.ts';
import { dayNumber } from './dates.ts';
import type { AdjustmentGroup, ReceivedClaim } from './types.ts';

export interface Denial {
  group: AdjustmentGroup;
  reason: string;
  remarks: string[];
}

/** ICD-10-CM code shape (no dot): letter, digit, alphanumeric, then up to four alphanumerics. */
export const ICD10CM_PATTERN = /^[A-Z][0-9][0-9A-Z][0-9A-Z]{0,4}$/;

const DIAGNOSIS_QUALIFIERS = new Set(['ABK', 'ABF', 'BK', 'BF']);

export function diagnoses(claim: Claim837): string[] {
  return claim.healthInfo.filter((h) => DIAGNOSIS_QUALIFIERS.has(h.qualifier)).map((h) => h.code);
}

export function memberId(ctx: ReceivedClaim): string {
  return ctx.subscriber.name.id ?? '';
}

/** The member whose deductible and history count: the patient (the subscriber when no patient loop). */
export function memberKey(ctx: ReceivedClaim): string {
  const p = ctx.patient ?? ctx.subscriber;
  return [ctx.payerId, memberId(ctx), p.name.lastName, p.name.firstName ?? '', p.demographics?.birthDate ?? ''].join(
    '|',
  );
}

/** Date of service of a line (first date of a range), else the claim's service or statement date. */
export function serviceDate(claim: Claim837, line: ClaimLine): string {
  const d =
    line.dates?.find((x) => x.qualifier === '472') ??
    claim.dates?.find((x) => x.qualifier === '472' || x.qualifier === '434');
  return (d?.value ?? '').slice(0, 8);
}

export function serviceKey(ctx: ReceivedClaim, line: ClaimLine): string {
  const p = line.procedure;
  return [
    memberKey(ctx),
    serviceDate(ctx.claim, line),
    p?.code ?? line.revenueCode ?? '',
    (p?.modifiers ?? []).join(':'),
  ].join('|');
}

/** Denials that apply to every line of the claim. */
export function claimDenial(
  ctx: ReceivedClaim,
  contract: PayerContract,
  acc: Accumulators,
  today: string,
): Denial | null {
  const c = ctx.claim;
  if (c.frequency !== '7' && acc.claims[`${ctx.payerId}|${c.id}`] !== undefined)
    return { group: 'OA', reason: '18', remarks: [] };
  const first = c.lines
    .map((l) => serviceDate(c, l))
    .filter(Boolean)
    .sort()[0];
  if (first && dayNumber(today) - dayNumber(first) > contract.timelyFilingDays)
    return { group: 'CO', reason: '29', remarks: [] };
  const dx = diagnoses(c);
  if (dx.length === 0 || !ICD10CM_PATTERN.test(dx[0])) return { group: 'CO', reason: '16', remarks: ['MA63', 'MA130'] };
  return null;
}

/** Denials of one line, in order: coverage, duplicate, non-covered, authorization, diagnosis, bundling. */
export function lineDenial(
  ctx: ReceivedClaim,
  contract: PayerContract,
  acc: Accumulators,
  index: number,
): Denial | null {
  const c = ctx.claim;
  const line = c.lines[index];
  const code = line.procedure?.code ?? '';
  const dos = serviceDate(c, line);
  const member = contract.members?.find((m) => m.memberId === memberId(ctx));
  if (contract.members && !member) return { group: 'CO', reason: '31', remarks: ['N382'] };
  if (member && dos < member.coverageStart) return { group: 'CO', reason: '26', remarks: ['N30'] };
  if (member?.coverageEnd && dos > member.coverageEnd) return { group: 'CO', reason: '27', remarks: ['N30'] };
  const seenIn = acc.services[serviceKey(ctx, line)];
  if (seenIn !== undefined && seenIn !== c.id) return { group: 'OA', reason: '18', remarks: [] };
  const nc = contract.nonCovered.find((r) => codeMatches(code, r.codes));
  // not a benefit the patient has (PR 204: the patient owes it) or not covered at all (CO 96: written off)
  if (nc)
    return nc.patientLiable
      ? { group: 'PR', reason: '204', remarks: [nc.remark ?? 'N130'] }
      : { group: 'CO', reason: '96', remarks: [nc.remark ?? 'N130'] };
  const limit = contract.frequencyLimits?.find((r) => codeMatches(code, r.codes));
  if (limit && timesPaid(acc, ctx, code, dos, limit.days) >= limit.count)
    return { group: 'CO', reason: '151', remarks: ['M86'] };
  if (codeMatches(code, contract.priorAuthorization) && !c.priorAuthorization)
    return { group: 'CO', reason: '197', remarks: ['M62'] };
  return diagnosisDenial(ctx, contract, index) ?? bundlingDenial(c, contract, index);
}

/** How many times the member had `code` paid in the `days` up to `dos` (CCYYMMDD dates). */
export function timesPaid(acc: Accumulators, ctx: ReceivedClaim, code: string, dos: string, days: number): number {
  const list = acc.history?.[`${memberKey(ctx)}|${code}`] ?? [];
  return list.filter((d) => d <= dos && dayNumber(dos) - dayNumber(d) < days).length;
}

function diagnosisDenial(ctx: ReceivedClaim, contract: PayerContract, index: number): Denial | null {
  const c = ctx.claim;
  const line = c.lines[index];
  const dx = diagnoses(c);
  const pointers = line.diagnosisPointers ?? [];
  const pointed = pointers.map((p) => dx[p - 1]).filter((d): d is string => d !== undefined);
  // professional lines must point at a valid diagnosis; institutional lines carry no pointers
  if (
    line.procedure &&
    line.revenueCode === undefined &&
    (pointed.length === 0 || pointed.length !== pointers.length || !pointed.every((d) => ICD10CM_PATTERN.test(d)))
  ) {
    return { group: 'CO', reason: '16', remarks: ['M76'] };
  }
  const rule = contract.diagnosisRules?.find((r) => codeMatches(line.procedure?.code ?? '', r.codes));
  const candidates = pointed.length ? pointed : dx;
  if (rule && !candidates.some((d) => rule.diagnosisPrefixes.some((p) => d.startsWith(p))))
    return { group: 'CO', reason: '11', remarks: ['M76'] };
  return null;
}

function bundlingDenial(c: Claim837, contract: PayerContract, index: number): Denial | null {
  const line = c.lines[index];
  const code = line.procedure?.code ?? '';
  const dos = serviceDate(c, line);
  for (const rule of contract.bundling) {
    if (rule.bundled !== code) continue;
    const withPrimary = c.lines.some(
      (l, i) => i !== index && l.procedure?.code === rule.primary && serviceDate(c, l) === dos,
    );
    if (withPrimary) return { group: 'CO', reason: '97', remarks: ['M15'] };
  }
  return null;
}
