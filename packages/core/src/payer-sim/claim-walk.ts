/** Flatten an 837 claim file into the claims a payer received, with their payer context, in file order. */
import type { BillingProviderLoop, ClaimFile837, PatientLoop } from '@medbill/x12/837';
import { claimsInFile } from '@medbill/x12/837';
import type { ReceivedClaim } from './types.ts';

export interface FiledClaim {
  ctx: ReceivedClaim;
  billingProvider: BillingProviderLoop;
  /** the patient loop when the patient is not the subscriber */
  patientLoop?: PatientLoop;
}

export function claimsOf(file: ClaimFile837): FiledClaim[] {
  return Array.from(claimsInFile(file), ({ billing, subscriber, patientLoop, claim }) => ({
    ctx: {
      payerId: subscriber.payer.name.id ?? '',
      sbr: subscriber.sbr,
      subscriber: subscriber.subscriber,
      claim,
      ...(patientLoop ? { patient: patientLoop.patient } : {}),
    },
    billingProvider: billing,
    ...(patientLoop ? { patientLoop } : {}),
  }));
}
