/**
 * claimFileFromClaims: flat claims (as the claims stage holds them) → one ClaimFile837 grouped
 * billing provider → subscriber → patient, in first-appearance order (X12 HL hierarchy).
 */
import type { BillingProviderLoop, Claim837, ClaimFile837, PatientLoop, SubscriberLoop } from './claim-model.ts';

export interface ClaimToSend {
  billingProvider: Omit<BillingProviderLoop, 'subscribers'>;
  subscriber: Omit<SubscriberLoop, 'claims' | 'patients'>;
  /** absent when the patient is the subscriber (SBR02 = 18) */
  patient?: Omit<PatientLoop, 'claims'>;
  claim: Claim837;
}

export type ClaimFileHeader = Omit<ClaimFile837, 'billingProviders'>;

/** Stable key of a plain data object (keys sorted) for grouping equal providers/subscribers. */
function key(value: unknown): string {
  return JSON.stringify(value, (_k, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => a.localeCompare(b)))
      : v,
  );
}

function getOrAdd<T>(map: Map<string, T>, k: string, make: () => T, list: T[]): T {
  let v = map.get(k);
  if (!v) {
    v = make();
    map.set(k, v);
    list.push(v);
  }
  return v;
}

export function claimFileFromClaims(header: ClaimFileHeader, claims: readonly ClaimToSend[]): ClaimFile837 {
  const file: ClaimFile837 = { ...header, billingProviders: [] };
  const providers = new Map<string, BillingProviderLoop>();
  const subscribers = new Map<string, SubscriberLoop>();
  const patients = new Map<string, PatientLoop>();
  for (const c of claims) {
    const bpKey = key(c.billingProvider);
    const bp = getOrAdd(providers, bpKey, () => ({ ...c.billingProvider, subscribers: [] }), file.billingProviders);
    const subKey = `${bpKey}|${key(c.subscriber)}`;
    const sub = getOrAdd(subscribers, subKey, () => ({ ...c.subscriber, claims: [], patients: [] }), bp.subscribers);
    if (!c.patient) {
      sub.claims.push(c.claim);
      continue;
    }
    const patient = c.patient;
    getOrAdd(patients, `${subKey}|${key(patient)}`, () => ({ ...patient, claims: [] }), sub.patients).claims.push(
      c.claim,
    );
  }
  return file;
}
