/** The claims analyst's ERAs: upload an 835, the list (posted, held, dismissed) and each ERA's posting view. */
import type { PostRemittanceResultBody, RemittanceDetail, RemittanceList } from '@medbill/api';
import { useState } from 'react';
import { api, describeError } from '../api/client.ts';
import { useAuth } from '../auth/auth-context.tsx';
import { formatCents } from '../components/billing-format.ts';
import { Alert } from '../components/field.tsx';
import { formatDateTime } from '../components/format.ts';
import { useApi } from '../components/use-api.ts';
import { Link, navigate } from '../router.tsx';
import { PostingClaim } from './posting-claim.tsx';

type Note = { kind: 'ok' | 'error'; text: string } | null;

function UploadEra({ onPosted }: { onPosted: () => void }) {
  const [file, setFile] = useState<File | null>(null);
  const [busy, setBusy] = useState(false);
  const [note, setNote] = useState<Note>(null);
  const post = async () => {
    if (!file) return;
    setBusy(true);
    setNote(null);
    try {
      const r = await api.post<PostRemittanceResultBody>('/api/remittances', {
        fileName: file.name,
        text: await file.text(),
      });
      const reasons = r.holdReasons.map((h) => ` ${h.message}${h.equation ? `: ${h.equation}` : ''}`).join(';');
      setNote({ kind: r.status === 'posted' ? 'ok' : 'error', text: `${r.message}${reasons ? ` —${reasons}` : ''}` });
      onPosted();
    } catch (e) {
      setNote({ kind: 'error', text: describeError(e) });
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="panel">
      <label>
        835 file <input type="file" aria-label="835 file" onChange={(e) => setFile(e.target.files?.[0] ?? null)} />
      </label>{' '}
      <button type="button" className="primary" disabled={!file || busy} onClick={() => void post()}>
        {busy ? 'Posting…' : 'Post ERA'}
      </button>
      <Alert kind={note?.kind ?? 'ok'}>{note?.text}</Alert>
    </div>
  );
}

export function ErasPage() {
  const { can } = useAuth();
  const [status, setStatus] = useState('');
  const list = useApi(() => api.get<RemittanceList>('/api/remittances', { status, limit: 200 }), [status]);
  return (
    <section>
      <div className="page-head">
        <h1>ERAs</h1>
        <Link to="/denials">Denials</Link>
        <label>
          Status{' '}
          <select value={status} onChange={(e) => setStatus(e.target.value)} aria-label="ERA status">
            <option value="">all</option>
            <option value="posted">posted</option>
            <option value="held">held for review</option>
            <option value="dismissed">dismissed</option>
          </select>
        </label>
      </div>
      {can('remittance:post') ? <UploadEra onPosted={list.reload} /> : null}
      <Alert>{list.error}</Alert>
      {!list.data ? (
        <p className="muted">Loading…</p>
      ) : list.data.items.length === 0 ? (
        <p className="muted">No ERAs yet: they arrive with the clearinghouse poll, or upload an 835 above.</p>
      ) : (
        <table className="grid clickable" aria-label="ERAs">
          <thead>
            <tr>
              <th scope="col">ERA</th>
              <th scope="col">Status</th>
              <th scope="col">Payer</th>
              <th scope="col">Check/EFT</th>
              <th scope="col" className="num">
                Amount
              </th>
              <th scope="col">Paid on</th>
              <th scope="col" className="num">
                Claims
              </th>
              <th scope="col">To work</th>
              <th scope="col">File</th>
            </tr>
          </thead>
          <tbody>
            {list.data.items.map((r) => (
              <tr key={r.id} onClick={(e) => (e.target as HTMLElement).closest('a') || navigate(`/eras/${r.id}`)}>
                <td>
                  <Link to={`/eras/${r.id}`}>#{r.id}</Link>
                </td>
                <td>
                  <span className={`tag ${r.status === 'posted' ? 'tag-ok' : 'tag-bad'}`}>{r.status}</span>
                </td>
                <td>{r.payerName}</td>
                <td>
                  {r.paymentMethod} {r.traceNumber}
                </td>
                <td className="num">{formatCents(r.paymentCents)}</td>
                <td>{r.paymentDate ?? '—'}</td>
                <td className="num">{r.claimCount}</td>
                <td>
                  {[
                    r.denied ? `${r.denied} denied` : '',
                    r.unmatched ? `${r.unmatched} unmatched` : '',
                    r.holdReasons[0]?.message ?? '',
                  ]
                    .filter(Boolean)
                    .join('; ') || '—'}
                </td>
                <td className="muted">{r.fileName}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

function ReleaseHeld({ id, onDone }: { id: number; onDone: () => void }) {
  const [reason, setReason] = useState('');
  const [note, setNote] = useState<Note>(null);
  const act = async (action: 'post' | 'dismiss') => {
    try {
      const r = await api.post<PostRemittanceResultBody>(`/api/remittances/${id}/release`, { action, reason });
      setNote({ kind: 'ok', text: r.message });
      onDone();
    } catch (e) {
      setNote({ kind: 'error', text: describeError(e) });
    }
  };
  return (
    <div className="panel">
      <label>
        Reason{' '}
        <input value={reason} onChange={(e) => setReason(e.target.value)} aria-label="Release reason" size={50} />
      </label>{' '}
      <button type="button" onClick={() => void act('post')}>
        Post with the difference
      </button>{' '}
      <button type="button" onClick={() => void act('dismiss')}>
        Dismiss
      </button>
      <Alert kind={note?.kind ?? 'ok'}>{note?.text}</Alert>
    </div>
  );
}

export function EraPage({ id }: { id: number }) {
  const { can } = useAuth();
  const era = useApi(() => api.get<RemittanceDetail>(`/api/remittances/${id}`), [id]);
  if (era.error) return <Alert>{era.error}</Alert>;
  if (!era.data) return <p className="muted">Loading…</p>;
  const r = era.data;
  return (
    <section>
      <p className="crumbs">
        <Link to="/eras">← ERAs</Link>
      </p>
      <div className="page-head">
        <h1>ERA #{r.id}</h1>
        <span className={`tag ${r.status === 'posted' ? 'tag-ok' : 'tag-bad'}`} data-testid="era-status">
          {r.status}
        </span>
        <span className="muted">
          {r.payerName} → {r.payeeName} · {r.paymentMethod} {r.traceNumber} · {formatCents(r.paymentCents)} on{' '}
          {r.paymentDate ?? '?'} · {r.fileName}
          {r.postedAt ? ` · posted ${formatDateTime(r.postedAt)} by ${r.postedBy ?? '?'}` : ''}
        </span>
      </div>
      {r.holdReasons.length ? (
        <div className="alert alert-error" role="alert">
          Held for review:
          <ul>
            {r.holdReasons.map((h) => (
              <li key={`${h.code}${h.where ?? ''}${h.message}`}>
                {h.message}
                {h.equation ? ` — ${h.equation}` : ''}
                {h.where ? ` (${h.where})` : ''}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      {r.status === 'held' && can('remittance:post') ? <ReleaseHeld id={r.id} onDone={era.reload} /> : null}
      {r.releaseReason ? <p className="muted">Released or dismissed: {r.releaseReason}</p> : null}
      {r.providerAdjustments.length ? (
        <>
          <h2>Provider-level adjustments (PLB)</h2>
          <ul>
            {r.providerAdjustments.map((p, i) => (
              <li key={`${p.reason}${p.reference}${i}`}>
                {p.reason} {p.reference ?? ''}: {formatCents(p.amountCents)}
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {r.voidsSettled.length ? (
        <>
          <h2>Voids settled</h2>
          <ul data-testid="era-voids-settled">
            {r.voidsSettled.map((v) => (
              <li key={v.voidClaimId}>
                <Link to={`/claims/${v.voidClaimId}`}>{v.voidClaimNumber}</Link> voiding{' '}
                <Link to={`/claims/${v.originalClaimId}`}>{v.originalClaimNumber}</Link> ({v.state.replace('_', ' ')}):{' '}
                {v.description}
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {r.unmatched.length ? (
        <>
          <h2>Not matched</h2>
          <ul>
            {r.unmatched.map((u) => (
              <li key={u.id}>
                {u.description}: {formatCents(u.amountCents)} ({u.status})
              </li>
            ))}
          </ul>
          <p>
            <Link to={`/unmatched?era=${r.id}`}>Match or dismiss them on the unmatched worklist</Link>
          </p>
        </>
      ) : null}
      <h2>Claims</h2>
      {r.claims.map((c) => (
        <PostingClaim key={c.clpIndex} claim={c} />
      ))}
    </section>
  );
}
