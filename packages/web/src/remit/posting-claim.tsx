/** One claim of an ERA as the payer adjudicated it: billed, allowed, paid, each adjustment and remark in words. */
import type { RemittanceClaim } from '@medbill/api';
import { AdjudicatedLines } from '../components/adjudicated-lines.tsx';
import { formatCents } from '../components/billing-format.ts';
import { Link } from '../router.tsx';

export function PostingClaim({ claim: c }: { claim: RemittanceClaim }) {
  return (
    <div className="panel posting-claim" data-testid={`posting-${c.claimNumber ?? c.patientControlNumber}`}>
      <h3>
        {c.claimId ? <Link to={`/claims/${c.claimId}`}>{c.claimNumber}</Link> : `Not ours: ${c.patientControlNumber}`}{' '}
        <span className="muted">
          {c.patientName ?? ''} · payer claim {c.payerClaimNumber} · {c.summary}
        </span>
      </h3>
      <p>
        Billed {formatCents(c.chargeCents)} · allowed {c.allowedCents === null ? '—' : formatCents(c.allowedCents)} ·
        paid {formatCents(c.paidCents)} · patient responsibility {formatCents(c.patientResponsibilityCents)}
        {c.interestCents ? ` · interest ${formatCents(c.interestCents)}` : ''}
      </p>
      <AdjudicatedLines claim={c} label={`Lines of ${c.claimNumber ?? c.patientControlNumber}`} />
    </div>
  );
}
