/**
 * answerEligibility: a 270 file in, the payer's 271 out (or a 999 when the 270 is not valid), answered from
 * the contract (plan, copays, deductible, coinsurance, out-of-pocket maximum, non-covered services, prior
 * authorization) and what the payer remembers (deductible applied and patient shares of claims adjudicated
 * this year). A roster, when the contract has one, decides who is covered on the date. Pure and deterministic.
 */
import { build999 } from '@medbill/x12/acks';
import { validateFile } from '@medbill/x12';
import { parseX12File } from '@medbill/x12';
import { build271, type Benefit, type EligibilityTransaction, type Member, type Rejection } from '@medbill/x12/270-271';
import type { Accumulators } from './accumulators.ts';
import type { PayerContract } from './contract.ts';
import { ccyymmdd, hhmm } from './dates.ts';
import { envelopeOf, writeInterchange } from './simulate-payer.ts';

export interface AnswerEligibilityConfig {
  contracts: Record<string, PayerContract>;
  now: Date;
  controlNumbers: { next(): number };
  accumulators: Accumulators;
}

export interface EligibilityAnswer {
  /** the 271 interchange, '' when the 270 was rejected */
  text271: string;
  /** a 999 when the 270 had errors, else '' */
  ack999: string;
}

export function answerEligibility(text270: string, config: AnswerEligibilityConfig): EligibilityAnswer {
  const today = ccyymmdd(config.now);
  const v = validateFile(text270);
  const parsed = parseX12File(text270);
  const inquiries = parsed.transactions.filter((t) => t.st01 === '270' && t.value);
  const hasErrors = v.issues.some((i) => i.severity === 'error');
  if (hasErrors || inquiries.length === 0) {
    const ack999 =
      build999(v, { controlNumber: String(config.controlNumbers.next()), date: today, time: hhmm(config.now) }) ?? '';
    return { text271: '', ack999 };
  }
  const env = envelopeOf(v);
  const n = config.controlNumbers.next();
  const bodies = inquiries.map((t, i) =>
    build271(answerTransaction(t.value as EligibilityTransaction, config, String(i + 1).padStart(4, '0'), today)),
  );
  return { text271: writeInterchange(env, n, config.now, 'HB', '005010X279A1', bodies), ack999: '' };
}

function answerTransaction(
  tx: EligibilityTransaction,
  config: AnswerEligibilityConfig,
  controlNumber: string,
  today: string,
): EligibilityTransaction {
  return {
    controlNumber,
    header: { purpose: '11', referenceId: tx.header.referenceId, date: today, time: hhmm(config.now) },
    sources: tx.sources.map((src) => {
      const contract = config.contracts[src.source.name.id ?? ''];
      if (!contract) return { ...src, rejections: [{ valid: 'N', reason: '79', followUp: 'C' }], receivers: [] };
      return {
        ...src,
        receivers: src.receivers.map((rcv) => ({
          ...rcv,
          subscribers: rcv.subscribers.map((sub) => {
            const answered = answerMember(sub, sub, contract, config.accumulators);
            const deps = (sub.dependents ?? []).map((d) => answerMember(d, sub, contract, config.accumulators));
            return { ...answered, ...(deps.length ? { dependents: deps } : {}) };
          }),
        })),
      };
    }),
  };
}

function answerMember(m: Member, subscriber: Member, contract: PayerContract, acc: Accumulators): Member {
  const traces = (m.traces ?? []).map((t) => ({ ...t, type: '2' }));
  const asked = m.inquiries !== undefined;
  const { inquiries: _ignored, ...rest } = m;
  const base: Member = { ...rest, traces };
  if (!asked) return base;
  const memberId = subscriber.member.name.id ?? '';
  const date = m.dates?.find((d) => d.qualifier === '291')?.value.slice(0, 8) ?? '';
  const problem = memberProblem(contract, memberId);
  if (problem) return { ...base, rejections: [problem] };
  const roster = contract.members?.find((r) => r.memberId === memberId);
  const covered = !roster || (date >= roster.coverageStart && (!roster.coverageEnd || date <= roster.coverageEnd));
  const year = date.slice(0, 4);
  const planBegin = roster ? roster.coverageStart : `${year}0101`;
  const plan: Benefit = {
    code: covered ? '1' : '6',
    coverageLevel: 'IND',
    serviceTypes: ['30'],
    ...(contract.insuranceType ? { insuranceType: contract.insuranceType } : {}),
    planDescription: contract.planName ?? contract.payerName,
    dates: [
      { qualifier: '346', value: planBegin },
      ...(roster?.coverageEnd ? [{ qualifier: '347', value: roster.coverageEnd }] : []),
    ],
  };
  if (!covered) return { ...base, benefits: [plan] };
  const key = [
    contract.payerId,
    memberId,
    m.member.name.lastName,
    m.member.name.firstName ?? '',
    m.member.demographics?.birthDate ?? '',
  ].join('|');
  return { ...base, benefits: [plan, ...costSharing(contract, acc, key, year), ...restrictions(contract, m)] };
}

