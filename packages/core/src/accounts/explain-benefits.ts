/**
 * explainBenefits: one member's 271 answer → what a biller tells the patient: is the plan active on the date,
 * the office-visit copay, deductible met and left, coinsurance, out-of-pocket left, network, services not
 * covered or needing authorization, other insurance, the primary care provider. Pure; money in cents.
 */
import type { Benefit, Member } from '@medbill/x12/270-271';
import { dateText, dollars, isoFromX12, percentText } from './money-text.ts';
import { followUpText, rejectReasonText, serviceTypeLabel, timePeriodLabel } from './service-types.ts';

export type Network = 'in' | 'out' | 'any';

export interface AmountBenefit {
  network: Network;
  /** EB02: IND individual, FAM family, … ('' when not sent) */
  level: string;
  serviceTypes: string[];
  cents: number;
}

export interface RateBenefit {
  network: Network;
  level: string;
  serviceTypes: string[];
  /** the patient's share, a fraction (0.2 = 20 %) */
  fraction: number;
}

export interface Accumulator {
  network: Network;
  level: string;
  total?: number;
  met?: number;
  remaining?: number;
  /** EB06 of the total: 23 calendar year, 22 service year, 32 lifetime, … */
  period?: string;
}

export interface ServiceNote {
  serviceTypes: string[];
  label: string;
  procedure?: string;
  messages: string[];
}

export interface BenefitsView {
  /** the date asked about, YYYY-MM-DD */
  date: string;
  status: 'active' | 'inactive' | 'not_found' | 'unknown';
  planName?: string;
  insuranceType?: string;
  planBegin?: string;
  planEnd?: string;
  copays: AmountBenefit[];
  /** the office-visit copay (service type 98 or BZ), in network first */
  officeVisitCopay?: AmountBenefit;
  coinsurance: RateBenefit[];
  deductibles: Accumulator[];
  outOfPocket: Accumulator[];
  notCovered: ServiceNote[];
  authorizationRequired: ServiceNote[];
  limitations: ServiceNote[];
  otherPayers: string[];
  primaryCareProvider?: string;
  /** AAA rejections in words, with what to do */
  problems: string[];
  /** the whole answer, sentence by sentence, as read to a patient */
  sentences: string[];
}

const ACTIVE = new Set(['1', '2', '3', '4', '5']);
const INACTIVE = new Set(['6', '7', '8']);
const OFFICE_VISIT = ['98', 'BZ'];
const INSURANCE_TYPES: Record<string, string> = {
  C1: 'commercial',
  HM: 'HMO',
  PR: 'PPO',
  PS: 'point of service',
  EP: 'exclusive provider',
  HN: 'HMO Medicare risk',
  MA: 'Medicare Part A',
  MB: 'Medicare Part B',
  MC: 'Medicaid',
  MP: 'Medicare primary',
  QM: 'qualified Medicare beneficiary',
};

function networkOf(b: Benefit): Network {
  return b.inNetwork === 'Y' ? 'in' : b.inNetwork === 'N' ? 'out' : 'any';
}

const services = (b: Benefit) => (b.serviceTypes?.length ? b.serviceTypes : ['30']);

function memberDate(m: Member, qualifiers: string[]): string | undefined {
  return m.dates?.find((d) => qualifiers.includes(d.qualifier))?.value;
}

export function explainBenefits(member: Member, date: string): BenefitsView {
  const benefits = member.benefits ?? [];
  const view: BenefitsView = {
    date,
    status: statusOf(member, benefits),
    copays: [],
    coinsurance: [],
    deductibles: [],
    outOfPocket: [],
    notCovered: [],
    authorizationRequired: [],
    limitations: [],
    otherPayers: [],
    problems: [],
    sentences: [],
  };
  readPlanDates(view, member, benefits);
  for (const b of benefits) readBenefit(view, b);
  view.officeVisitCopay = pickOfficeVisit(view.copays);
  for (const a of [...view.deductibles, ...view.outOfPocket]) complete(a);
  for (const r of [...(member.rejections ?? []), ...benefits.flatMap((b) => b.rejections ?? [])])
    view.problems.push(`${rejectReasonText(r.reason)} ${followUpText(r.followUp)}`.trim());
  view.sentences = sentencesFor(view);
  return view;
}

function statusOf(member: Member, benefits: Benefit[]): BenefitsView['status'] {
  if (benefits.some((b) => ACTIVE.has(b.code))) return 'active';
  if (benefits.some((b) => INACTIVE.has(b.code))) return 'inactive';
  if ((member.rejections ?? []).length) return 'not_found';
  return 'unknown';
}

function readPlanDates(view: BenefitsView, member: Member, benefits: Benefit[]): void {
  const first = benefits.find((b) => ACTIVE.has(b.code) || INACTIVE.has(b.code));
  if (first?.planDescription) view.planName = first.planDescription;
  if (first?.insuranceType) view.insuranceType = INSURANCE_TYPES[first.insuranceType] ?? first.insuranceType;
  const withFirst = { ...member, dates: [...(member.dates ?? []), ...(first?.dates ?? [])] };
  const plan = memberDate(withFirst, ['291', '307']);
  const begin = memberDate(withFirst, ['346', '356']) ?? plan?.split('-')[0];
  const end = memberDate(withFirst, ['347', '357']) ?? (plan?.includes('-') ? plan.split('-')[1] : undefined);
  if (begin) view.planBegin = isoFromX12(begin);
  if (end) view.planEnd = isoFromX12(end);
}

