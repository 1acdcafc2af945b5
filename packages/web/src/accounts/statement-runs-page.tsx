/**
 * Statement runs: start one as of a date, follow its progress (accounts decided, statements stored, PDFs
 * rendered) while it runs, then open its statements and the print vendor's file.
 */
import type { StatementRunDetail, StatementRunList, StatementRunView } from '@medbill/api';
import { useEffect, useState } from 'react';
import { api, describeError, queryString } from '../api/client.ts';
import { useAuth } from '../auth/auth-context.tsx';
import { formatCents } from '../components/billing-format.ts';
import { Alert, Field } from '../components/field.tsx';
import { formatDateTime } from '../components/format.ts';
import { Pager } from '../components/pager.tsx';
import { useApi } from '../components/use-api.ts';
import { Link, navigate } from '../router.tsx';

/** While a run is running, ask again every second. */
function usePollWhileRunning(running: boolean, reload: () => void) {
  useEffect(() => {
    if (!running) return;
    const timer = setInterval(reload, 1000);
    return () => clearInterval(timer);
  }, [running, reload]);
}

export function StatementRunsPage() {
  const { can } = useAuth();
  const list = useApi(() => api.get<StatementRunList>('/api/statement-runs'), []);
  const [asOf, setAsOf] = useState('');
  const [error, setError] = useState<string | null>(null);
  usePollWhileRunning(Boolean(list.data?.items.some((r) => r.status === 'running')), list.reload);
  const start = async (e: React.FormEvent) => {
    e.preventDefault();
    try {
      const run = await api.post<StatementRunView>('/api/statement-runs', asOf ? { asOf } : {});
      setError(null);
      navigate(`/statement-runs/${run.id}`);
    } catch (err) {
      setError(describeError(err));
    }
  };
  return (
    <section>
      <div className="page-head">
        <h1>Statement runs</h1>
        <Link to="/accounts">Accounts</Link>
      </div>
      {can('account:write') ? (
        <form onSubmit={(e) => void start(e)} aria-label="Start a statement run" className="inline-form">
          <Field label="Statement date" kind="date" value={asOf} onChange={setAsOf} size="s" hint="default today" />
          <button type="submit" className="primary">
            Run statements
          </button>
        </form>
      ) : null}
      <Alert>{error ?? list.error}</Alert>
      {!list.data ? (
        <p className="muted">Loading…</p>
      ) : list.data.items.length === 0 ? (
        <p className="muted">No statement runs yet.</p>
      ) : (
        <table className="grid clickable" aria-label="Statement runs">
          <thead>
            <tr>
              <th scope="col">Run</th>
              <th scope="col">As of</th>
              <th scope="col">Status</th>
              <th scope="col">Progress</th>
              <th scope="col">Statements</th>
              <th scope="col">Due</th>
              <th scope="col">Started</th>
            </tr>
          </thead>
          <tbody>
            {list.data.items.map((r) => (
              <tr key={r.id} onClick={() => navigate(`/statement-runs/${r.id}`)}>
                <td>
                  <Link to={`/statement-runs/${r.id}`}>#{r.id}</Link>
                </td>
                <td>{r.asOf}</td>
                <td>{r.status}</td>
                <td>
                  <RunProgress run={r} />
                </td>
                <td>{r.statements}</td>
                <td>{formatCents(r.totalDueCents)}</td>
                <td>
                  {formatDateTime(r.startedAt)} by {r.startedBy}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

function RunProgress({ run }: { run: StatementRunView }) {
  const total = Math.max(1, run.accountsTotal);
  return (
    <span>
      <progress max={total} value={run.accountsDone} aria-label={`Run ${run.id} accounts decided`} /> {run.accountsDone}
      /{run.accountsTotal} accounts · {run.printed}/{run.statements} printed
    </span>
  );
}

const LIMIT = 100;

export function StatementRunPage({ id }: { id: number }) {
  const [offset, setOffset] = useState(0);
  const detail = useApi(
    () => api.get<StatementRunDetail>(`/api/statement-runs/${id}${queryString({ limit: LIMIT, offset })}`),
    [id, offset],
  );
  usePollWhileRunning(detail.data?.run.status === 'running', detail.reload);
  if (detail.error) return <Alert>{detail.error}</Alert>;
  if (!detail.data) return <p className="muted">Loading…</p>;
  const { run, statements, total } = detail.data;
  return (
    <section>
      <div className="page-head">
        <h1>Statement run #{run.id}</h1>
        <Link to="/statement-runs">All runs</Link>
      </div>
      <p data-testid="run-status">
        {run.status === 'running' ? 'Running' : run.status === 'finished' ? 'Finished' : 'Failed'} — as of {run.asOf}:{' '}
        {run.statements} statements, {formatCents(run.totalDueCents)} due. <RunProgress run={run} />
      </p>
      {run.problem ? <Alert>{run.problem}</Alert> : null}
      {Object.keys(run.skipped).length ? (
        <p className="muted">
          Not sent:{' '}
          {Object.entries(run.skipped)
            .map(([why, n]) => `${n} ${why.replace(/_/g, ' ')}`)
            .join(', ')}
        </p>
      ) : null}
      {run.status === 'finished' ? (
        <p>
          <a href={`/api/statement-runs/${run.id}/print-vendor.csv`}>Print vendor file (CSV)</a>
        </p>
      ) : null}
      <table className="grid" aria-label="Statements">
        <thead>
          <tr>
            <th scope="col">Statement</th>
            <th scope="col">Account</th>
            <th scope="col">Guarantor</th>
            <th scope="col">Notice</th>
            <th scope="col">Amount due</th>
            <th scope="col">Balance</th>
            <th scope="col">Pages</th>
          </tr>
        </thead>
        <tbody>
          {statements.map((s) => (
            <tr key={s.id}>
              <td>
                <a href={`/api/statements/${s.id}/pdf`} target="_blank" rel="noopener">
                  {s.number}
                </a>
              </td>
              <td className="mono">{s.accountNumber}</td>
              <td>{s.guarantor}</td>
              <td>{s.level.replace(/_/g, ' ')}</td>
              <td>{formatCents(s.amountDueCents)}</td>
              <td>{formatCents(s.balanceCents)}</td>
              <td>{s.pages ?? '…'}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <Pager total={total} limit={LIMIT} offset={offset} onChange={setOffset} />
    </section>
  );
}
