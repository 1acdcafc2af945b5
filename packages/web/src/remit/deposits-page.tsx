/**
 * The claims analyst's deposits: record a bank deposit (EFT or check) from the bank statement, reconcile deposits
 * to 835s by trace number, and see what is unmatched on each side and which amounts differ.
 */
import type { DepositItem, DepositList, DepositReconciliation, DepositRemittance } from '@medbill/api';
import { useState, type FormEvent } from 'react';
import { api, describeError, type Page } from '../api/client.ts';
import type { Payer } from '../api/types.ts';
import { useAuth } from '../auth/auth-context.tsx';
import { formatCents, parseDollars } from '../components/billing-format.ts';
import { Alert } from '../components/field.tsx';
import { useApi } from '../components/use-api.ts';
import { Link } from '../router.tsx';

type Note = { kind: 'ok' | 'error'; text: string } | null;

function RecordDeposit({ onSaved }: { onSaved: () => void }) {
  const payers = useApi(() => api.get<Page<Payer>>('/api/payers', { limit: 500 }), []);
  const [form, setForm] = useState({
    depositedOn: '',
    amount: '',
    method: 'EFT',
    traceNumber: '',
    payerId: '',
    memo: '',
  });
  const [note, setNote] = useState<Note>(null);
  const [busy, setBusy] = useState(false);
  const set = (k: keyof typeof form) => (e: { target: { value: string } }) => setForm({ ...form, [k]: e.target.value });
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const amountCents = parseDollars(form.amount);
    if (amountCents === null)
      return setNote({ kind: 'error', text: 'Amount: write it in dollars and cents, e.g. 1234.56' });
    setBusy(true);
    setNote(null);
    try {
      const d = await api.post<DepositItem>('/api/deposits', {
        depositedOn: form.depositedOn,
        amountCents,
        method: form.method,
        traceNumber: form.traceNumber,
        ...(form.payerId ? { payerId: Number(form.payerId) } : {}),
        ...(form.memo ? { memo: form.memo } : {}),
      });
      setNote({
        kind: d.status === 'matched' ? 'ok' : 'error',
        text:
          d.status === 'matched'
            ? `Deposit #${d.id} recorded and matched to ERA ${d.remittances.map((r) => `#${r.id}`).join(', ')}`
            : d.status === 'difference'
              ? `Deposit #${d.id} recorded; its 835s pay ${formatCents(d.remittedCents)}, a difference of ${formatCents(d.differenceCents)}`
              : `Deposit #${d.id} recorded; no 835 with trace ${d.traceNumber} yet`,
      });
      setForm({ ...form, amount: '', traceNumber: '', memo: '' });
      onSaved();
    } catch (err) {
      setNote({ kind: 'error', text: describeError(err) });
    } finally {
      setBusy(false);
    }
  };
  return (
    <form className="panel" onSubmit={(e) => void submit(e)} aria-label="Record a deposit">
      <h2>Record a deposit</h2>
      <label>
        Deposited on <input type="date" required value={form.depositedOn} onChange={set('depositedOn')} />
      </label>{' '}
      <label>
        Amount <input required inputMode="decimal" size={10} value={form.amount} onChange={set('amount')} />
      </label>{' '}
      <label>
        Method{' '}
        <select value={form.method} onChange={set('method')}>
          <option value="EFT">EFT</option>
          <option value="CHK">check</option>
        </select>
      </label>{' '}
      <label>
        Trace or check number <input required size={18} value={form.traceNumber} onChange={set('traceNumber')} />
      </label>{' '}
      <label>
        Payer{' '}
        <select value={form.payerId} onChange={set('payerId')}>
          <option value="">(as the bank does not say)</option>
          {(payers.data?.items ?? []).map((p) => (
            <option key={p.id} value={p.id}>
              {p.name}
            </option>
          ))}
        </select>
      </label>{' '}
      <label>
        Memo <input size={20} value={form.memo} onChange={set('memo')} />
      </label>{' '}
      <button type="submit" className="primary" disabled={busy}>
        {busy ? 'Saving…' : 'Record deposit'}
      </button>
      <Alert kind={note?.kind ?? 'ok'}>{note?.text}</Alert>
    </form>
  );
}

