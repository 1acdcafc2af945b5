/**
 * The follow-up worklist (missing payments): claims sent to a payer that have had no 277CA or no 835 for longer than
 * the payer's follow-up days, longest waiting first, with the payer's latest answer. A biller picks claims (or takes
 * them all) and asks the payers where they are: 276s go out, the 277 answers come back in words.
 */
import type { FollowUpItem, FollowUpList, StatusInquiry, StatusInquiryResult } from '@medbill/api';
import { useState } from 'react';
import { api, describeError } from '../api/client.ts';
import { useAuth } from '../auth/auth-context.tsx';
import { formatCents, STATE_LABEL } from '../components/billing-format.ts';
import { Alert } from '../components/field.tsx';
import { formatDateTime } from '../components/format.ts';
import { useApi } from '../components/use-api.ts';
import { Link } from '../router.tsx';
import { JobProgress, useRunningJob } from './job-progress.tsx';

/** The latest answer in a few words, or that it is still awaited. */
export function inquiryText(i: StatusInquiry | null): string {
  if (!i) return 'Never asked';
  if (i.status === 'failed') return `Not sent: ${i.problem ?? 'failed'}`;
  if (i.status === 'sent') return `Asked ${formatDateTime(i.sentAt)}; no answer yet`;
  return i.words ?? '';
}

function Row({
  item,
  picked,
  onPick,
  canAsk,
}: {
  item: FollowUpItem;
  picked: boolean;
  onPick: (on: boolean) => void;
  canAsk: boolean;
}) {
  const last = item.lastInquiry;
  return (
    <tr data-testid={`follow-up-${item.claimNumber}`}>
      {canAsk ? (
        <td>
          <input
            type="checkbox"
            checked={picked}
            onChange={(e) => onPick(e.target.checked)}
            aria-label={`Pick claim ${item.claimNumber}`}
          />
        </td>
      ) : null}
      <td>
        <Link to={`/claims/${item.claimId}`}>{item.claimNumber}</Link>
      </td>
      <td>
        {item.lastName}, {item.firstName}
      </td>
      <td>{item.payerName}</td>
      <td>{item.serviceDateFrom}</td>
      <td className="num">{formatCents(item.totalChargeCents)}</td>
      <td>{STATE_LABEL[item.state] ?? item.state}</td>
      <td className="num">
        {item.daysWaiting} <span className="muted">/ {item.followupDays}</span>
      </td>
      <td>no {item.waitingFor}</td>
      <td>
        <span data-testid={`last-status-${item.claimNumber}`}>{inquiryText(last)}</span>
        {last?.status === 'answered' && last.advice ? <div className="muted">{last.advice}</div> : null}
      </td>
    </tr>
  );
}

export function FollowUpPage() {
  const { can } = useAuth();
  const canAsk = can('claim:submit');
  const [payerId, setPayerId] = useState<number | null>(null);
  const [picked, setPicked] = useState<Set<number>>(new Set());
  const [busy, setBusy] = useState(false);
  const [note, setNote] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);
  const list = useApi(
    () => api.get<FollowUpList>('/api/claims/follow-up', { limit: 200, ...(payerId ? { payerId } : {}) }),
    [payerId],
  );
  const job = useRunningJob(busy, 'status_inquiry');
  const items = list.data?.items ?? [];
  const payers = [...new Map(items.map((i) => [i.payerId, i.payerName])).entries()];

  const ask = async (claimIds?: number[]) => {
    setBusy(true);
    setNote(null);
    try {
      const r = await api.post<StatusInquiryResult>('/api/claims/status-inquiries', {
        ...(claimIds ? { claimIds } : {}),
        waitSeconds: 10,
      });
      const answered = r.inquiries.filter((i) => i.status === 'answered').length;
      const waiting = r.inquiries.filter((i) => i.status === 'sent').length;
      const failed = r.inquiries.filter((i) => i.status === 'failed').length;
      const parts = [
        `${r.inquiries.length} status inquir${r.inquiries.length === 1 ? 'y' : 'ies'} sent`,
        answered ? `${answered} answered` : '',
        waiting ? `${waiting} awaiting the payer (read at the next check for responses)` : '',
        failed ? `${failed} could not be sent` : '',
        r.skipped.length
          ? `${r.skipped.length} not asked: ${r.skipped.map((s) => `${s.claimNumber} (${s.reason})`).join('; ')}`
          : '',
      ].filter(Boolean);
      setNote({ kind: failed ? 'error' : 'ok', text: `${parts.join(', ')}.` });
      setPicked(new Set());
      list.reload();
    } catch (e) {
      setNote({ kind: 'error', text: describeError(e) });
    } finally {
      setBusy(false);
    }
  };

  return (
    <section>
      <div className="page-head">
        <h1>Follow-up</h1>
        <span className="muted">Claims with no 277CA or 835 after their payer’s follow-up days</span>
        <label>
          Payer{' '}
          <select
            aria-label="Follow-up payer"
            value={payerId ?? ''}
            onChange={(e) => setPayerId(e.target.value ? Number(e.target.value) : null)}
          >
            <option value="">all payers</option>
            {payers.map(([id, name]) => (
              <option key={id} value={id}>
                {name}
              </option>
            ))}
          </select>
        </label>
        {list.data ? (
          <span className="muted" data-testid="follow-up-total">
            {list.data.total} claim{list.data.total === 1 ? '' : 's'} as of {list.data.asOf}
          </span>
        ) : null}
      </div>
      {canAsk && items.length ? (
        <div className="actions">
          <button type="button" disabled={busy || picked.size === 0} onClick={() => void ask([...picked])}>
            Send status inquiries for {picked.size} picked
          </button>{' '}
          <button
            type="button"
            disabled={busy}
            onClick={() => void ask(payerId ? items.map((i) => i.claimId) : undefined)}
          >
            Send status inquiries for all {payerId ? 'listed' : 'on the worklist'}
          </button>
        </div>
      ) : null}
      {busy ? (
        job ? (
          <JobProgress job={job} />
        ) : (
          <p className="muted" role="status">
            Sending status inquiries…
          </p>
        )
      ) : null}
      <Alert kind={note?.kind ?? 'ok'}>{note?.text}</Alert>
      <Alert>{list.error}</Alert>
      {!list.data ? (
        <p className="muted">Loading…</p>
      ) : items.length === 0 ? (
        <p className="muted">No claim is waiting on a payer past its follow-up days.</p>
      ) : (
        <table className="grid" aria-label="Follow-up worklist">
          <thead>
            <tr>
              {canAsk ? (
                <th scope="col">
                  <input
                    type="checkbox"
                    aria-label="Pick every claim"
                    checked={picked.size === items.length}
                    onChange={(e) => setPicked(e.target.checked ? new Set(items.map((i) => i.claimId)) : new Set())}
                  />
                </th>
              ) : null}
              <th scope="col">Claim</th>
              <th scope="col">Patient</th>
              <th scope="col">Payer</th>
              <th scope="col">Date of service</th>
              <th scope="col" className="num">
                Billed
              </th>
              <th scope="col">State</th>
              <th scope="col" className="num">
                Days waiting / payer’s days
              </th>
              <th scope="col">Missing</th>
              <th scope="col">Last status</th>
            </tr>
          </thead>
          <tbody>
            {items.map((i) => (
              <Row
                key={i.claimId}
                item={i}
                canAsk={canAsk}
                picked={picked.has(i.claimId)}
                onPick={(on) =>
                  setPicked((prev) => {
                    const next = new Set(prev);
                    if (on) next.add(i.claimId);
                    else next.delete(i.claimId);
                    return next;
                  })
                }
              />
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
