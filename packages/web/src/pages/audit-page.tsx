/** Admin: the audit log with filters, sortable columns, paging, CSV export and chain verification. */
import { useState, type FormEvent } from 'react';
import type { AuditPage as AuditLogPage } from '@medbill/api';
import { api, describeError, queryString, type Query } from '../api/client.ts';
import type { VerifyResult } from '../api/types.ts';
import { Alert, Field } from '../components/field.tsx';
import { formatDateTime } from '../components/format.ts';
import { Pager } from '../components/pager.tsx';
import { useApi } from '../components/use-api.ts';

const ACTIONS = [
  'create',
  'read',
  'update',
  'delete',
  'query',
  'print',
  'export',
  'login',
  'login_failed',
  'logout',
  'access_denied',
  'privilege_change',
  'verify',
];
const RESOURCES = [
  'patient',
  'coverage',
  'guarantor',
  'practice',
  'provider',
  'payer',
  'user',
  'session',
  'route',
  'audit_log',
  'demo_data',
];
const opts = (xs: string[]) => xs.map((x) => ({ value: x, label: x }));
const OUTCOMES = opts(['success', 'failure', 'denied']);

type SortKey =
  | 'seq'
  | 'occurred_at'
  | 'username'
  | 'action'
  | 'resource_type'
  | 'resource_id'
  | 'patient_id'
  | 'source_ip'
  | 'outcome';
const COLUMNS: Array<{ key: SortKey; label: string }> = [
  { key: 'seq', label: 'Seq' },
  { key: 'occurred_at', label: 'When' },
  { key: 'username', label: 'User' },
  { key: 'action', label: 'Action' },
  { key: 'resource_type', label: 'Resource' },
  { key: 'resource_id', label: 'Resource ID' },
  { key: 'patient_id', label: 'Patient ID' },
  { key: 'source_ip', label: 'Source' },
  { key: 'outcome', label: 'Outcome' },
];

interface Filters {
  from: string;
  to: string;
  username: string;
  action: string;
  resourceType: string;
  patientId: string;
  outcome: string;
}
const EMPTY: Filters = { from: '', to: '', username: '', action: '', resourceType: '', patientId: '', outcome: '' };
const LIMIT = 100;

