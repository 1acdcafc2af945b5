/**
 * The account rep's money actions beside the ledger: a credit refunded (one person asks, someone with approval
 * rights approves or rejects), a small balance written off under the office's rule, the account put on a payment
 * plan. Each calls its route and reloads the account; refusals are shown in words.
 */
import type { PatientAccount, PaymentPlanCreated, RefundRequestView, SmallBalanceWrittenOff } from '@medbill/api';
import { useState } from 'react';
import { api, describeError } from '../api/client.ts';
import { formatCents, parseDollars } from '../components/billing-format.ts';
import { Alert, Field } from '../components/field.tsx';

type Note = { kind: 'ok' | 'error'; text: string } | null;

async function attempt(setNote: (n: Note) => void, work: () => Promise<string>, onDone: () => void) {
  try {
    setNote({ kind: 'ok', text: await work() });
    onDone();
  } catch (err) {
    setNote({ kind: 'error', text: describeError(err) });
  }
}

/** The credit on the account and its refund requests: ask for one, approve or reject one asked by someone else. */
export function RefundBox({
  patientId,
  creditCents,
  refunds,
  canAsk,
  canDecide,
  me,
  onDone,
}: {
  patientId: number;
  creditCents: number;
  refunds: PatientAccount['refunds'];
  canAsk: boolean;
  canDecide: boolean;
  me: string | undefined;
  onDone: () => void;
}) {
  const [amount, setAmount] = useState('');
  const [reason, setReason] = useState('');
  const [note, setNote] = useState<Note>(null);
  if (!creditCents && !refunds.length) return null;
  const ask = (e: React.FormEvent) => {
    e.preventDefault();
    const cents = parseDollars(amount);
    if (!cents) return setNote({ kind: 'error', text: 'Enter the amount to refund, e.g. 25.00' });
    void attempt(
      setNote,
      async () => {
        const r = await api.post<RefundRequestView>(`/api/patients/${patientId}/refund-requests`, {
          amountCents: cents,
          reason,
        });
        setAmount('');
        setReason('');
        return `Refund of ${formatCents(r.amountCents)} asked; someone with approval rights decides.`;
      },
      onDone,
    );
  };
  const decide = (id: number, approve: boolean) =>
    void attempt(
      setNote,
      async () => {
        const r = await api.post<RefundRequestView>(`/api/refund-requests/${id}/decision`, { approve });
        return `Refund of ${formatCents(r.amountCents)} ${r.status}.`;
      },
      onDone,
    );
  return (
    <section aria-label="Credit and refunds">
      <h3>Credit and refunds</h3>
      <p>Credit on the account: {formatCents(creditCents)}</p>
      {refunds.length ? (
        <table aria-label="Refund requests">
          <thead>
            <tr>
              <th>Amount</th>
              <th>Reason</th>
              <th>Asked by</th>
              <th>Status</th>
              {canDecide ? <th>Decision</th> : null}
            </tr>
          </thead>
          <tbody>
            {refunds.map((r) => (
              <tr key={r.id}>
                <td>{formatCents(r.amountCents)}</td>
                <td>{r.reason}</td>
                <td>{r.requestedBy}</td>
                <td>{r.status}</td>
                {canDecide ? (
                  <td>
                    {r.status === 'requested' && r.requestedBy !== me ? (
                      <>
                        <button type="button" onClick={() => decide(r.id, true)}>
                          Approve
                        </button>{' '}
                        <button type="button" onClick={() => decide(r.id, false)}>
                          Reject
                        </button>
                      </>
                    ) : (
                      '—'
                    )}
                  </td>
                ) : null}
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      {canAsk && creditCents > 0 ? (
        <form aria-label="Ask for a refund" onSubmit={ask}>
          <Field label="Refund amount" value={amount} onChange={setAmount} size="s" />
          <Field label="Reason" value={reason} onChange={setReason} size="m" />
          <button type="submit" disabled={!reason.trim()}>
            Ask for refund
          </button>
        </form>
      ) : null}
      {note ? <Alert kind={note.kind}>{note.text}</Alert> : null}
    </section>
  );
}

/**
 * Write off what is left when it is small (the office's rule decides; a larger balance is refused in words). The
 * button shows while something is owed; the answer stays after the write-off has brought the balance to nothing.
 */
export function SmallBalanceWriteOff({
  patientId,
  owed,
  onDone,
}: {
  patientId: number;
  owed: boolean;
  onDone: () => void;
}) {
  const [note, setNote] = useState<Note>(null);
  if (!owed && !note) return null;
  return (
    <div className="inline-form">
      {owed ? (
        <button
          type="button"
          onClick={() =>
            void attempt(
              setNote,
              async () => {
                const r = await api.post<SmallBalanceWrittenOff>(
                  `/api/patients/${patientId}/small-balance-write-off`,
                  {},
                );
                return `Small balance of ${formatCents(r.totalCents)} written off.`;
              },
              onDone,
            )
          }
        >
          Write off small balance
        </button>
      ) : null}
      {note ? <Alert kind={note.kind}>{note.text}</Alert> : null}
    </div>
  );
}

/** Put the account's balance (or part of it) on a plan: installments, first due date, an optional down payment. */
export function PlanForm({ patientId, onDone }: { patientId: number; onDone: () => void }) {
  const [installments, setInstallments] = useState('6');
  const [firstDueDate, setFirstDueDate] = useState('');
  const [down, setDown] = useState('');
  const [frequency, setFrequency] = useState('monthly');
  const [graceDays, setGraceDays] = useState('10');
  const [maxMisses, setMaxMisses] = useState('2');
  const [note, setNote] = useState<Note>(null);
  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    const n = Number(installments);
    if (!Number.isInteger(n) || n < 1)
      return setNote({ kind: 'error', text: 'Installments: a whole number, 1 or more' });
    const grace = Number(graceDays);
    if (!Number.isInteger(grace) || grace < 0 || grace > 60)
      return setNote({ kind: 'error', text: 'Days of grace: a whole number from 0 to 60' });
    const misses = Number(maxMisses);
    if (!Number.isInteger(misses) || misses < 1 || misses > 12)
      return setNote({ kind: 'error', text: 'Breaks after missed payments: a whole number from 1 to 12' });
    const downCents = down.trim() ? parseDollars(down) : 0;
    if (downCents === null) return setNote({ kind: 'error', text: 'Down payment: an amount, e.g. 50.00' });
    void attempt(
      setNote,
      async () => {
        const r = await api.post<PaymentPlanCreated>(`/api/patients/${patientId}/payment-plans`, {
          installments: n,
          firstDueDate,
          frequency,
          graceDays: grace,
          maxMisses: misses,
          ...(downCents ? { downPaymentCents: downCents } : {}),
        });
        const first = r.schedule.find((i) => i.number > 0) ?? r.schedule[0];
        return `Plan of ${r.schedule.length} payment(s) set up${first ? `; first ${formatCents(first.amountCents)} due ${first.dueDate}` : ''}.`;
      },
      onDone,
    );
  };
  return (
    <form aria-label="Set up a payment plan" onSubmit={submit}>
      <h3>Set up a payment plan</h3>
      <Field label="Installments" kind="number" value={installments} onChange={setInstallments} size="s" />
      <Field
        label="How often"
        kind="select"
        value={frequency}
        onChange={setFrequency}
        options={[
          { value: 'monthly', label: 'monthly' },
          { value: 'biweekly', label: 'every two weeks' },
        ]}
        size="s"
      />
      <Field label="First due date" kind="date" value={firstDueDate} onChange={setFirstDueDate} size="s" />
      <Field label="Down payment (optional)" value={down} onChange={setDown} size="s" />
      <Field label="Days of grace" kind="number" value={graceDays} onChange={setGraceDays} size="s" />
      <Field label="Breaks after missed payments" kind="number" value={maxMisses} onChange={setMaxMisses} size="s" />
      <button type="submit" disabled={!firstDueDate}>
        Set up plan
      </button>
      {note ? <Alert kind={note.kind}>{note.text}</Alert> : null}
    </form>
  );
}
