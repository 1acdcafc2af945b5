/**
 * The claim page's status history: each 276 we sent the payer about this claim and the 277 that answered it (the
 * status in words, amounts, the 835's trace), newest first, and a button to ask the payer now.
 */
import type { ClaimStatusHistory, StatusInquiryResult } from '@medbill/api';
import { useState } from 'react';
import { api, describeError } from '../api/client.ts';
import { useAuth } from '../auth/auth-context.tsx';
import { formatCents } from '../components/billing-format.ts';
import { Alert } from '../components/field.tsx';
import { formatDateTime } from '../components/format.ts';
import { useApi } from '../components/use-api.ts';
import { Link } from '../router.tsx';

/** states in which the payer has the claim (it was sent and not closed or voided) */
const ASKABLE = new Set([
  'submitted',
  'acknowledged',
  'accepted',
  'adjudicated',
  'paid',
  'partially_paid',
  'denied',
  'paid_with_line_denials',
  'reversed',
  'forwarded',
  'appealed',
]);

export function ClaimStatusHistoryPanel({
  claimId,
  state,
  onChange,
}: {
  claimId: number;
  state: string;
  onChange: () => void;
}) {
  const { can } = useAuth();
  const history = useApi(() => api.get<ClaimStatusHistory>(`/api/claims/${claimId}/status-inquiries`), [claimId]);
  const [busy, setBusy] = useState(false);
  const [note, setNote] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);
  const ask = async () => {
    setBusy(true);
    setNote(null);
    try {
      const r = await api.post<StatusInquiryResult>('/api/claims/status-inquiries', {
        claimIds: [claimId],
        waitSeconds: 10,
      });
      const i = r.inquiries[0];
      setNote(
        i
          ? {
              kind: i.status === 'failed' ? 'error' : 'ok',
              text:
                i.status === 'answered'
                  ? `The payer answered: ${i.words}`
                  : i.status === 'sent'
                    ? 'Asked; the answer is read at the next check for responses.'
                    : `Not sent: ${i.problem}`,
            }
          : { kind: 'error', text: r.skipped[0]?.reason ?? 'Not asked' },
      );
      history.reload();
      onChange();
    } catch (e) {
      setNote({ kind: 'error', text: describeError(e) });
    } finally {
      setBusy(false);
    }
  };
  const items = history.data?.inquiries ?? [];
  if (!items.length && !(can('claim:submit') && ASKABLE.has(state))) return null;
  return (
    <div className="panel" aria-label="Status history">
      <h2>Status with the payer</h2>
      {can('claim:submit') && ASKABLE.has(state) ? (
        <p>
          <button type="button" disabled={busy} onClick={() => void ask()}>
            {busy ? 'Asking the payer…' : 'Ask the payer (276)'}
          </button>
        </p>
      ) : null}
      <Alert kind={note?.kind ?? 'ok'}>{note?.text}</Alert>
      <Alert>{history.error}</Alert>
      {items.length ? (
        <table className="grid" aria-label="Claim status history">
          <thead>
            <tr>
              <th scope="col">Asked</th>
              <th scope="col">Answered</th>
              <th scope="col">Status</th>
              <th scope="col" className="num">
                Paid
              </th>
              <th scope="col">Payer claim / 835 trace</th>
            </tr>
          </thead>
          <tbody>
            {items.map((i) => (
              <tr key={i.id}>
                <td>
                  {formatDateTime(i.sentAt)}
                  <div className="muted">
                    {i.sentBy ?? ''} · {can('edi:read') ? <Link to={`/edi-files/${i.requestFileId}`}>276</Link> : '276'}{' '}
                    trace <span className="mono">{i.traceNumber}</span>
                  </div>
                </td>
                <td>
                  {i.answeredAt ? formatDateTime(i.answeredAt) : i.status === 'failed' ? 'not sent' : 'awaiting'}
                  {i.responseFileId && can('edi:read') ? (
                    <div>
                      <Link to={`/edi-files/${i.responseFileId}`}>277</Link>
                    </div>
                  ) : null}
                </td>
                <td>
                  {i.status === 'failed' ? i.problem : (i.words ?? '—')}
                  {i.advice ? <div className="muted">{i.advice}</div> : null}
                </td>
                <td className="num">{i.paidCents === null ? '—' : formatCents(i.paidCents)}</td>
                <td className="mono">
                  {i.payerClaimNumber ?? '—'}
                  {i.remittanceTrace ? ` / ${i.remittanceTrace}` : ''}
                  {i.remittanceDate ? <div className="muted">{i.remittanceDate}</div> : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <p className="muted">Never asked.</p>
      )}
    </div>
  );
}
