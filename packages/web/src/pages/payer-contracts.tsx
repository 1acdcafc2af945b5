/**
 * A payer's contracts under its record on the Payers page: each effective-dated fee schedule (what the payer
 * allows per procedure code and modifier), its rates, and a form to add one. An 835 line paid below the contract
 * in force on its date of service is an underpayment on the denial worklist.
 */
import type { PayerContractDetail, PayerContractInput, PayerContractList, PayerContractSaved } from '@medbill/api';
import { useState } from 'react';
import { api } from '../api/client.ts';
import { errorText } from '../components/error-text.ts';
import { useAuth } from '../auth/auth-context.tsx';
import { formatCents, parseDollars } from '../components/billing-format.ts';
import { Alert } from '../components/field.tsx';
import { useApi } from '../components/use-api.ts';

type Rate = PayerContractInput['rates'][number];

/** "99213 85.00" or "99214-25 $120.50", one per line → rates, or the lines that are not. */
export function parseRates(text: string): { rates: Rate[]; problems: string[] } {
  const rates: Rate[] = [];
  const problems: string[] = [];
  const seen = new Set<string>();
  text.split('\n').forEach((raw, i) => {
    const line = raw.trim();
    if (!line) return;
    const m = /^([A-Za-z0-9]{5})(?:[-\s:]([A-Za-z0-9]{2}))?[\s,;]+\$?([\d,]+(?:\.\d{1,2})?)$/.exec(line);
    const cents = m ? parseDollars(m[3]) : null;
    if (!m || cents === null) {
      problems.push(
        `line ${i + 1} "${line}": write a code, an optional modifier and the allowed amount (99214-25 120.50)`,
      );
      return;
    }
    const code = m[1].toUpperCase();
    const modifier = m[2]?.toUpperCase();
    const key = `${code}-${modifier ?? ''}`;
    if (seen.has(key)) {
      problems.push(`line ${i + 1}: ${code}${modifier ? `-${modifier}` : ''} is listed twice`);
      return;
    }
    seen.add(key);
    rates.push({ procedureCode: code, ...(modifier ? { modifier } : {}), allowedCents: cents });
  });
  return { rates, problems };
}

function AddContract({ payerId, onSaved }: { payerId: number; onSaved: (id: number) => void }) {
  const [name, setName] = useState('');
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [text, setText] = useState('');
  const [note, setNote] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const save = async () => {
    const { rates, problems } = parseRates(text);
    if (problems.length || !rates.length) {
      setNote({ kind: 'error', text: problems.length ? problems.join('; ') : 'List at least one code and amount.' });
      return;
    }
    setBusy(true);
    setNote(null);
    try {
      const r = await api.post<PayerContractSaved>(`/api/payers/${payerId}/contracts`, {
        name: name.trim(),
        effectiveFrom: from,
        ...(to ? { effectiveTo: to } : {}),
        rates,
      });
      setNote({ kind: 'ok', text: `Contract saved with ${r.rates} rate${r.rates === 1 ? '' : 's'}.` });
      setName('');
      setText('');
      onSaved(r.contractId);
    } catch (e) {
      setNote({ kind: 'error', text: errorText(e) });
    } finally {
      setBusy(false);
    }
  };
  return (
    <form
      className="contract-form"
      aria-label="Add a contract"
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
    >
      <h4>Add a contract</h4>
      <label>
        Name <input value={name} onChange={(e) => setName(e.target.value)} required maxLength={100} size={30} />
      </label>{' '}
      <label>
        Effective from <input type="date" value={from} onChange={(e) => setFrom(e.target.value)} required />
      </label>{' '}
      <label>
        to <input type="date" value={to} onChange={(e) => setTo(e.target.value)} aria-label="Effective to" />
      </label>
      <br />
      <label>
        Allowed amounts, one code per line (code, optional modifier, amount)
        <br />
        <textarea
          rows={6}
          cols={40}
          value={text}
          onChange={(e) => setText(e.target.value)}
          placeholder={'99213 85.00\n99214 120.00\n99214-25 126.00'}
          aria-label="Allowed amounts"
        />
      </label>
      <br />
      <button type="submit" className="primary" disabled={busy}>
        {busy ? 'Saving…' : 'Save contract'}
      </button>
      <Alert kind={note?.kind ?? 'ok'}>{note?.text}</Alert>
    </form>
  );
}

function ContractRates({ payerId, contractId }: { payerId: number; contractId: number }) {
  const c = useApi(
    () => api.get<PayerContractDetail>(`/api/payers/${payerId}/contracts/${contractId}`),
    [payerId, contractId],
  );
  if (c.error) return <Alert>{c.error}</Alert>;
  if (!c.data) return <p className="muted">Loading…</p>;
  return (
    <table className="grid" aria-label={`Rates of ${c.data.name}`}>
      <thead>
        <tr>
          <th scope="col">Code</th>
          <th scope="col">Modifier</th>
          <th scope="col" className="num">
            Allowed
          </th>
        </tr>
      </thead>
      <tbody>
        {c.data.items.map((r) => (
          <tr key={`${r.procedureCode}-${r.modifier}`}>
            <td className="mono">{r.procedureCode}</td>
            <td className="mono">{r.modifier || <span className="muted">any</span>}</td>
            <td className="num">{formatCents(r.allowedCents)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function PayerContracts({ payerId, payerName }: { payerId: number; payerName: string }) {
  const { can } = useAuth();
  const list = useApi(() => api.get<PayerContractList>(`/api/payers/${payerId}/contracts`), [payerId]);
  const [open, setOpen] = useState<number | null>(null);
  return (
    <section className="contracts" aria-label={`Contracts of ${payerName}`}>
      <h3>Contracts</h3>
      <p className="muted">
        What {payerName} allows per code from a date; an 835 line paid below the contract in force on its date of
        service is listed as underpaid on the denial worklist.
      </p>
      <Alert>{list.error}</Alert>
      {!list.data ? (
        <p className="muted">Loading…</p>
      ) : list.data.items.length === 0 ? (
        <p className="muted">No contract yet.</p>
      ) : (
        <table className="grid clickable" aria-label="Contracts">
          <thead>
            <tr>
              <th scope="col">Contract</th>
              <th scope="col">Effective</th>
              <th scope="col" className="num">
                Codes
              </th>
            </tr>
          </thead>
          <tbody>
            {list.data.items.map((c) => (
              <tr key={c.id} className={open === c.id ? 'selected' : undefined}>
                <td>
                  <button type="button" className="link" onClick={() => setOpen(open === c.id ? null : c.id)}>
                    {c.name}
                  </button>
                </td>
                <td>
                  {c.effectiveFrom} – {c.effectiveTo ?? 'open-ended'}
                </td>
                <td className="num">{c.rates}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {open ? <ContractRates payerId={payerId} contractId={open} /> : null}
      {can('payer:write') ? (
        <AddContract
          payerId={payerId}
          onSaved={(id) => {
            list.reload();
            setOpen(id);
          }}
        />
      ) : null}
    </section>
  );
}
