/** The denial worklist: open denials and underpayments by priority, amounts by root cause, and one to work. */
import type { DenialList } from '@medbill/api';
import { useState } from 'react';
import { api } from '../api/client.ts';
import { useAuth } from '../auth/auth-context.tsx';
import { formatCents } from '../components/billing-format.ts';
import { Alert } from '../components/field.tsx';
import { useApi } from '../components/use-api.ts';
import { Link, navigate, useLocation } from '../router.tsx';
import { DenialPanel } from './denial-panel.tsx';

const STATUS_CHOICES: Array<[string, string]> = [
  ['open,appealed', 'to work (open, appealed)'],
  ['open', 'open'],
  ['appealed', 'appealed'],
  ['corrected,voided', 'corrected or voided'],
  ['written_off,transferred,resolved,reversed', 'closed'],
];

function CauseChart({ byCause, onPick }: { byCause: DenialList['byCause']; onPick: (cause: string) => void }) {
  const max = Math.max(1, ...byCause.map((c) => c.amountCents));
  return (
    <figure className="cause-chart" aria-label="Amount by root cause">
      {byCause.map((c) => (
        <button
          type="button"
          key={c.cause}
          className="cause-bar"
          onClick={() => onPick(c.cause)}
          title={`Show ${c.label}`}
        >
          <span className="cause-label">{c.label}</span>
          <span className="cause-track">
            <span className="cause-fill" style={{ width: `${Math.max(2, (100 * c.amountCents) / max)}%` }} />
          </span>
          <span className="num">
            {formatCents(c.amountCents)} · {c.count}
          </span>
        </button>
      ))}
    </figure>
  );
}

export function DenialsPage() {
  const { can } = useAuth();
  const { search } = useLocation();
  const [status, setStatus] = useState('open,appealed');
  const [cause, setCause] = useState('');
  const selected = Number(search.get('denial')) || null;
  const list = useApi(
    () =>
      api.get<DenialList>('/api/denials', {
        status,
        ...(cause === 'underpaid' ? { kind: 'underpaid' } : { cause }),
        limit: 200,
      }),
    [status, cause],
  );
  const pick = (id: number) => navigate(`/denials?denial=${id}`);
  return (
    <section>
      <div className="page-head">
        <h1>Denials</h1>
        <Link to="/eras">ERAs</Link>
        {can('denial:work') ? <Link to="/appeal-template">Appeal letter template</Link> : null}
        <label>
          Status{' '}
          <select aria-label="Denial status" value={status} onChange={(e) => setStatus(e.target.value)}>
            {STATUS_CHOICES.map(([v, l]) => (
              <option key={v} value={v}>
                {l}
              </option>
            ))}
          </select>
        </label>
        <label>
          Cause{' '}
          <select aria-label="Root cause" value={cause} onChange={(e) => setCause(e.target.value)}>
            <option value="">all</option>
            {(list.data?.byCause ?? []).map((c) => (
              <option key={c.cause} value={c.cause}>
                {c.label}
              </option>
            ))}
            {cause && !(list.data?.byCause ?? []).some((c) => c.cause === cause) ? (
              <option value={cause}>{cause}</option>
            ) : null}
          </select>
        </label>
      </div>
      <Alert>{list.error}</Alert>
      {list.data && !cause ? <CauseChart byCause={list.data.byCause} onPick={setCause} /> : null}
      {selected ? <DenialPanel key={selected} id={selected} onChanged={list.reload} /> : null}
      {!list.data ? (
        <p className="muted">Loading…</p>
      ) : list.data.items.length === 0 ? (
        <p className="muted">No denials here.</p>
      ) : (
        <table className="grid clickable" aria-label="Denials">
          <thead>
            <tr>
              <th scope="col">Claim</th>
              <th scope="col">Patient</th>
              <th scope="col">Payer</th>
              <th scope="col">Service</th>
              <th scope="col" className="num">
                Amount
              </th>
              <th scope="col">Reason</th>
              <th scope="col">Cause</th>
              <th scope="col" className="num">
                Age
              </th>
              <th scope="col">Appeal by</th>
              <th scope="col">Status</th>
              <th scope="col">Assigned</th>
            </tr>
          </thead>
          <tbody>
            {list.data.items.map((d) => (
              <tr
                key={d.id}
                className={d.id === selected ? 'selected' : undefined}
                onClick={(e) => (e.target as HTMLElement).closest('a') || pick(d.id)}
                data-testid={`denial-${d.claimNumber}`}
              >
                <td>
                  <Link to={`/claims/${d.claimId}`}>{d.claimNumber}</Link>
                </td>
                <td>{d.patientName}</td>
                <td>{d.payerName}</td>
                <td>
                  {d.procedure ?? 'whole claim'} <span className="muted">{d.serviceDate ?? ''}</span>
                </td>
                <td className="num">{formatCents(d.amountCents)}</td>
                <td>
                  {d.group ? `${d.group}-${d.reason} ` : ''}
                  {d.reasonText}
                  {d.remarks.map((m) => (
                    <div key={m.code} className="muted">
                      {m.code} {m.text}
                    </div>
                  ))}
                </td>
                <td>{d.causeLabel}</td>
                <td className="num">{d.ageDays} d</td>
                <td>
                  {d.appealDeadline ?? '—'}
                  {d.daysLeft !== null ? <span className="muted"> ({d.daysLeft} d)</span> : null}
                </td>
                <td>{d.status.replace('_', ' ')}</td>
                <td>{d.assignedTo ?? '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
