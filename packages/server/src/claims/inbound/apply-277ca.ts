/** A 277CA says, claim by claim, whether the payer took the claim into its system or rejected it (and why). */
import { claimAcknowledgments, read277ca } from '@medbill/x12/277ca';
import { moveClaim, transactionsOf, type ApplyContext } from './apply-context.ts';

export async function apply277ca(c: ApplyContext, text: string): Promise<void> {
  for (const t of transactionsOf(text, c.fileName, '277')) {
    const read = read277ca(t.segments);
    for (const ack of claimAcknowledgments(read.value)) {
      if (ack.decision === 'accepted')
        await moveClaim(
          c,
          ack.patientControlNumber,
          'accepted',
          `277CA: the payer accepted the claim (${ack.categories.join(',')})`,
          ack.payerClaimNumber ? { payer_claim_number: ack.payerClaimNumber } : undefined,
        );
      else if (ack.decision === 'rejected')
        await moveClaim(
          c,
          ack.patientControlNumber,
          'rejected',
          `277CA: the payer rejected the claim (${ack.reasons.join(', ')})`,
          { rejection_reason: ack.reasons.join(', ') },
        );
    }
  }
}
