/** A patient's coverages as a table; one row at a time opens in a form below, or a blank form adds one. */
import { useMemo, useState } from 'react';
import { api, type Page } from '../api/client.ts';
import type { Coverage, Payer } from '../api/types.ts';
import { EntityForm } from '../components/entity-form.tsx';
import { ORDER_OPTIONS, RELATIONSHIP_OPTIONS } from '../components/format.ts';
import { useApi } from '../components/use-api.ts';
import { coverageFields } from './patient-fields.ts';

interface Props {
  patientId: number;
  coverages: Coverage[];
  readOnly: boolean;
  onChanged: () => void;
}

const label = (opts: Array<{ value: string; label: string }>, v: string | number | null) => opts.find((o) => o.value === String(v))?.label ?? String(v ?? '');

export function CoveragesPanel({ patientId, coverages, readOnly, onChanged }: Props) {
  const [editing, setEditing] = useState<number | 'new' | null>(null);
  const payers = useApi(() => api.get<Page<Payer>>('/api/payers', { limit: 500 }), []);
  const fields = useMemo(
    () => coverageFields((payers.data?.items ?? []).map((p) => ({ value: String(p.id), label: `${p.name} (${p.payerCode})` }))),
    [payers.data],
  );
  const current = editing === 'new' || editing === null ? null : coverages.find((c) => c.id === editing) ?? null;

  const submit = async (body: Record<string, unknown>) => {
    if (editing === 'new') await api.post<Coverage>('/api/coverages', body);
    else await api.patch<Coverage>(`/api/coverages/${editing}`, body);
    setEditing(null);
    onChanged();
  };

  return (
    <>
      <div className="page-head">
        <h2>Coverages</h2>
        {readOnly ? null : (
          <button type="button" onClick={() => setEditing('new')} disabled={editing === 'new'}>
            Add coverage
          </button>
        )}
      </div>
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
              {readOnly ? null : <th scope="col"><span className="sr-only">Actions</span></th>}
            </tr>
          </thead>
          <tbody>
            {coverages.map((c) => (
              <tr key={c.id} className={editing === c.id ? 'selected' : undefined}>
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
                <td className="mono">{c.endDate ?? ''}</td>
                {readOnly ? null : (
                  <td>
                    <button type="button" className="small" onClick={() => setEditing(c.id)} aria-label={`Edit coverage ${c.coverageOrder} ${c.payerName ?? ''}`}>
                      Edit
                    </button>
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {editing !== null && !readOnly ? (
        <div className="subpanel">
          <EntityForm
            key={String(editing)}
            title={editing === 'new' ? 'New coverage' : 'Edit coverage'}
            fields={fields}
            record={current as unknown as Record<string, unknown> | null}
            fixed={{ patientId }}
            onSubmit={submit}
            onCancel={() => setEditing(null)}
          />
        </div>
      ) : null}
    </>
  );
}
