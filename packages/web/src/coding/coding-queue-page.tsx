/** The coder's queue: encounters to code first, then coded ones not yet billed; arrow keys and Enter open one. */
import { useRef, type KeyboardEvent } from 'react';
import { api } from '../api/client.ts';
import type { EncounterList } from '@medbill/api';
import type { EncounterRow, EncounterStatus } from '../api/claim-types.ts';
import { Alert } from '../components/field.tsx';
import { useApi } from '../components/use-api.ts';
import { Link, navigate } from '../router.tsx';

const LIMIT = 100;

export function CodingQueuePage() {
  const toCode = useApi(() => api.get<EncounterList>('/api/encounters', { status: 'to_code', limit: LIMIT }), []);
  const coded = useApi(() => api.get<EncounterList>('/api/encounters', { status: 'coded', limit: LIMIT }), []);
  return (
    <section>
      <div className="page-head">
        <h1>Coding</h1>
        <span className="muted">Encounters waiting for codes come first. ↑/↓ move, Enter opens.</span>
      </div>
      <Alert>{toCode.error ?? coded.error}</Alert>
      <QueueTable title="To code" status="to_code" rows={toCode.data?.items} />
      <QueueTable title="Coded, not yet billed" status="coded" rows={coded.data?.items} />
    </section>
  );
}

function QueueTable({
  title,
  status,
  rows,
}: {
  title: string;
  status: EncounterStatus;
  rows: EncounterRow[] | undefined;
}) {
  const refs = useRef<Array<HTMLTableRowElement | null>>([]);
  const onKey = (e: KeyboardEvent<HTMLTableRowElement>, i: number, r: EncounterRow) => {
    if (e.key === 'ArrowDown') {
      e.preventDefault();
      refs.current[Math.min(i + 1, (rows?.length ?? 1) - 1)]?.focus();
    } else if (e.key === 'ArrowUp') {
      e.preventDefault();
      refs.current[Math.max(i - 1, 0)]?.focus();
    } else if (e.key === 'Enter') {
      e.preventDefault();
      navigate(`/encounters/${r.id}`);
    }
  };
  return (
    <div className="panel">
      <h2>
        {title} <span className="count">{rows ? rows.length : ''}</span>
      </h2>
      {!rows ? (
        <p className="muted">Loading…</p>
      ) : rows.length === 0 ? (
        <p className="muted">{status === 'to_code' ? 'Nothing to code. Well done.' : 'None.'}</p>
      ) : (
        <table className="grid clickable" aria-label={title}>
          <thead>
            <tr>
              <th scope="col">Date of service</th>
              <th scope="col">Patient</th>
              <th scope="col">Account</th>
              <th scope="col">Place of service</th>
              <th scope="col">Kind</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r, i) => (
              <tr
                key={r.id}
                tabIndex={0}
                ref={(el) => {
                  refs.current[i] = el;
                }}
                onKeyDown={(e) => onKey(e, i, r)}
                onClick={() => navigate(`/encounters/${r.id}`)}
              >
                <td className="mono">{r.serviceDateFrom}</td>
                <td>
                  <Link to={`/encounters/${r.id}`} tabIndex={-1}>
                    {r.lastName}, {r.firstName}
                  </Link>
                </td>
                <td className="mono">{r.accountNumber}</td>
                <td className="mono">{r.placeOfService}</td>
                <td>{r.kind}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
