/**
 * Cost estimate for a planned visit, on the account panel: codes (with units) and a date in, what insurance is
 * likely to pay and the patient to owe out, line by line with the notes; a Good Faith Estimate PDF for an
 * uninsured or self-pay patient.
 */
import type { EstimateList, EstimateView } from '@medbill/api';
import { useState } from 'react';
import { api, describeError } from '../api/client.ts';
import { formatCents } from '../components/billing-format.ts';
import { Alert, Field } from '../components/field.tsx';
import { useApi } from '../components/use-api.ts';

const LINE = /^([0-9]{4}[0-9FTU]|[A-V][0-9]{4})(?:x([1-9][0-9]{0,2}))?$/i;

export function EstimateBox({ patientId, canWrite }: { patientId: number; canWrite: boolean }) {
  const list = useApi(() => api.get<EstimateList>(`/api/patients/${patientId}/estimates`), [patientId]);
  const [codes, setCodes] = useState('');
  const [date, setDate] = useState('');
  const [dx, setDx] = useState('');
  const [selfPay, setSelfPay] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [shown, setShown] = useState<EstimateView | null>(null);
  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    const words = codes.split(/[\s,]+/).filter(Boolean);
    const bad = words.find((w) => !LINE.test(w));
    if (!words.length || bad)
      return setError(
        bad ? `"${bad}" is not a code (write 99213, or 93000x2 for two units)` : 'Enter the planned codes',
      );
    try {
      const view = await api.post<EstimateView>(`/api/patients/${patientId}/estimates`, {
        lines: words.map((w) => {
          const [, code, units] = LINE.exec(w)!;
          return { code: code!.toUpperCase(), units: units ? Number(units) : 1 };
        }),
        ...(date ? { serviceDate: date } : {}),
        ...(selfPay ? { selfPay } : {}),
        ...(dx.trim() ? { diagnosisCodes: dx.split(/[\s,]+/).filter(Boolean) } : {}),
      });
      setShown(view);
      setError(null);
      list.reload();
    } catch (err) {
      setError(describeError(err));
    }
  };
  const current = shown ?? list.data?.items[0] ?? null;
  return (
    <section className="estimate" aria-label="Cost estimate">
      <h3>Cost estimate</h3>
      {canWrite ? (
        <form onSubmit={(e) => void submit(e)} aria-label="Estimate a visit">
          <Field label="Planned codes" value={codes} onChange={setCodes} size="m" hint="e.g. 99213 93000x2" />
          <Field label="Date of service" kind="date" value={date} onChange={setDate} size="s" />
          <Field label="Diagnosis codes" value={dx} onChange={setDx} size="s" />
          <label className="check">
            <input type="checkbox" checked={selfPay} onChange={(e) => setSelfPay(e.target.checked)} /> Self-pay (Good
            Faith Estimate)
          </label>
          <button type="submit">Estimate</button>
        </form>
      ) : null}
      {error ? <Alert>{error}</Alert> : null}
      {current ? <EstimateTable e={current} /> : <p className="muted">No estimates yet.</p>}
    </section>
  );
}

function EstimateTable({ e }: { e: EstimateView }) {
  return (
    <div data-testid="estimate">
      <p>
        {e.goodFaith ? 'Good Faith Estimate' : 'Estimate'} for {e.serviceDate}
        {e.payerName ? ` with ${e.payerName}` : ' (uninsured or self-pay)'}: the patient is likely to owe{' '}
        <strong data-testid="estimate-patient-owes">{formatCents(e.patientOwesCents)}</strong>
        {e.goodFaith ? null : <>, insurance to pay {formatCents(e.insurancePaysCents)}</>}.{' '}
        {e.goodFaith ? (
          <a href={`/api/estimates/${e.id}/good-faith-estimate.pdf`} target="_blank" rel="noopener">
            Good Faith Estimate (PDF)
          </a>
        ) : null}
      </p>
      <table className="estimate-lines">
        <thead>
          <tr>
            <th>Service</th>
            <th>Units</th>
            <th>Charge</th>
            <th>Allowed</th>
            <th>Copay</th>
            <th>Deductible</th>
            <th>Coinsurance</th>
            <th>Insurance pays</th>
            <th>Patient owes</th>
          </tr>
        </thead>
        <tbody>
          {e.lines.map((l, i) => (
            <tr key={`${l.code}-${i}`}>
              <td>
                {l.description} <span className="mono muted">{l.code}</span>
                {l.notCoveredCents ? <span className="tag"> not covered</span> : null}
              </td>
              <td>{l.units}</td>
              <td>{formatCents(l.chargeCents)}</td>
              <td>{formatCents(l.allowedCents)}</td>
              <td>{formatCents(l.copayCents)}</td>
              <td>{formatCents(l.deductibleCents)}</td>
              <td>{formatCents(l.coinsuranceCents)}</td>
              <td>{formatCents(l.insurancePaysCents)}</td>
              <td>{formatCents(l.patientOwesCents)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <ul className="muted">
        {e.notes.map((n) => (
          <li key={n}>{n}</li>
        ))}
      </ul>
    </div>
  );
}
