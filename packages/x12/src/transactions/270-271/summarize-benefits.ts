/**
 * summarizeBenefits: a 271 → per member: active?, and per service type, network and coverage level:
 * copay, coinsurance, deductible and out-of-pocket (total, remaining, met). Money in cents.
 */
import type { Benefit, EligibilityTransaction, Member } from './eligibility-model.ts';

export type Network = 'in' | 'out' | 'both' | 'unknown';

export interface Accumulator {
  /** for the period (calendar year, service year, lifetime ...) */
  total?: number;
  /** EB06 29 remaining / 33 lifetime remaining */
  remaining?: number;
  /** EB06 24 year to date: already met */
  met?: number;
  /** EB06 of the total */
  period?: string;
}

export interface ServiceBenefits {
  /** EB03 service type; '30' (health benefit plan coverage) when the payer sent none */
  serviceType: string;
  network: Network;
  /** EB02 IND, FAM, ... ('' when not sent) */
  coverageLevel: string;
  /** EB01 1 (active coverage) → true; 6/7/8 (inactive) or I (non-covered) → false */
  covered?: boolean;
  /** cents per visit/period */
  copay?: number;
  /** fraction the patient pays (0.2 = 20 %) */
  coinsurance?: number;
  deductible?: Accumulator;
  outOfPocket?: Accumulator;
}

export interface MemberBenefitSummary {
  memberId?: string;
  lastName: string;
  firstName?: string;
  /** true when any EB01 1–5 (active coverage), false when only 6–8 (inactive), undefined when neither was sent */
  active?: boolean;
  planDescriptions: string[];
  /** AAA reject reasons of the member (e.g. 72 invalid member id) */
  rejectReasons: string[];
  services: ServiceBenefits[];
}

const ACTIVE = new Set(['1', '2', '3', '4', '5']);
const INACTIVE = new Set(['6', '7', '8']);
const NETWORK: Record<string, Network> = { Y: 'in', N: 'out', W: 'both' };

export function summarizeBenefits(tx: EligibilityTransaction): MemberBenefitSummary[] {
  const out: MemberBenefitSummary[] = [];
  for (const src of tx.sources) {
    for (const rcv of src.receivers) {
      for (const sub of rcv.subscribers) {
        out.push(summarizeMember(sub));
        for (const dep of sub.dependents ?? []) out.push(summarizeMember(dep));
      }
    }
  }
  return out;
}

function summarizeMember(m: Member): MemberBenefitSummary {
  const n = m.member.name;
  const benefits = m.benefits ?? [];
  const s: MemberBenefitSummary = {
    lastName: n.lastName,
    planDescriptions: [...new Set(benefits.flatMap((b) => (b.planDescription ? [b.planDescription] : [])))],
    rejectReasons: (m.rejections ?? []).map((r) => r.reason),
    services: [],
  };
  if (n.firstName !== undefined) s.firstName = n.firstName;
  if (n.id !== undefined) s.memberId = n.id;
  if (benefits.some((b) => ACTIVE.has(b.code))) s.active = true;
  else if (benefits.some((b) => INACTIVE.has(b.code))) s.active = false;
  const byKey = new Map<string, ServiceBenefits>();
  for (const b of benefits) {
    for (const serviceType of b.serviceTypes?.length ? b.serviceTypes : ['30']) {
      const network = NETWORK[b.inNetwork ?? ''] ?? 'unknown';
      const coverageLevel = b.coverageLevel ?? '';
      const key = `${serviceType}|${network}|${coverageLevel}`;
      let entry = byKey.get(key);
      if (!entry) {
        entry = { serviceType, network, coverageLevel };
        byKey.set(key, entry);
        s.services.push(entry);
      }
      apply(entry, b);
    }
  }
  return s;
}

function apply(e: ServiceBenefits, b: Benefit): void {
  if (ACTIVE.has(b.code)) e.covered = true;
  else if (INACTIVE.has(b.code) || b.code === 'I') e.covered = false;
  else if (b.code === 'B' && b.amount !== undefined) e.copay = b.amount;
  else if (b.code === 'A' && b.percent !== undefined) e.coinsurance = b.percent;
  else if (b.code === 'C' && b.amount !== undefined) e.deductible = accumulate(e.deductible, b);
  else if (b.code === 'G' && b.amount !== undefined) e.outOfPocket = accumulate(e.outOfPocket, b);
}

function accumulate(acc: Accumulator | undefined, b: Benefit): Accumulator {
  const next: Accumulator = { ...acc };
  const amount = b.amount!;
  if (b.timePeriod === '29' || b.timePeriod === '33') next.remaining = amount;
  else if (b.timePeriod === '24') next.met = amount;
  else {
    next.total = amount;
    if (b.timePeriod !== undefined) next.period = b.timePeriod;
  }
  if (next.total !== undefined && next.met !== undefined && next.remaining === undefined)
    next.remaining = next.total - next.met;
  return next;
}
