/**
 * An 835 claim payment as the payer adjudicated it, line by line: billed, allowed, paid, and each adjustment (CARC
 * in words, the denial worklist's cause) and remark (RARC). The ERA's posting view and the claim's payment history
 * both show a claim payment through this one component, with what a person applied of the claim's difference to its
 * lines afterwards.
 */
import type { RemittanceClaim } from '@medbill/api';
import { formatCents } from './billing-format.ts';

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

/** The claim-level adjustments and remarks (when there are any), then the lines; `label` names the lines' table. */
export function AdjudicatedLines({ claim: c, label }: { claim: RemittanceClaim; label: string }) {
  return (
    <>
      {c.adjustments.length || c.remarks.length ? (
        <div>
          Claim-level: <Adjustments items={c.adjustments} remarks={c.remarks} />
        </div>
      ) : null}
      <table className="grid" aria-label={label}>
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
              <td className="mono">
                {l.procedure}
                {l.submittedProcedure ? <span className="muted"> (billed {l.submittedProcedure})</span> : null}
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
      {c.appliedDifference.length ? (
        <p data-testid="applied-difference">
          Difference applied by a person, {formatCents(c.appliedDifference.reduce((t, a) => t + a.amountCents, 0))} of
          the paid:{' '}
          {c.appliedDifference
            .map(
              (a) =>
                `${formatCents(a.amountCents)} to ${a.lineNumber === null ? `line #${a.lineId}` : `line ${a.lineNumber}`}${a.procedure ? ` (${a.procedure})` : ''}`,
            )
            .join(', ')}
        </p>
      ) : null}
    </>
  );
}
