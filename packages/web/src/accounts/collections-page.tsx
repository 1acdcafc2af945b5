/**
 * Collections: accounts past the rules (age, statements sent, no payment or plan) with how often and when the
 * patient was last contacted; the final notice before placement; placing ready accounts with an agency (its
 * CSV comes back to send); accounts with an agency, recalled with a reason; the agency's report imported.
 */
import type {
  AccountWorklist,
  AgencyReportImported,
  CollectionAgency,
  CollectionAgencyList,
  CollectionsWorklist,
  CollectionsWorklistRow,
  PlacementMade,
} from '@medbill/api';
import { useState } from 'react';
import { api, ApiError, describeError } from '../api/client.ts';
import { useAuth } from '../auth/auth-context.tsx';
import { formatCents } from '../components/billing-format.ts';
import { Alert, Field } from '../components/field.tsx';
import { formatDateTime } from '../components/format.ts';
import { useApi } from '../components/use-api.ts';
import { Link } from '../router.tsx';

type Note = { kind: 'ok' | 'error'; text: string } | null;

export function CollectionsPage() {
  const { can } = useAuth();
  const write = can('account:write');
  const worklist = useApi(() => api.get<CollectionsWorklist>('/api/collections/worklist'), []);
  const agencies = useApi(() => api.get<CollectionAgencyList>('/api/collection-agencies'), []);
  const placed = useApi(() => api.get<AccountWorklist>('/api/accounts/worklist?view=placed&limit=200'), []);
  const [note, setNote] = useState<Note>(null);
  const reloadAll = () => {
    worklist.reload();
    agencies.reload();
    placed.reload();
  };
  const act = async (work: () => Promise<string>) => {
    try {
      setNote({ kind: 'ok', text: await work() });
    } catch (err) {
      setNote({ kind: 'error', text: describeError(err) });
    }
    reloadAll();
  };
  return (
    <section>
      <div className="page-head">
        <h1>Collections</h1>
        <Link to="/accounts">Accounts</Link>
      </div>
      {note ? <Alert kind={note.kind}>{note.text}</Alert> : null}
      <Alert>{worklist.error ?? agencies.error ?? placed.error}</Alert>
      <h2>Past the collection rules</h2>
      <ReadyTable rows={worklist.data?.items ?? null} write={write} agencies={agencies.data?.items ?? []} act={act} />
      <h2>With an agency</h2>
      <PlacedTable rows={placed.data?.items ?? null} write={write} act={act} />
      {write ? <AgencyReport agencies={agencies.data?.items ?? []} act={act} /> : null}
      <Agencies agencies={agencies.data?.items ?? []} canAdd={can('account:approve')} act={act} />
    </section>
  );
}

