/**
 * The account rep's workspace: worklists of accounts — balances due (largest first), payment plans late or
 * broken, accounts with an agency — each with balance, age, last statement, last payment, contacts, plan and
 * agency; a row opens the patient's account.
 */
import type { AccountWorklist } from '@medbill/api';
import { useState } from 'react';
import { api, queryString } from '../api/client.ts';
import { formatCents } from '../components/billing-format.ts';
import { Alert } from '../components/field.tsx';
import { formatDateTime } from '../components/format.ts';
import { Pager } from '../components/pager.tsx';
import { useApi } from '../components/use-api.ts';
import { Link, navigate, useLocation } from '../router.tsx';

const VIEWS: Array<[AccountWorklist['view'], string]> = [
  ['balances', 'Balances due'],
  ['plans_late', 'Plans late or broken'],
  ['placed', 'With an agency'],
];
const LIMIT = 50;

export function AccountsPage() {
  const { search } = useLocation();
  const view = (VIEWS.find(([v]) => v === search.get('view'))?.[0] ?? 'balances') as AccountWorklist['view'];
  const [offset, setOffset] = useState(0);
  const list = useApi(
    () => api.get<AccountWorklist>(`/api/accounts/worklist${queryString({ view, limit: LIMIT, offset })}`),
    [view, offset],
  );
  return (
    <section>
      <div className="page-head">
        <h1>Accounts</h1>
        <Link to="/statement-runs">Statement runs</Link>
        <Link to="/collections">Collections</Link>
      </div>
      <nav aria-label="Worklists" className="tabs">
        {VIEWS.map(([v, label]) => (
          <button
            key={v}
            type="button"
            aria-pressed={v === view}
            onClick={() => {
              setOffset(0);
              navigate(`/accounts?view=${v}`);
            }}
          >
            {label}
          </button>
        ))}
      </nav>
      <Alert>{list.error}</Alert>
      {!list.data ? (
        <p className="muted">Loading…</p>
      ) : (
        <>
          <WorklistTable rows={list.data.items} />
          <Pager total={list.data.total} limit={LIMIT} offset={offset} onChange={setOffset} />
        </>
      )}
    </section>
  );
}

function WorklistTable({ rows }: { rows: AccountWorklist['items'] }) {
  if (!rows.length) return <p className="muted">No accounts on this list.</p>;
  return (
    <table className="grid clickable" aria-label="Accounts">
      <thead>
        <tr>
          <th scope="col">Account</th>
          <th scope="col">Balance</th>
          <th scope="col">Age (days)</th>
          <th scope="col">Last statement</th>
          <th scope="col">Last payment</th>
          <th scope="col">Contacts</th>
          <th scope="col">Plan</th>
          <th scope="col">Agency</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.accountId} onClick={() => navigate(`/patients/${r.patientId}`)}>
            <td>
              <Link to={`/patients/${r.patientId}`}>{r.name}</Link>{' '}
              <span className="mono muted">{r.accountNumber}</span>
            </td>
            <td>{formatCents(r.balanceCents)}</td>
            <td>{r.oldestDays}</td>
            <td>
              {r.lastStatementDate ?? '—'}
              {r.statementsSent ? <span className="muted"> ({r.statementsSent} sent)</span> : null}
            </td>
            <td>{r.lastPaymentDate ?? '—'}</td>
            <td>
              {r.contacts}
              {r.lastContactAt ? <span className="muted"> · last {formatDateTime(r.lastContactAt)}</span> : null}
            </td>
            <td>{r.plan ? `${r.plan.status}${r.plan.missed ? `, ${r.plan.missed} missed` : ''}` : '—'}</td>
            <td>{r.agency ? `${r.agency.name} since ${r.agency.placedDate}` : '—'}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
