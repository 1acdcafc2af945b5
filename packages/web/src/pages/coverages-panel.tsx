/**
 * A patient's coverages as a table; one row at a time opens in a form below, or a blank form adds one.
 * A coverage that stopped is ended on a date (it stays on file for the claims it paid); one entered by
 * mistake is deleted, which the server refuses once a claim uses it.
 */
import { useMemo, useState, type FormEvent } from 'react';
import { api, ApiError, describeError, type Page } from '../api/client.ts';
import type { Coverage, EndedCoverage, Payer } from '../api/types.ts';
import { EntityForm } from '../components/entity-form.tsx';
import { Alert, Field } from '../components/field.tsx';
import { ORDER_OPTIONS, RELATIONSHIP_OPTIONS } from '../components/format.ts';
import { useApi } from '../components/use-api.ts';
import { coverageFields } from './patient-fields.ts';

interface Props {
  patientId: number;
  coverages: Coverage[];
  readOnly: boolean;
  onChanged: () => void;
}

type Editing = { kind: 'new' } | { kind: 'edit' | 'end'; id: number } | null;

const label = (opts: Array<{ value: string; label: string }>, v: string | number | null) =>
  opts.find((o) => o.value === String(v))?.label ?? String(v ?? '');
const coverageName = (c: Coverage) => `${label(ORDER_OPTIONS, c.coverageOrder)} ${c.payerName ?? ''}`.trim();

