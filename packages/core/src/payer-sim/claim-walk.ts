/** Flatten an 837 claim file into claims with their payer context, in file order. */
import type { BillingProviderLoop, ClaimFile837, PatientLoop } from '@medbill/x12/transactions/837/index.ts';
import type { ClaimContext } from './types.ts';

export interface FiledClaim {
  ctx: ClaimContext;
  billingProvider: BillingProviderLoop;
  /** the patient loop when the patient is not the subscriber */
  patientLoop?: PatientLoop;
}

export function claimsOf(file: ClaimFile837): FiledClaim[] {
  const out: FiledClaim[] = [];
  for (const bp of file.billingProviders) {
    for (const sub of bp.subscribers) {
      const base = { payerId: sub.payer.name.id ?? '', sbr: sub.sbr, subscriber: sub.subscriber };
      for (const claim of sub.claims) out.push({ ctx: { ...base, claim }, billingProvider: bp });
      for (const p of sub.patients) {
        for (const claim of p.claims)
          out.push({ ctx: { ...base, claim, patient: p.patient }, billingProvider: bp, patientLoop: p });
      }
    }
  }
  return out;
}
