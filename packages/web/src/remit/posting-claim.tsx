/** One claim of an ERA as the payer adjudicated it: billed, allowed, paid, each adjustment and remark in words. */
import type { RemittanceClaim } from '@medbill/api';
import { formatCents } from '../components/billing-format.ts';
import { Link } from '../router.tsx';

type Adjustment = RemittanceClaim['adjustments'][number];

function Adjustments({ items, remarks }: { items: Adjustment[]; remarks: RemittanceClaim['remarks'] }) {
  if (!items.length && !remarks.length) return <span className="muted">—</span>;
  return (
    <ul className="adjustments">
      {items.map((a, i) => (
        <li key={`${a.group}${a.reason}${i}`}>
          <strong>
            {a.group}-{a.reason}
          </strong>{' '}
          {formatCents(a.amountCents)} {a.text}
          {a.cause ? <span className="tag tag-bad">{a.cause}</span> : null}
        </li>
      ))}
      {remarks.map((m) => (
        <li key={m.code} className="muted">
          {m.code} {m.text}
        </li>
      ))}
    </ul>
  );
}

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
      {c.adjustments.length || c.remarks.length ? (
        <div>
          Claim-level: <Adjustments items={c.adjustments} remarks={c.remarks} />
        </div>
      ) : null}
      <table className="grid" aria-label={`Lines of ${c.claimNumber ?? c.patientControlNumber}`}>
        <thead>
          <tr>
            <th scope="col">Service</th>
            <th scope="col" className="num">
              Billed
            </th>
            <th scope="col" className="num">
              Allowed
            </th>
            <th scope="col" className="num">
              Paid
            </th>
            <th scope="col">Adjustments and remarks</th>
          </tr>
        </thead>
        <tbody>
          {c.lines.map((l, i) => (
            <tr key={`${l.lineId ?? 'x'}-${i}`}>
              <td>
                {l.procedure}
                {l.submittedProcedure ? <span className="muted"> (sent {l.submittedProcedure})</span> : null}
              </td>
              <td className="num">{formatCents(l.billedCents)}</td>
              <td className="num">{l.allowedCents === null ? '—' : formatCents(l.allowedCents)}</td>
              <td className="num">{formatCents(l.paidCents)}</td>
              <td>
                <Adjustments items={l.adjustments} remarks={l.remarks} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