function DepositRows({ items, label }: { items: DepositItem[]; label: string }) {
  if (!items.length) return <p className="muted">None.</p>;
  return (
    <table className="grid" aria-label={label}>
      <thead>
        <tr>
          <th scope="col">Deposit</th>
          <th scope="col">Date</th>
          <th scope="col">Method</th>
          <th scope="col">Trace</th>
          <th scope="col">Payer</th>
          <th scope="col" className="num">
            Amount
          </th>
          <th scope="col" className="num">
            835s
          </th>
          <th scope="col" className="num">
            Difference
          </th>
          <th scope="col">ERAs</th>
          <th scope="col">Status</th>
        </tr>
      </thead>
      <tbody>
        {items.map((d) => (
          <tr key={d.id}>
            <td>#{d.id}</td>
            <td>{d.depositedOn}</td>
            <td>{d.method}</td>
            <td>{d.traceNumber}</td>
            <td>{d.payerName ?? '—'}</td>
            <td className="num">{formatCents(d.amountCents)}</td>
            <td className="num">{d.status === 'unmatched' ? '—' : formatCents(d.remittedCents)}</td>
            <td className="num">{d.differenceCents ? formatCents(d.differenceCents) : '—'}</td>
            <td>
              {d.remittances.map((r) => (
                <Link key={r.id} to={`/eras/${r.id}`}>
                  #{r.id}{' '}
                </Link>
              ))}
            </td>
            <td>
              <span className={`tag ${d.status === 'matched' ? 'tag-ok' : 'tag-bad'}`}>{d.status}</span>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function RemittanceRows({ items }: { items: DepositRemittance[] }) {
  if (!items.length) return <p className="muted">None.</p>;
  return (
    <table className="grid" aria-label="835s with no deposit">
      <thead>
        <tr>
          <th scope="col">ERA</th>
          <th scope="col">Paid on</th>
          <th scope="col">Check/EFT</th>
          <th scope="col">Payer</th>
          <th scope="col" className="num">
            Amount
          </th>
        </tr>
      </thead>
      <tbody>
        {items.map((r) => (
          <tr key={r.id}>
            <td>
              <Link to={`/eras/${r.id}`}>#{r.id}</Link>
            </td>
            <td>{r.paymentDate ?? '—'}</td>
            <td>
              {r.paymentMethod} {r.traceNumber}
            </td>
            <td>{r.payerName}</td>
            <td className="num">{formatCents(r.paymentCents)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function DepositsPage() {
  const { can } = useAuth();
  const [tick, setTick] = useState(0);
  const view = useApi(() => api.get<DepositReconciliation>('/api/deposits/reconciliation'), [tick]);
  const all = useApi(() => api.get<DepositList>('/api/deposits', { limit: 200 }), [tick]);
  const [note, setNote] = useState<Note>(null);
  const reload = () => setTick((t) => t + 1);
  const reconcile = async () => {
    try {
      const r = await api.post<DepositReconciliation>('/api/deposits/reconcile', {});
      setNote({ kind: 'ok', text: `${r.matched} deposit${r.matched === 1 ? '' : 's'} matched by this run` });
      reload();
    } catch (e) {
      setNote({ kind: 'error', text: describeError(e) });
    }
  };
  const v = view.data;
  return (
    <section>
      <div className="page-head">
        <h1>Deposits</h1>
        <Link to="/eras">ERAs</Link>
        {can('remittance:post') ? (
          <button type="button" onClick={() => void reconcile()}>
            Reconcile with 835s
          </button>
        ) : null}
      </div>
      <Alert kind={note?.kind ?? 'ok'}>{note?.text}</Alert>
      {can('remittance:post') ? <RecordDeposit onSaved={reload} /> : null}
      <Alert>{view.error ?? all.error}</Alert>
      {!v ? (
        <p className="muted">Loading…</p>
      ) : (
        <>
          <p data-testid="deposit-totals">
            {`Deposited ${formatCents(v.totals.depositedCents)}, matched to 835s ${formatCents(v.totals.remittedCents)}. Unmatched deposits ${formatCents(v.totals.unmatchedDepositCents)}, 835s with no deposit ${formatCents(v.totals.unmatchedRemittanceCents)}.`}
          </p>
          <h2>Deposits with no 835 ({v.unmatchedDeposits.length})</h2>
          <DepositRows items={v.unmatchedDeposits} label="Deposits with no 835" />
          <h2>835s with no deposit ({v.unmatchedRemittances.length})</h2>
          <RemittanceRows items={v.unmatchedRemittances} />
          <h2>Amounts that differ ({v.differences.length})</h2>
          <DepositRows items={v.differences} label="Amounts that differ" />
        </>
      )}
      <h2>All deposits</h2>
      {all.data ? <DepositRows items={all.data.items} label="Deposits" /> : null}
    </section>
  );
}