function memberProblem(contract: PayerContract, memberId: string): Rejection | undefined {
  if (contract.memberIdPattern && !new RegExp(contract.memberIdPattern).test(memberId))
    return { valid: 'N', reason: '72', followUp: 'C' };
  if (contract.members && !contract.members.some((r) => r.memberId === memberId))
    return { valid: 'N', reason: '75', followUp: 'C' };
  return undefined;
}

/** Copays, deductible (total and left), coinsurance and out-of-pocket (total and left), all in network. */
function costSharing(contract: PayerContract, acc: Accumulators, memberKey: string, year: string): Benefit[] {
  const inNet = { coverageLevel: 'IND', inNetwork: 'Y' };
  const out: Benefit[] = contract.copays.map((c) => ({
    code: 'B',
    ...inNet,
    serviceTypes: ['98'],
    timePeriod: '27',
    amount: c.copayCents,
    messages: [c.label.toUpperCase()],
  }));
  const met = acc.deductibleCents[`${memberKey}|${year}`] ?? 0;
  if (contract.deductibleCents > 0)
    out.push(
      { code: 'C', ...inNet, serviceTypes: ['30'], timePeriod: '23', amount: contract.deductibleCents },
      {
        code: 'C',
        ...inNet,
        serviceTypes: ['30'],
        timePeriod: '29',
        amount: Math.max(0, contract.deductibleCents - met),
      },
    );
  if (contract.coinsurancePercent > 0)
    out.push({ code: 'A', ...inNet, serviceTypes: ['30'], percent: contract.coinsurancePercent / 100 });
  if (contract.outOfPocketMaxCents !== undefined) {
    const paid = patientSharesThisYear(acc, memberKey, year);
    out.push(
      { code: 'G', ...inNet, serviceTypes: ['30'], timePeriod: '23', amount: contract.outOfPocketMaxCents },
      {
        code: 'G',
        ...inNet,
        serviceTypes: ['30'],
        timePeriod: '29',
        amount: Math.max(0, contract.outOfPocketMaxCents - paid),
      },
    );
  }
  return out;
}

/** Patient responsibility of the member's claims that still stand, for the year. */
function patientSharesThisYear(acc: Accumulators, memberKey: string, year: string): number {
  let total = 0;
  for (const a of Object.values(acc.adjudications))
    if (a.deductibleKey === `${memberKey}|${year}`) total += a.result.patientResponsibilityCents;
  return total;
}

/** Non-covered services (EB*I) and those needing prior authorization (EB11 = Y), each with the codes in words. */
function restrictions(contract: PayerContract, m: Member): Benefit[] {
  const out: Benefit[] = [];
  const askedCodes = (m.inquiries ?? []).flatMap((q) => (q.procedure ? [q.procedure.code] : []));
  for (const rule of contract.nonCovered)
    out.push({
      code: 'I',
      coverageLevel: 'IND',
      serviceTypes: ['1'],
      procedure: { qualifier: 'HC', code: firstCode(rule.codes, askedCodes) },
      messages: [`NOT COVERED: ${rule.codes.join(', ')}`],
    });
  for (const pattern of contract.priorAuthorization)
    out.push({
      code: '1',
      coverageLevel: 'IND',
      serviceTypes: ['1'],
      authorizationRequired: 'Y',
      inNetwork: 'Y',
      procedure: { qualifier: 'HC', code: firstCode([pattern], askedCodes) },
      messages: [`PRIOR AUTHORIZATION REQUIRED: ${pattern}`],
    });
  return out;
}

/** The code asked about when the rule covers it, else the first code of the rule (a range starts with it). */
function firstCode(patterns: string[], asked: string[]): string {
  for (const code of asked)
    for (const p of patterns) {
      const [low, high = low] = p.split('-');
      if (code.length === low!.length && code >= low! && code <= high) return code;
    }
  return patterns[0]!.split('-')[0]!;
}