function localToday(): string {
  const d = new Date();
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

export function CoveragesPanel({ patientId, coverages, readOnly, onChanged }: Props) {
  const [editing, setEditing] = useState<Editing>(null);
  const [confirmDelete, setConfirmDelete] = useState<number | null>(null);
  const [notice, setNotice] = useState<{ kind: 'ok' | 'info' | 'error'; text: string } | null>(null);
  const payers = useApi(() => api.get<Page<Payer>>('/api/payers', { limit: 500 }), []);
  const fields = useMemo(
    () =>
      coverageFields(
        (payers.data?.items ?? []).map((p) => ({ value: String(p.id), label: `${p.name} (${p.payerCode})` })),
      ),
    [payers.data],
  );
  const current = editing && editing.kind !== 'new' ? (coverages.find((c) => c.id === editing.id) ?? null) : null;
  const today = localToday();

  const open = (next: Editing) => {
    setNotice(null);
    setConfirmDelete(null);
    setEditing(next);
  };

  const submit = async (body: Record<string, unknown>) => {
    if (editing?.kind === 'new') await api.post<Coverage>('/api/coverages', body);
    else if (editing) await api.patch<Coverage>(`/api/coverages/${editing.id}`, body);
    setEditing(null);
    onChanged();
  };

  const remove = async (c: Coverage) => {
    setNotice(null);
    try {
      await api.del(`/api/coverages/${c.id}`);
      setConfirmDelete(null);
      if (editing && editing.kind !== 'new' && editing.id === c.id) setEditing(null);
      setNotice({ kind: 'ok', text: `Deleted the ${coverageName(c)} coverage (member ID ${c.memberId}).` });
      onChanged();
    } catch (e) {
      setConfirmDelete(null);
      setNotice({ kind: 'error', text: e instanceof ApiError && e.status === 409 ? e.message : describeError(e) });
    }
  };

  return (
    <>
      <div className="page-head">
        <h2>Coverages</h2>
        {readOnly ? null : (
          <button type="button" onClick={() => open({ kind: 'new' })} disabled={editing?.kind === 'new'}>
            Add coverage
          </button>
        )}
      </div>
      {notice ? <Alert kind={notice.kind}>{notice.text}</Alert> : null}
      {coverages.length === 0 ? (
        <p className="muted">No coverage on file (self-pay).</p>
      ) : (
        <table className="grid" aria-label="Coverages">
          <thead>
            <tr>
              <th scope="col">Order</th>
              <th scope="col">Payer</th>
              <th scope="col">Member ID</th>
              <th scope="col">Group</th>
              <th scope="col">Relationship</th>
              <th scope="col">Subscriber</th>
              <th scope="col">Effective</th>
              <th scope="col">End</th>
              {readOnly ? null : (
                <th scope="col">
                  <span className="sr-only">Actions</span>
                </th>
              )}
            </tr>
          </thead>
          <tbody>
            {coverages.map((c) => (
              <tr
                key={c.id}
                className={editing && editing.kind !== 'new' && editing.id === c.id ? 'selected' : undefined}
              >
                <td>{label(ORDER_OPTIONS, c.coverageOrder)}</td>
                <td>
                  {c.payerName} <span className="muted mono">{c.payerCode}</span>
                </td>
                <td className="mono">{c.memberId}</td>
                <td className="mono">{c.groupNumber ?? ''}</td>
                <td>{label(RELATIONSHIP_OPTIONS, c.relationshipCode)}</td>
                <td>
                  {c.subscriberLastName}, {c.subscriberFirstName}
                </td>
                <td className="mono">{c.effectiveDate}</td>
                <td className="mono">
                  {c.endDate ?? ''}
                  {c.endDate && c.endDate < today ? <span className="tag">ended</span> : null}
                </td>
                {readOnly ? null : (
                  <td className="actions">
                    {confirmDelete === c.id ? (
                      <span role="group" aria-label={`Confirm deleting coverage ${coverageName(c)}`}>
                        Delete this coverage?{' '}
                        <button type="button" className="small danger" onClick={() => void remove(c)}>
                          Yes, delete
                        </button>{' '}
                        <button type="button" className="small" onClick={() => setConfirmDelete(null)} autoFocus>
                          Keep
                        </button>
                      </span>
                    ) : (
                      <>
                        <button
                          type="button"
                          className="small"
                          onClick={() => open({ kind: 'edit', id: c.id })}
                          aria-label={`Edit coverage ${coverageName(c)}`}
                        >
                          Edit
                        </button>{' '}
                        <button
                          type="button"
                          className="small"
                          onClick={() => open({ kind: 'end', id: c.id })}
                          aria-label={`End coverage ${coverageName(c)}`}
                        >
                          End
                        </button>{' '}
                        <button
                          type="button"
                          className="small"
                          onClick={() => {
                            setNotice(null);
                            setConfirmDelete(c.id);
                          }}
                          aria-label={`Delete coverage ${coverageName(c)}`}
                          title="For a coverage entered by mistake; one that a claim used is ended instead"
                        >
                          Delete
                        </button>
                      </>
                    )}
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {editing && !readOnly && editing.kind !== 'end' ? (
        <div className="subpanel">
          <EntityForm
            key={editing.kind === 'new' ? 'new' : String(editing.id)}
            title={editing.kind === 'new' ? 'New coverage' : 'Edit coverage'}
            fields={fields}
            record={current as unknown as Record<string, unknown> | null}
            fixed={{ patientId }}
            onSubmit={submit}
            onCancel={() => setEditing(null)}
          />
        </div>
      ) : null}
      {editing?.kind === 'end' && current && !readOnly ? (
        <div className="subpanel">
          <EndCoverageForm
            key={current.id}
            coverage={current}
            onCancel={() => setEditing(null)}
            onEnded={(ended) => {
              setEditing(null);
              const late = ended.claimsAfterEnd;
              setNotice(
                late.length
                  ? {
                      kind: 'info',
                      text: `Ended the ${coverageName(current)} coverage on ${ended.endDate}. These claims are for visits after that date and will need billing elsewhere: ${late.map((c) => `${c.claimNumber} (${c.serviceDateFrom}, ${c.state})`).join(', ')}.`,
                    }
                  : { kind: 'ok', text: `Ended the ${coverageName(current)} coverage on ${ended.endDate}.` },
              );
              onChanged();
            }}
          />
        </div>
      ) : null}
    </>
  );
}

function EndCoverageForm({
  coverage,
  onCancel,
  onEnded,
}: {
  coverage: Coverage;
  onCancel: () => void;
  onEnded: (c: EndedCoverage) => void;
}) {
  const [endDate, setEndDate] = useState(coverage.endDate ?? localToday());
  const [error, setError] = useState<string | undefined>();
  const [message, setMessage] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (busy) return;
    setBusy(true);
    setMessage(null);
    try {
      onEnded(await api.post<EndedCoverage>(`/api/coverages/${coverage.id}/end`, { endDate }));
    } catch (err) {
      const issue = err instanceof ApiError ? err.issues.find((i) => i.location.field === 'endDate') : undefined;
      setError(issue?.message);
      setMessage(issue ? null : describeError(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form
      className="entity-form"
      onSubmit={submit}
      aria-label="End coverage"
      noValidate
      onKeyDown={(e) => e.key === 'Escape' && onCancel()}
    >
      <h3>End coverage {coverageName(coverage)}</h3>
      <p className="muted">
        The policy stays on file for the claims it paid; from the day after the end date, new claims go to the next
        coverage. Effective {coverage.effectiveDate}.
      </p>
      <Alert>{message}</Alert>
      <div className="fields">
        <Field
          label="End date"
          kind="date"
          name="endDate"
          required
          size="s"
          value={endDate}
          error={error}
          onChange={(v) => {
            setEndDate(v);
            setError(undefined);
          }}
        />
      </div>
      <div className="buttons">
        <button type="submit" className="primary" disabled={busy || !endDate}>
          {busy ? 'Saving…' : 'End coverage'}
        </button>
        <button type="button" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}
