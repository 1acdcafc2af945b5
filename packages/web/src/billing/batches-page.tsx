/** Batches: each one's state, its 837 and acknowledgment files, and its claims. */
import { useState } from 'react';
import { api, describeError } from '../api/client.ts';
import type { BatchList, SubmitResult } from '@medbill/api';
import type { BatchDetail } from '../api/claim-types.ts';
import { useAuth } from '../auth/auth-context.tsx';
import { formatCents, STATE_LABEL } from '../components/billing-format.ts';
import { Alert } from '../components/field.tsx';
import { formatDateTime } from '../components/format.ts';
import { useApi } from '../components/use-api.ts';
import { Link, navigate } from '../router.tsx';
import { InboundQuarantine } from './inbound-quarantine.tsx';
import { explainRejection } from './rejection-text.ts';

export function BatchesPage() {
  const { can } = useAuth();
  const list = useApi(() => api.get<BatchList>('/api/batches'), []);
  const rows = list.data?.items;
  const built = (rows ?? []).filter((b) => b.state === 'built');
  const [sending, setSending] = useState<{ busy: boolean; text?: string; kind?: 'ok' | 'error' }>({ busy: false });
  const sendBuilt = async () => {
    setSending({ busy: true });
    try {
      const byHouse = new Map<number, number[]>();
      for (const b of built) byHouse.set(b.clearinghouseId, [...(byHouse.get(b.clearinghouseId) ?? []), b.id]);
      let n = 0;
      for (const [ch, batchIds] of byHouse)
        n += (await api.post<SubmitResult>(`/api/clearinghouses/${ch}/submit`, { batchIds })).sent.length;
      setSending({ busy: false, kind: 'ok', text: `Sent ${n} batch(es).` });
    } catch (e) {
      setSending({ busy: false, kind: 'error', text: describeError(e) });
    }
    list.reload();
  };
  return (
    <section>
      <div className="page-head">
        <h1>Batches</h1>
        <Link to="/billing">Billing</Link>
        <button type="button" onClick={list.reload}>
          Refresh
        </button>
        {can('claim:submit') && built.length ? (
          <button type="button" className="primary" onClick={() => void sendBuilt()} disabled={sending.busy}>
            {sending.busy ? 'Sending…' : `Send ${built.length} built batch(es)`}
          </button>
        ) : null}
      </div>
      <Alert>{list.error}</Alert>
      <Alert kind={sending.kind ?? 'ok'}>{sending.text}</Alert>
      <InboundQuarantine />
      {!rows ? (
        <p className="muted">Loading…</p>
      ) : rows.length === 0 ? (
        <p className="muted">
          No batches yet. Select ready claims on the Billing page and choose “Batch &amp; submit”.
        </p>
      ) : (
        <table className="grid clickable" aria-label="Batches">
          <thead>
            <tr>
              <th scope="col">Batch</th>
              <th scope="col">State</th>
              <th scope="col">Payer</th>
              <th scope="col">Kind</th>
              <th scope="col" className="num">
                Claims
              </th>
              <th scope="col" className="num">
                Charges
              </th>
              <th scope="col">ISA13</th>
              <th scope="col">Created</th>
              <th scope="col">Submitted</th>
              <th scope="col">Files</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((b) => (
              <tr key={b.id} onClick={(e) => (e.target as HTMLElement).closest('a') || navigate(`/batches/${b.id}`)}>
                <td>
                  <Link to={`/batches/${b.id}`}>#{b.id}</Link>
                </td>
                <td>
                  <span className={`tag batch-${b.state}`}>{b.state}</span>
                </td>
                <td>{b.payerName}</td>
                <td>{b.kind}</td>
                <td className="num">{b.claimCount}</td>
                <td className="num">{formatCents(b.totalChargeCents)}</td>
                <td className="mono">{String(b.interchangeControlNumber).padStart(9, '0')}</td>
                <td className="mono">{formatDateTime(b.createdAt)}</td>
                <td className="mono">{b.submittedAt ? formatDateTime(b.submittedAt) : ''}</td>
                <td>
                  {b.fileId && can('edi:read') ? <Link to={`/edi-files/${b.fileId}`}>837</Link> : null}
                  {b.ackFileId && can('edi:read') ? (
                    <>
                      {' · '}
                      <Link to={`/edi-files/${b.ackFileId}`}>ack</Link>
                    </>
                  ) : b.fileId ? (
                    <span className="muted"> · no ack yet</span>
                  ) : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

export function BatchPage({ id }: { id: number }) {
  const { can } = useAuth();
  const b = useApi(() => api.get<BatchDetail>(`/api/batches/${id}`), [id]);
  if (b.error) return <Alert>{b.error}</Alert>;
  if (!b.data) return <p className="muted">Loading…</p>;
  const d = b.data;
  return (
    <section>
      <p className="crumbs">
        <Link to="/batches">← Batches</Link>
      </p>
      <div className="page-head">
        <h1>Batch #{d.id}</h1>
        <span className={`tag batch-${d.state}`} data-testid="batch-state">
          {d.state}
        </span>
        <span className="muted">
          {d.kind} · ISA13 {String(d.interchangeControlNumber).padStart(9, '0')} · {d.claimCount} claim(s) ·{' '}
          {formatCents(d.totalChargeCents)}
        </span>
      </div>
      <div className="panel">
        <h2>Files</h2>
        {d.files.length === 0 ? (
          <p className="muted">No files.</p>
        ) : (
          <ul className="files">
            {d.files.map((f) => (
              <li key={f.id}>
                {can('edi:read') ? <Link to={`/edi-files/${f.id}`}>{f.fileName}</Link> : f.fileName}{' '}
                <span className="tag">{f.kind}</span>{' '}
                <span className="muted">
                  {f.direction}
                  {f.status ? ` · ${f.status}` : ''} · {formatDateTime(f.createdAt)}
                </span>
              </li>
            ))}
          </ul>
        )}
      </div>
      <div className="panel">
        <h2>Claims</h2>
        <table className="grid" aria-label="Claims in this batch">
          <thead>
            <tr>
              <th scope="col">Claim</th>
              <th scope="col">State</th>
              <th scope="col" className="num">
                Charge
              </th>
              <th scope="col">Rejection reason</th>
            </tr>
          </thead>
          <tbody>
            {d.claims.map((c) => (
              <tr key={c.id}>
                <td className="mono">
                  <Link to={`/claims/${c.id}`}>{c.claimNumber}</Link>
                </td>
                <td>{STATE_LABEL[c.state] ?? c.state}</td>
                <td className="num">{formatCents(c.totalChargeCents)}</td>
                <td className="bad" title={c.rejectionReason ?? ''}>
                  {explainRejection(c.rejectionReason).join(' ')}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