export function AuditPage() {
  const [draft, setDraft] = useState<Filters>(EMPTY);
  const [filters, setFilters] = useState<Filters>(EMPTY);
  const [sort, setSort] = useState<{ key: SortKey; order: 'asc' | 'desc' }>({ key: 'seq', order: 'desc' });
  const [offset, setOffset] = useState(0);
  const [open, setOpen] = useState<ReadonlySet<number>>(new Set());
  const toggle = (seq: number) =>
    setOpen((s) => {
      const n = new Set(s);
      if (n.has(seq)) n.delete(seq);
      else n.add(seq);
      return n;
    });
  const [verify, setVerify] = useState<{ busy: boolean; result?: VerifyResult; error?: string }>({ busy: false });
  const query: Query = { ...filters, sort: sort.key, order: sort.order };
  const log = useApi(
    () => api.get<AuditLogPage>('/api/audit', { ...query, limit: LIMIT, offset }),
    [JSON.stringify(query), offset],
  );

  const set = (k: keyof Filters) => (v: string) => setDraft((d) => ({ ...d, [k]: v }));
  const apply = (e: FormEvent) => {
    e.preventDefault();
    setOffset(0);
    setFilters(draft);
  };
  const clear = () => {
    setDraft(EMPTY);
    setFilters(EMPTY);
    setOffset(0);
  };
  const sortBy = (key: SortKey) => {
    setOffset(0);
    setSort((s) => ({ key, order: s.key === key && s.order === 'desc' ? 'asc' : 'desc' }));
  };
  const runVerify = async () => {
    setVerify({ busy: true });
    try {
      setVerify({ busy: false, result: await api.post<VerifyResult>('/api/audit/verify', {}) });
      log.reload();
    } catch (e) {
      setVerify({ busy: false, error: describeError(e) });
    }
  };

  return (
    <section>
      <div className="page-head">
        <h1>Audit log</h1>
        <a className="button" href={`/api/audit/export${queryString(query)}`} download="audit-log.csv">
          Export CSV
        </a>
        <button type="button" onClick={() => void runVerify()} disabled={verify.busy}>
          {verify.busy ? 'Verifying…' : 'Verify chain'}
        </button>
      </div>
      <Alert>{verify.error}</Alert>
      {verify.result ? (
        <div
          className={`alert ${verify.result.ok ? 'alert-ok' : 'alert-error'}`}
          role="status"
          data-testid="verify-result"
        >
          {verify.result.ok
            ? `Chain verified: ${verify.result.entries} entries, no problems.`
            : `Chain broken: ${verify.result.problems.length} problem(s) in ${verify.result.entries} entries.`}
          {verify.result.problems.length ? (
            <ul>
              {verify.result.problems.slice(0, 20).map((p, i) => (
                <li key={i}>
                  #{p.seq} {p.kind}: {p.message}
                </li>
              ))}
            </ul>
          ) : null}
        </div>
      ) : null}
      <form className="filters" onSubmit={apply} aria-label="Audit filters">
        <Field label="From" kind="date" value={draft.from} onChange={set('from')} size="s" />
        <Field label="To" kind="date" value={draft.to} onChange={set('to')} size="s" />
        <Field label="User" value={draft.username} onChange={set('username')} size="s" />
        <Field
          label="Action"
          kind="select"
          options={opts(ACTIONS)}
          value={draft.action}
          onChange={set('action')}
          size="s"
        />
        <Field
          label="Resource type"
          value={draft.resourceType}
          onChange={set('resourceType')}
          size="s"
          inputProps={{ list: 'audit-resource-types' }}
        />
        <datalist id="audit-resource-types">
          {RESOURCES.map((r) => (
            <option key={r} value={r} />
          ))}
        </datalist>
        <Field label="Patient ID" kind="number" value={draft.patientId} onChange={set('patientId')} size="s" />
        <Field
          label="Outcome"
          kind="select"
          options={OUTCOMES}
          value={draft.outcome}
          onChange={set('outcome')}
          size="s"
        />
        <div className="buttons">
          <button type="submit" className="primary">
            Apply filters
          </button>
          <button type="button" onClick={clear}>
            Clear
          </button>
        </div>
      </form>
      <Alert>{log.error}</Alert>
      {log.data ? (
        <>
          <table className="grid audit" aria-label="Audit events">
            <thead>
              <tr>
                {COLUMNS.map((c) => (
                  <th
                    key={c.key}
                    scope="col"
                    aria-sort={sort.key === c.key ? (sort.order === 'asc' ? 'ascending' : 'descending') : 'none'}
                  >
                    <button type="button" className="sort" onClick={() => sortBy(c.key)}>
                      <span className="sr-only">Sort by </span>
                      {c.label}
                      <span aria-hidden="true">{sort.key === c.key ? (sort.order === 'asc' ? ' ▲' : ' ▼') : ''}</span>
                    </button>
                  </th>
                ))}
                <th scope="col">Details</th>
              </tr>
            </thead>
            <tbody>
              {log.data.items.map((e) => {
                const details =
                  e.details && typeof e.details === 'object' && Object.keys(e.details).length
                    ? JSON.stringify(e.details)
                    : '';
                return (
                  <tr key={e.seq} className={e.outcome !== 'success' ? 'warn' : undefined}>
                    <td className="num">{e.seq}</td>
                    <td className="mono">{formatDateTime(e.occurred_at)}</td>
                    <td>{e.username ?? ''}</td>
                    <td>{e.action}</td>
                    <td>{e.resource_type}</td>
                    <td className="mono">{e.resource_id ?? ''}</td>
                    <td className="mono">{e.patient_id ?? ''}</td>
                    <td className="mono">{e.source_ip ?? ''}</td>
                    <td>{e.outcome}</td>
                    <td className={open.has(e.seq) ? 'details open' : 'details'}>
                      {details ? (
                        <button
                          type="button"
                          className="link"
                          aria-expanded={open.has(e.seq)}
                          onClick={() => toggle(e.seq)}
                          title={open.has(e.seq) ? 'Collapse' : 'Show all'}
                        >
                          {details}
                        </button>
                      ) : null}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
          <Pager total={log.data.total} limit={LIMIT} offset={offset} onChange={setOffset} />
        </>
      ) : null}
    </section>
  );
}
