import { api } from '../api/client.ts';
import type { Patient } from '../api/types.ts';
import { EntityForm } from '../components/entity-form.tsx';
import { Link, navigate } from '../router.tsx';
import { PATIENT_FIELDS } from './patient-fields.ts';

export function NewPatientPage() {
  const create = async (body: Record<string, unknown>) => {
    const p = await api.post<Patient>('/api/patients', body);
    navigate(`/patients/${p.id}`, { replace: true });
  };
  return (
    <section>
      <p className="crumbs">
        <Link to="/patients">← Patients</Link>
      </p>
      <h1>New patient</h1>
      <div className="panel">
        <EntityForm
          fields={PATIENT_FIELDS}
          record={null}
          onSubmit={create}
          label="Patient demographics"
          submitLabel="Create patient"
        />
        <p className="muted">
          Leave the account number empty to get the next one. Add coverages on the patient’s page.
        </p>
      </div>
    </section>
  );
}
