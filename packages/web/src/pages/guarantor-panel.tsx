/** The patient's guarantor (who gets the statement): shown, editable on request, or added. */
import { useState } from 'react';
import { api } from '../api/client.ts';
import type { Guarantor } from '../api/types.ts';
import { EntityForm, type FieldDef } from '../components/entity-form.tsx';
import { formatPhone, formatZip } from '../components/format.ts';

const GUARANTOR_FIELDS: FieldDef[] = [
  { name: 'lastName', label: 'Guarantor last name', required: true },
  { name: 'firstName', label: 'Guarantor first name', required: true },
  { name: 'birthDate', label: 'Guarantor date of birth', kind: 'date', size: 's' },
  { name: 'phone', label: 'Guarantor phone', kind: 'tel', format: formatPhone, size: 's' },
  { name: 'email', label: 'Guarantor e-mail', kind: 'email', size: 'l' },
  { name: 'line1', label: 'Guarantor address line 1', required: true, size: 'l' },
  { name: 'line2', label: 'Guarantor address line 2', size: 'l' },
  { name: 'city', label: 'Guarantor city', required: true },
  { name: 'state', label: 'Guarantor state', required: true, size: 's' },
  { name: 'zip', label: 'Guarantor ZIP', required: true, size: 's', format: formatZip },
];

interface Props {
  patientId: number;
  guarantor: Guarantor | null;
  readOnly: boolean;
  onChanged: () => void;
}

export function GuarantorPanel({ patientId, guarantor: g, readOnly, onChanged }: Props) {
  const [editing, setEditing] = useState(false);

  const submit = async (body: Record<string, unknown>) => {
    if (g) {
      await api.patch<Guarantor>(`/api/guarantors/${g.id}`, body);
    } else {
      const created = await api.post<Guarantor>('/api/guarantors', body);
      await api.patch(`/api/patients/${patientId}`, { guarantorId: created.id });
    }
    setEditing(false);
    onChanged();
  };

  return (
    <>
      <div className="page-head">
        <h2>Guarantor</h2>
        {readOnly || editing ? null : (
          <button type="button" onClick={() => setEditing(true)}>
            {g ? 'Edit guarantor' : 'Add guarantor'}
          </button>
        )}
      </div>
      {editing ? (
        <EntityForm
          label={g ? 'Edit guarantor' : 'New guarantor'}
          fields={GUARANTOR_FIELDS}
          record={g as unknown as Record<string, unknown> | null}
          onSubmit={submit}
          onCancel={() => setEditing(false)}
        />
      ) : g ? (
        <dl className="facts" data-testid="guarantor">
          <dt>Name</dt>
          <dd>
            {g.lastName}, {g.firstName}
          </dd>
          <dt>Date of birth</dt>
          <dd>{g.birthDate ?? '—'}</dd>
          <dt>Phone</dt>
          <dd>{formatPhone(g.phone) || '—'}</dd>
          <dt>E-mail</dt>
          <dd>{g.email ?? '—'}</dd>
          <dt>Address</dt>
          <dd>
            {g.line1}
            {g.line2 ? `, ${g.line2}` : ''}, {g.city}, {g.state} {formatZip(g.zip)}
          </dd>
        </dl>
      ) : (
        <p className="muted">The patient is their own guarantor.</p>
      )}
    </>
  );
}
