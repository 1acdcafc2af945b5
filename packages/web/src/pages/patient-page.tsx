/** One patient: demographics editable in place, coverages (edit, add) and the guarantor. */
import { useCallback } from 'react';
import { api } from '../api/client.ts';
import type { PatientDetail } from '../api/types.ts';
import { useAuth } from '../auth/auth-context.tsx';
import { EntityForm } from '../components/entity-form.tsx';
import { Alert } from '../components/field.tsx';
import { fullName } from '../components/format.ts';
import { useApi } from '../components/use-api.ts';
import { Link } from '../router.tsx';
import { CoveragesPanel } from './coverages-panel.tsx';
import { GuarantorPanel } from './guarantor-panel.tsx';
import { AccountPanel } from '../accounts/account-panel.tsx';
import { PATIENT_FIELDS } from './patient-fields.ts';

export function PatientPage({ id }: { id: number }) {
  const { can } = useAuth();
  const { data, error, setData, reload } = useApi(() => api.get<PatientDetail>(`/api/patients/${id}`), [id]);
  const readOnly = !can('patient:write');

  const save = useCallback(
    async (body: Record<string, unknown>) => {
      const updated = await api.patch<PatientDetail>(`/api/patients/${id}`, body);
      setData((old) => (old ? { ...old, ...updated } : old));
    },
    [id, setData],
  );

  if (error) return <Alert>{error}</Alert>;
  if (!data) return <p className="muted">Loading…</p>;
  return (
    <section>
      <p className="crumbs">
        <Link to="/patients">← Patients</Link>
      </p>
      <div className="page-head">
        <h1>{fullName(data)}</h1>
        <span className="tag mono" title="Account number">
          {data.accountNumber}
        </span>
        <span className="muted">
          DOB {data.birthDate} · {data.sex}
        </span>
      </div>
      <div className="panel">
        <h2>Demographics</h2>
        <EntityForm
          fields={PATIENT_FIELDS}
          record={data as unknown as Record<string, unknown>}
          onSubmit={save}
          readOnly={readOnly}
          label="Patient demographics"
        />
      </div>
      <div className="panel">
        <CoveragesPanel patientId={id} coverages={data.coverages} readOnly={readOnly} onChanged={reload} />
      </div>
      <div className="panel">
        <GuarantorPanel patientId={id} guarantor={data.guarantor} readOnly={readOnly} onChanged={reload} />
      </div>
      {can('account:read') ? (
        <div className="panel">
          <AccountPanel patientId={id} />
        </div>
      ) : null}
    </section>
  );
}