function readBenefit(view: BenefitsView, b: Benefit): void {
  const base = { network: networkOf(b), level: b.coverageLevel ?? '', serviceTypes: services(b) };
  const note = (): ServiceNote => ({
    serviceTypes: base.serviceTypes,
    label: base.serviceTypes.map(serviceTypeLabel).join(', '),
    ...(b.procedure ? { procedure: b.procedure.code } : {}),
    messages: b.messages ?? [],
  });
  if (b.code === 'B' && b.amount !== undefined) view.copays.push({ ...base, cents: b.amount });
  else if (b.code === 'A' && b.percent !== undefined) view.coinsurance.push({ ...base, fraction: b.percent });
  else if (b.code === 'C' && b.amount !== undefined) accumulate(view.deductibles, base, b);
  else if (b.code === 'G' && b.amount !== undefined) accumulate(view.outOfPocket, base, b);
  else if (b.code === 'I') view.notCovered.push(note());
  else if (b.code === 'F') view.limitations.push(note());
  else if (b.code === 'R') view.otherPayers.push(relatedNames(b).join(', ') || b.planDescription || 'another payer');
  else if (b.code === 'L') view.primaryCareProvider = relatedNames(b)[0] ?? view.primaryCareProvider;
  if (b.authorizationRequired === 'Y' && b.code !== 'I') view.authorizationRequired.push(note());
}

function relatedNames(b: Benefit): string[] {
  return (b.relatedEntities ?? []).map((e) =>
    [e.name.firstName, e.name.lastName].filter((x) => x !== undefined && x !== '').join(' '),
  );
}

function accumulate(list: Accumulator[], base: { network: Network; level: string }, b: Benefit): void {
  let acc = list.find((a) => a.network === base.network && a.level === base.level);
  if (!acc) {
    acc = { network: base.network, level: base.level };
    list.push(acc);
  }
  const amount = b.amount!;
  if (b.timePeriod === '29' || b.timePeriod === '33') acc.remaining = amount;
  else if (b.timePeriod === '24') acc.met = amount;
  else {
    acc.total = amount;
    if (b.timePeriod) acc.period = b.timePeriod;
  }
}

function complete(a: Accumulator): void {
  if (a.total === undefined) return;
  if (a.met !== undefined && a.remaining === undefined) a.remaining = Math.max(0, a.total - a.met);
  if (a.remaining !== undefined && a.met === undefined) a.met = Math.max(0, a.total - a.remaining);
}

function pickOfficeVisit(copays: AmountBenefit[]): AmountBenefit | undefined {
  const office = copays.filter((c) => c.serviceTypes.some((s) => OFFICE_VISIT.includes(s)));
  return office.find((c) => c.network === 'in') ?? office.find((c) => c.network === 'any') ?? office[0];
}

const NETWORK_WORDS: Record<Network, string> = { in: 'in network', out: 'out of network', any: '' };
const LEVEL_WORDS: Record<string, string> = {
  IND: 'individual',
  FAM: 'family',
  EMP: 'employee',
  ESP: 'employee and spouse',
};

function qualifiers(x: { network: Network; level: string }): string {
  const parts = [LEVEL_WORDS[x.level] ?? x.level, NETWORK_WORDS[x.network]].filter(Boolean);
  return parts.length ? ` (${parts.join(', ')})` : '';
}

function sentencesFor(v: BenefitsView): string[] {
  const out: string[] = [];
  const plan = v.planName ? ` ${v.planName}` : '';
  if (v.status === 'active') out.push(`The plan${plan} is active on ${dateText(v.date)}.`);
  else if (v.status === 'inactive') out.push(`The plan${plan} is not active on ${dateText(v.date)}.`);
  else if (v.status === 'not_found') out.push('The payer could not confirm this coverage.');
  else out.push('The payer did not say whether the plan is active.');
  if (v.planBegin || v.planEnd)
    out.push(
      `Coverage dates: ${v.planBegin ? `from ${dateText(v.planBegin)}` : ''}${v.planEnd ? ` to ${dateText(v.planEnd)}` : ''}.`.replace(
        ': to',
        ': until',
      ),
    );
  for (const c of v.copays)
    out.push(`Copay for ${c.serviceTypes.map(serviceTypeLabel).join(', ')}${qualifiers(c)}: ${dollars(c.cents)}.`);
  for (const d of v.deductibles) out.push(accumulatorSentence('Deductible', d));
  for (const c of v.coinsurance)
    out.push(
      `Coinsurance${qualifiers(c)}: after the deductible the patient pays ${percentText(c.fraction)} of the allowed amount${c.serviceTypes.join() === '30' ? '' : ` for ${c.serviceTypes.map(serviceTypeLabel).join(', ')}`}.`,
    );
  for (const o of v.outOfPocket) out.push(accumulatorSentence('Out-of-pocket maximum', o));
  for (const n of v.notCovered) out.push(`Not covered: ${n.procedure ? `procedure ${n.procedure}, ` : ''}${n.label}.`);
  for (const n of v.authorizationRequired)
    out.push(`Needs prior authorization: ${n.procedure ? `procedure ${n.procedure}, ` : ''}${n.label}.`);
  for (const n of v.limitations)
    out.push(`Limits apply to ${n.label}${n.messages.length ? `: ${n.messages.join(' ')}` : ''}.`);
  for (const p of v.otherPayers) out.push(`The payer has other insurance on file: ${p}.`);
  if (v.primaryCareProvider) out.push(`Primary care provider on file: ${v.primaryCareProvider}.`);
  out.push(...v.problems);
  return out;
}

function accumulatorSentence(what: string, a: Accumulator): string {
  const period = timePeriodLabel(a.period);
  const parts = [
    a.total !== undefined ? `${dollars(a.total)}${period ? ` ${period}` : ''}` : '',
    a.met !== undefined ? `${dollars(a.met)} met` : '',
    a.remaining !== undefined ? `${dollars(a.remaining)} left` : '',
  ].filter(Boolean);
  return `${what}${qualifiers(a)}: ${parts.join('; ')}.`;
}