function ReadyTable({
  rows,
  write,
  agencies,
  act,
}: {
  rows: CollectionsWorklistRow[] | null;
  write: boolean;
  agencies: CollectionAgencyList['items'];
  act: (w: () => Promise<string>) => Promise<void>;
}) {
  const [chosen, setChosen] = useState<Set<number>>(new Set());
  const [agencyId, setAgencyId] = useState('');
  if (!rows) return <p className="muted">Loading…</p>;
  if (!rows.length) return <p className="muted">No account is past the collection rules.</p>;
  const place = () =>
    act(async () => {
      const r = await api.post<PlacementMade>('/api/collection-placements', {
        agencyId: Number(agencyId),
        patientIds: [...chosen],
      });
      const url = URL.createObjectURL(new Blob([r.csv], { type: 'text/csv' }));
      const a = document.createElement('a');
      a.href = url;
      a.download = `placement-${r.placementIds.join('-')}.csv`;
      a.click();
      setTimeout(() => URL.revokeObjectURL(url), 1000);
      setChosen(new Set());
      return `Placed ${r.placementIds.length} account(s); the agency's file is downloading.`;
    });
  return (
    <>
      <table className="grid" aria-label="Collections worklist">
        <thead>
          <tr>
            {write ? <th scope="col">Place</th> : null}
            <th scope="col">Account</th>
            <th scope="col">Balance</th>
            <th scope="col">Age (days)</th>
            <th scope="col">Statements</th>
            <th scope="col">Last payment</th>
            <th scope="col">Contacts</th>
            <th scope="col">Final notice</th>
            <th scope="col">Why</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => {
            const patientId = r.patientIds[0]!;
            return (
              <tr key={r.accountId}>
                {write ? (
                  <td>
                    <input
                      type="checkbox"
                      aria-label={`Place ${r.name}`}
                      disabled={!r.ready}
                      checked={chosen.has(patientId)}
                      onChange={(e) => {
                        const next = new Set(chosen);
                        if (e.target.checked) next.add(patientId);
                        else next.delete(patientId);
                        setChosen(next);
                      }}
                    />
                  </td>
                ) : null}
                <td>
                  <Link to={`/patients/${patientId}`}>{r.name}</Link>
                </td>
                <td>{formatCents(r.balanceCents)}</td>
                <td>{r.oldestDays}</td>
                <td>
                  {r.statementsSent}
                  {r.lastStatementDate ? <span className="muted"> · last {r.lastStatementDate}</span> : null}
                </td>
                <td>{r.lastPaymentDate ?? '—'}</td>
                <td>
                  {r.contacts}
                  {r.lastContactAt ? <span className="muted"> · last {formatDateTime(r.lastContactAt)}</span> : null}
                </td>
                <td>
                  {r.finalNoticeDate ??
                    (write ? (
                      <button
                        type="button"
                        onClick={() =>
                          void act(async () => {
                            await api.post(`/api/patients/${patientId}/final-notice`, {});
                            return `Final notice sent to ${r.name}.`;
                          })
                        }
                      >
                        Send final notice
                      </button>
                    ) : (
                      '—'
                    ))}
                </td>
                <td>{r.why}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {write ? (
        <div className="inline-form" role="group" aria-label="Place with an agency">
          <Field
            label="Agency"
            kind="select"
            value={agencyId}
            onChange={setAgencyId}
            options={[
              { value: '', label: 'Choose…' },
              ...agencies.map((a) => ({ value: String(a.id), label: a.name })),
            ]}
            size="m"
          />
          <button type="button" className="primary" disabled={!agencyId || !chosen.size} onClick={() => void place()}>
            Place {chosen.size || ''} with the agency
          </button>
        </div>
      ) : null}
    </>
  );
}

function PlacedTable({
  rows,
  write,
  act,
}: {
  rows: AccountWorklist['items'] | null;
  write: boolean;
  act: (w: () => Promise<string>) => Promise<void>;
}) {
  if (!rows) return <p className="muted">Loading…</p>;
  if (!rows.length) return <p className="muted">No account is with an agency.</p>;
  return (
    <table className="grid" aria-label="Placed accounts">
      <thead>
        <tr>
          <th scope="col">Account</th>
          <th scope="col">Agency</th>
          <th scope="col">Balance</th>
          <th scope="col">Last payment</th>
          {write ? <th scope="col">Recall</th> : null}
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.accountId}>
            <td>
              <Link to={`/patients/${r.patientId}`}>{r.name}</Link>
            </td>
            <td>
              {r.agency?.name} since {r.agency?.placedDate}
            </td>
            <td>{formatCents(r.balanceCents)}</td>
            <td>{r.lastPaymentDate ?? '—'}</td>
            {write ? (
              <td>
                <button
                  type="button"
                  onClick={() => {
                    const reason = window.prompt(`Why recall ${r.name} from ${r.agency?.name}?`);
                    if (!reason?.trim()) return;
                    void act(async () => {
                      await api.post(`/api/collection-placements/${r.agency!.placementId}/recall`, { reason });
                      return `${r.name} recalled from ${r.agency?.name}.`;
                    });
                  }}
                >
                  Recall
                </button>
              </td>
            ) : null}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function AgencyReport({
  agencies,
  act,
}: {
  agencies: CollectionAgencyList['items'];
  act: (w: () => Promise<string>) => Promise<void>;
}) {
  const [agencyId, setAgencyId] = useState('');
  const [file, setFile] = useState<File | null>(null);
  const upload = () =>
    act(async () => {
      const r = await api.post<AgencyReportImported>(`/api/collection-agencies/${agencyId}/reports`, {
        fileName: file!.name,
        csv: await file!.text(),
      });
      if (r.duplicate) return `${file!.name} was imported before: nothing posted again.`;
      return `Posted ${r.posted} agency payment(s), ${r.statuses} status line(s)${r.problems.length ? `; problems: ${r.problems.join('; ')}` : ''}.`;
    });
  return (
    <form
      aria-label="Import an agency report"
      onSubmit={(e) => {
        e.preventDefault();
        void upload();
      }}
    >
      <h2>Agency report</h2>
      <Field
        label="Agency"
        kind="select"
        value={agencyId}
        onChange={setAgencyId}
        options={[{ value: '', label: 'Choose…' }, ...agencies.map((a) => ({ value: String(a.id), label: a.name }))]}
        size="m"
      />
      <label>
        Report (CSV) <input type="file" accept=".csv,text/csv" onChange={(e) => setFile(e.target.files?.[0] ?? null)} />
      </label>
      <button type="submit" disabled={!agencyId || !file}>
        Import and post
      </button>
    </form>
  );
}

/** The agencies the office works with; an admin adds one (name, the code on its files, its fee). */
function Agencies({
  agencies,
  canAdd,
  act,
}: {
  agencies: CollectionAgencyList['items'];
  canAdd: boolean;
  act: (w: () => Promise<string>) => Promise<void>;
}) {
  const [name, setName] = useState('');
  const [code, setCode] = useState('');
  const [feePercent, setFeePercent] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const fee = Number(feePercent);
  const add = () =>
    act(async () => {
      setErrors({});
      let made: CollectionAgency;
      try {
        made = await api.post<CollectionAgency>('/api/collection-agencies', {
          name,
          code,
          feeBasisPoints: Math.round(fee * 100),
        });
      } catch (e) {
        // the sentence above the table (a code already taken names its agency), each field's problem beside it
        if (!(e instanceof ApiError) || !e.issues.length) throw e;
        setErrors(Object.fromEntries(e.issues.map((i) => [i.location.field, i.message])));
        throw new Error(e.message);
      }
      setName('');
      setCode('');
      setFeePercent('');
      return `Added ${made.name} (${made.code}), fee ${(made.feeBasisPoints / 100).toFixed(2)}%.`;
    });
  return (
    <>
      <h2>Agencies</h2>
      <table aria-label="Agencies">
        <thead>
          <tr>
            <th>Agency</th>
            <th>Code</th>
            <th>Fee</th>
            <th>Accounts placed</th>
            <th>Balance placed</th>
          </tr>
        </thead>
        <tbody>
          {agencies.map((a) => (
            <tr key={a.id}>
              <td>{a.name}</td>
              <td>{a.code}</td>
              <td>{(a.feeBasisPoints / 100).toFixed(2)}%</td>
              <td>{a.placedAccounts}</td>
              <td>{formatCents(a.placedCents)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {canAdd ? (
        <form
          aria-label="Add an agency"
          onSubmit={(e) => {
            e.preventDefault();
            void add();
          }}
        >
          <Field label="Agency name" value={name} onChange={setName} error={errors.name} size="m" />
          <Field label="Code on its files" value={code} onChange={setCode} error={errors.code} size="s" />
          <Field
            label="Fee (% of what it collects)"
            value={feePercent}
            onChange={setFeePercent}
            error={errors.feeBasisPoints}
            size="s"
          />
          <button type="submit" disabled={!name.trim() || !code.trim() || feePercent === '' || !Number.isFinite(fee)}>
            Add agency
          </button>
        </form>
      ) : null}
    </>
  );
}
