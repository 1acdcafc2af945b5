/**
 * Find one claim in an 837 file together with the loops above it (billing provider, subscriber,
 * patient): a paper form needs all of them, the claim alone does not name the patient or payer.
 */
import type { Claim837, ClaimFile837, x837 } from '@medbill/x12';

export interface ClaimContext {
  kind: x837.ClaimKind;
  /** 2000A */
  billing: x837.BillingProviderLoop;
  /** 2000B: the subscriber (insured) and the payer */
  subscriber: x837.SubscriberLoop;
  /** 2000C when the patient is not the subscriber */
  patientLoop?: x837.PatientLoop;
  /** the patient: 2010CA, or the subscriber when the patient is the subscriber */
  patient: x837.Party;
  /** relationship of the patient to the insured: '18' self, '01' spouse, '19' child, ... */
  relationship: string;
  claim: Claim837;
}

/** A claim by its id (CLM01) or its position in file order (0-based). */
export type ClaimRef = string | number;

export function findClaim(file: ClaimFile837, ref: ClaimRef): ClaimContext | undefined {
  let index = 0;
  for (const billing of file.billingProviders) {
    for (const subscriber of billing.subscribers) {
      const base = { kind: file.kind, billing, subscriber };
      for (const claim of subscriber.claims) {
        if (ref === claim.id || ref === index++)
          return { ...base, patient: subscriber.subscriber, relationship: '18', claim };
      }
      for (const patientLoop of subscriber.patients) {
        for (const claim of patientLoop.claims) {
          if (ref === claim.id || ref === index++) {
            return {
              ...base,
              patientLoop,
              patient: patientLoop.patient,
              relationship: patientLoop.relationship,
              claim,
            };
          }
        }
      }
    }
  }
  return undefined;
}

export function requireClaim(file: ClaimFile837, ref: ClaimRef): ClaimContext {
  const ctx = findClaim(file, ref);
  if (!ctx) throw new RangeError(`claim ${String(ref)} is not in 837 file ${file.controlNumber}`);
  return ctx;
}

/** The first 2310 provider with one of the entity codes, in the order given. */
export function providerOf(claim: Claim837, ...entityCodes: string[]): x837.ClaimProvider | undefined {
  for (const code of entityCodes) {
    const p = claim.providers?.find((x) => x.entityCode === code);
    if (p) return p;
  }
  return undefined;
}

/** Diagnosis codes in HI order (principal first), without the decimal point. */
export function diagnosisCodes(claim: Claim837): Array<{ code: string; poa?: string; qualifier: string }> {
  const dx = new Set(['ABK', 'ABF', 'BK', 'BF']);
  return claim.healthInfo
    .filter((h) => dx.has(h.qualifier))
    .map((h) => ({ code: h.code.replace('.', ''), poa: h.poa, qualifier: h.qualifier }));
}
