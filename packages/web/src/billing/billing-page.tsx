/** The biller's workspace: claims by state with counts and a chart; select claims to scrub, batch and send. */
import { useEffect, useRef, useState } from 'react';
import { api, type Page } from '../api/client.ts';
import { CLAIM_STATES, type ClaimRow, type ClaimSummary } from '../api/claim-types.ts';
import { formatCents, STATE_LABEL } from '../components/billing-format.ts';
import { Alert } from '../components/field.tsx';
import { Pager } from '../components/pager.tsx';
import { useApi } from '../components/use-api.ts';
import { Link, navigate, useLocation } from '../router.tsx';
import { BillingActions } from './billing-actions.tsx';
import { explainRejection } from './rejection-text.ts';
import { StateChart } from './state-chart.tsx';

const LIMIT = 100;

export function BillingPage() {
  const { search } = useLocation();
  const state = search.get('state') ?? 'ready';
  const offset = Number(search.get('offset') ?? 0) || 0;
  const summary = useApi(() => api.get<ClaimSummary>('/api/claims/summary'), []);
  const claims = useApi(() => api.get<Page<ClaimRow>>('/api/claims', { state, limit: LIMIT, offset }), [state, offset]);
  const [selected, setSelected] = useState<ReadonlySet<number>>(new Set());
  const allRef = useRef<HTMLInputElement>(null);
  // biome-ignore lint/correctness/useExhaustiveDependencies: clear the selection when the page or filter changes
  useEffect(() => setSelected(new Set()), [state, offset]);

  const rows = claims.data?.items ?? [];
  const chosen = rows.filter((r) => selected.has(r.id));
  const allOn = rows.length > 0 && chosen.length === rows.length;
  useEffect(() => {
    if (allRef.current) allRef.current.indeterminate = chosen.length > 0 && !allOn;
  }, [chosen.length, allOn]);

  const toggle = (id: number) =>
    setSelected((s) => {
      const n = new Set(s);
      if (n.has(id)) n.delete(id);
      else n.add(id);
      return n;
    });
  const refresh = () => {
    summary.reload();
    claims.reload();
    setSelected(new Set());
  };

  return (
    <section>
      <div className="page-head">
        <h1>Billing</h1>
        <Link to="/batches">Batches</Link>
      </div>
      <div className="billing">
        <nav className="state-list" aria-label="Claim states">
          <ul>
            {CLAIM_STATES.map((s) => (
              <li key={s}>
                <Link
                  to={`/billing?state=${s}`}
                  aria-current={s === state ? 'page' : undefined}
                  className={`state-link state-${s}`}
                >
                  <span>{STATE_LABEL[s]}</span>
                  <span className="count" data-testid={`count-${s}`}>
                    {summary.data ? (summary.data.counts[s] ?? 0) : '…'}
                  </span>
                </Link>
              </li>
            ))}
          </ul>
          {summary.data ? <StateChart summary={summary.data} /> : null}
        </nav>
        <div className="billing-main">
          <Alert>{summary.error ?? claims.error}</Alert>
          <BillingActions state={state} selected={chosen} counts={summary.data?.counts ?? {}} onDone={refresh} />
          <h2>
            {STATE_LABEL[state] ?? state} claims <span className="count">{claims.data?.total ?? ''}</span>
          </h2>
          {claims.data && rows.length === 0 ? (
            <p className="muted">No {STATE_LABEL[state]?.toLowerCase() ?? state} claims.</p>
          ) : (
            <table
              className="grid claims"
              aria-label={`${STATE_LABEL[state] ?? state} claims`}
              aria-busy={claims.loading}
            >
              <thead>
                <tr>
                  <th scope="col" className="check">
                    <input
                      ref={allRef}
                      type="checkbox"
                      aria-label="Select all claims"
                      checked={allOn}
                      onChange={() => setSelected(allOn ? new Set() : new Set(rows.map((r) => r.id)))}
                    />
                  </th>
                  <th scope="col">Claim</th>
                  <th scope="col">Patient</th>
                  <th scope="col">Date of service</th>
                  <th scope="col">Payer</th>
                  <th scope="col" className="num">
                    Charge
                  </th>
                  <th scope="col">Edits</th>
                  <th scope="col">{state === 'rejected' ? 'Reason' : 'Batch'}</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((r) => (
                  <tr key={r.id} className={selected.has(r.id) ? 'selected' : undefined}>
                    <td className="check">
                      <input
                        type="checkbox"
                        aria-label={`Select claim ${r.claimNumber}`}
                        checked={selected.has(r.id)}
                        onChange={() => toggle(r.id)}
                      />
                    </td>
                    <td className="mono">
                      <Link to={`/claims/${r.id}`}>{r.claimNumber}</Link>
                    </td>
                    <td>
                      {r.lastName}, {r.firstName} <span className="muted mono">{r.accountNumber}</span>
                    </td>
                    <td className="mono">{r.serviceDateFrom}</td>
                    <td>{r.payerName}</td>
                    <td className="num">{formatCents(r.totalChargeCents)}</td>
                    <td>
                      {r.editCount ? (
                        <span className={r.state === 'draft' ? 'tag tag-bad' : 'tag tag-warn'}>{r.editCount}</span>
                      ) : (
                        <span className="muted">0</span>
                      )}
                    </td>
                    <td>
                      {state === 'rejected' ? (
                        <span className="bad" title={r.rejectionReason ?? ''}>
                          {explainRejection(r.rejectionReason).join(' ')}
                        </span>
                      ) : r.batchId ? (
                        <Link to={`/batches/${r.batchId}`}>#{r.batchId}</Link>
                      ) : (
                        ''
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          {claims.data && claims.data.total > LIMIT ? (
            <Pager
              total={claims.data.total}
              limit={LIMIT}
              offset={offset}
              onChange={(o) => navigate(`/billing?state=${state}&offset=${o}`)}
            />
          ) : null}
        </div>
      </div>
    </section>
  );
}
