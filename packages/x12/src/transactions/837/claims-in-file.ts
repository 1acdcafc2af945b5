/**
 * Every claim of an 837 file with the loops above it, in file order: the one walk of the billing provider →
 * subscriber → patient tree that paper forms and the payer simulator both need (a claim alone names neither
 * the patient nor the payer).
 */
import type {
  BillingProviderLoop,
  Claim837,
  ClaimFile837,
  ClaimKind,
  Party,
  PatientLoop,
  SubscriberLoop,
} from './claim-model.ts';

export interface ClaimInFile {
  kind: ClaimKind;
  /** 2000A */
  billing: BillingProviderLoop;
  /** 2000B: the subscriber (insured) and the payer */
  subscriber: SubscriberLoop;
  /** 2000C when the patient is not the subscriber */
  patientLoop?: PatientLoop;
  /** the patient: 2010CA, or the subscriber (2010BA) when the patient is the subscriber */
  patient: Party;
  /** relationship of the patient to the insured: '18' self, '01' spouse, '19' child, ... */
  relationship: string;
  claim: Claim837;
}

export function* claimsInFile(file: ClaimFile837): Generator<ClaimInFile> {
  for (const billing of file.billingProviders) {
    for (const subscriber of billing.subscribers) {
      const base = { kind: file.kind, billing, subscriber };
      for (const claim of subscriber.claims)
        yield { ...base, patient: subscriber.subscriber, relationship: '18', claim };
      for (const patientLoop of subscriber.patients) {
        const { patient, relationship } = patientLoop;
        for (const claim of patientLoop.claims) yield { ...base, patientLoop, patient, relationship, claim };
      }
    }
  }
}
