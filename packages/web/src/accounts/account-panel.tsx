/**
 * The account rep's view of a patient's money, on the patient page: balance and aging, every charge in plain
 * words (the ledger), payments, statements, the payment plan with its installments, placement with an agency,
 * contacts and the eligibility answers (each 271 in words, newest first); record a payment, log a contact,
 * check eligibility.
 */
import type {
  ContactEntry,
  ContactLog,
  EligibilityCheck,
  EligibilityCheckList,
  PatientAccount,
  PaymentRecorded,
} from '@medbill/api';
import { useState } from 'react';
import { api, describeError } from '../api/client.ts';
import { useAuth } from '../auth/auth-context.tsx';
import { formatCents, parseDollars } from '../components/billing-format.ts';
import { Alert, Field } from '../components/field.tsx';
import { formatDateTime } from '../components/format.ts';
import { useApi } from '../components/use-api.ts';
import { PlanForm, RefundBox, SmallBalanceWriteOff } from './account-actions.tsx';
import { EstimateBox } from './estimate-box.tsx';

const AGING_LABELS: Array<[keyof PatientAccount['aging'], string]> = [
  ['current', '0–30 days'],
  ['days31to60', '31–60'],
  ['days61to90', '61–90'],
  ['days91to120', '91–120'],
  ['over120', 'Over 120'],
];

export function AccountPanel({ patientId }: { patientId: number }) {
  const { can, user } = useAuth();
  const account = useApi(() => api.get<PatientAccount>(`/api/patients/${patientId}/account`), [patientId]);
  const contacts = useApi(() => api.get<ContactLog>(`/api/patients/${patientId}/contacts`), [patientId]);
  const eligibility = useApi(
    () => api.get<EligibilityCheckList>(`/api/patients/${patientId}/eligibility-checks`),
    [patientId],
  );
  if (account.error) return <Alert>{account.error}</Alert>;
  if (!account.data) return <p className="muted">Loading the account…</p>;
  const a = account.data;
  return (
    <section aria-label="Account">
      <h2>Account</h2>
      <p className="account-balance">
        Patient balance <strong data-testid="account-balance">{formatCents(a.amountOwedCents)}</strong>
        {a.creditCents ? <span className="muted"> (credit {formatCents(a.creditCents)})</span> : null}
        {a.insurancePendingCents ? (
          <span className="muted"> · waiting on insurance {formatCents(a.insurancePendingCents)}</span>
        ) : null}
        {a.plan ? <span className="tag"> plan {a.plan.state}</span> : null}
        {a.placement ? (
          <span className="tag">
            {' '}
            {a.placement.status} with {a.placement.agency}
          </span>
        ) : null}
      </p>
      <table className="aging">
        <thead>
          <tr>
            {AGING_LABELS.map(([, label]) => (
              <th key={label}>{label}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          <tr>
            {AGING_LABELS.map(([k]) => (
              <td key={k}>{formatCents(a.aging[k])}</td>
            ))}
          </tr>
        </tbody>
      </table>
      <LinesTable lines={a.lines} />
      <PaymentsTable payments={a.payments} />
      {can('account:write') ? (
        <PaymentForm
          patientId={patientId}
          openLines={a.lines.filter((l) => l.patientOwesCents > 0)}
          onDone={account.reload}
        />
      ) : null}
      {can('account:write_off') ? (
        <SmallBalanceWriteOff patientId={patientId} owed={a.amountOwedCents > 0} onDone={account.reload} />
      ) : null}
      <RefundBox
        patientId={patientId}
        creditCents={a.creditCents}
        refunds={a.refunds}
        canAsk={can('account:write')}
        canDecide={can('account:approve')}
        me={user?.username}
        onDone={account.reload}
      />
      {a.plan ? <PlanBox plan={a.plan} /> : null}
      {can('account:write') && a.patientBalanceCents > 0 && a.plan?.recordedStatus !== 'active' ? (
        <PlanForm patientId={patientId} onDone={account.reload} />
      ) : null}
      {a.placement ? <PlacementBox placement={a.placement} /> : null}
      {can('account:write') ? <ContactForm patientId={patientId} onDone={contacts.reload} /> : null}
      {contacts.data ? (
        <ContactList contacts={contacts.data.items} />
      ) : contacts.error ? (
        <Alert>{contacts.error}</Alert>
      ) : (
        <p className="muted">Loading the contact log…</p>
      )}
      <section aria-label="Eligibility answers" className="eligibility">
        <h3>Eligibility</h3>
        {can('eligibility:check') ? <EligibilityButton patientId={patientId} onDone={eligibility.reload} /> : null}
        {eligibility.error ? <Alert>{eligibility.error}</Alert> : null}
        {eligibility.data ? (
          <EligibilityAnswers checks={eligibility.data.items} />
        ) : eligibility.error ? null : (
          <p className="muted">Loading the eligibility answers…</p>
        )}
      </section>
      <EstimateBox patientId={patientId} canWrite={can('account:write')} />
      {a.statements.length ? (
        <>
          <h3>Statements</h3>
          <ul aria-label="Statements">
            {a.statements.map((s) => (
              <li key={s.id}>
                <a href={`/api/statements/${s.id}/pdf`} target="_blank" rel="noopener">
                  {s.statementDate}
                </a>{' '}
                {s.dunningLevel.replace(/_/g, ' ')}, {formatCents(s.amountDueCents)} due {s.dueDate}
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </section>
  );
}

function LinesTable({ lines }: { lines: PatientAccount['lines'] }) {
  if (!lines.length) return <p className="muted">No charges on this account.</p>;
  return (
    <table className="account-lines">
      <thead>
        <tr>
          <th>Date</th>
          <th>Service</th>
          <th>Charge</th>
          <th>Billed to</th>
          <th>Insurance paid</th>
          <th>Why the rest</th>
          <th>Patient owes</th>
        </tr>
      </thead>
      <tbody>
        {lines.map((l) => (
          <tr key={l.lineId}>
            <td>{l.serviceDate}</td>
            <td>
              {l.description} <span className="mono muted">{l.code}</span>
            </td>
            <td>{formatCents(l.chargeCents)}</td>
            <td>{l.billedTo.join(', ')}</td>
            <td>{formatCents(l.insurancePaidCents)}</td>
            <td>
              {[...l.adjustments, ...l.patientShare].map((x) => (
                <div key={`${x.reason}-${x.amountCents}`}>
                  {formatCents(x.amountCents)}: {x.explanation}
                </div>
              ))}
              {l.remarks.map((r) => (
                <div key={r.code} className="muted">
                  {r.text} <span className="mono">({r.code})</span>
                </div>
              ))}
            </td>
            <td>{formatCents(l.patientOwesCents)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function PaymentForm({
  patientId,
  openLines,
  onDone,
}: {
  patientId: number;
  openLines: PatientAccount['lines'];
  onDone: () => void;
}) {
  const [amount, setAmount] = useState('');
  const [chosen, setChosen] = useState<Set<number>>(new Set());
  const [method, setMethod] = useState('cash');
  const [reference, setReference] = useState('');
  const [note, setNote] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);
  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    const cents = parseDollars(amount);
    if (!cents) return setNote({ kind: 'error', text: 'Enter the amount paid, e.g. 25.00' });
    try {
      const r = await api.post<PaymentRecorded>(`/api/patients/${patientId}/payments`, {
        amountCents: cents,
        method,
        ...(reference ? { reference } : {}),
        ...(chosen.size ? { lineIds: [...chosen] } : {}),
      });
      setNote({
        kind: 'ok',
        text: `Payment of ${formatCents(cents)} recorded${r.applied.length ? ` on ${r.applied.length} charge(s)` : ''}${r.onAccountCents ? `; ${formatCents(r.onAccountCents)} kept as credit` : ''}.`,
      });
      setAmount('');
      setChosen(new Set());
      onDone();
    } catch (err) {
      setNote({ kind: 'error', text: describeError(err) });
    }
  };
  return (
    <form onSubmit={(e) => void submit(e)} aria-label="Record a payment">
      <h3>Record a payment</h3>
      <Field label="Amount" value={amount} onChange={setAmount} size="s" />
      <Field
        label="Method"
        kind="select"
        value={method}
        onChange={setMethod}
        options={['cash', 'check', 'card', 'money_order'].map((v) => ({ value: v, label: v.replace('_', ' ') }))}
        size="s"
      />
      <Field label="Check or card reference" value={reference} onChange={setReference} size="m" />
      {openLines.length > 1 ? (
        <fieldset>
          <legend>Apply to (none chosen: the oldest charges first)</legend>
          {openLines.map((l) => (
            <div key={l.lineId}>
              <label>
                <input
                  type="checkbox"
                  checked={chosen.has(l.lineId)}
                  onChange={(e) => {
                    const next = new Set(chosen);
                    if (e.target.checked) next.add(l.lineId);
                    else next.delete(l.lineId);
                    setChosen(next);
                  }}
                />{' '}
                {l.serviceDate} {l.code} {l.description}: owes {formatCents(l.patientOwesCents)}
              </label>
            </div>
          ))}
        </fieldset>
      ) : null}
      <button type="submit" className="primary">
        Record payment
      </button>
      {note ? <Alert kind={note.kind}>{note.text}</Alert> : null}
    </form>
  );
}

function ContactForm({ patientId, onDone }: { patientId: number; onDone: () => void }) {
  const [channel, setChannel] = useState('call');
  const [outcome, setOutcome] = useState('reached');
  const [text, setText] = useState('');
  const [error, setError] = useState<string | null>(null);
  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    try {
      await api.post(`/api/patients/${patientId}/contacts`, { channel, direction: 'outbound', outcome, note: text });
      setText('');
      setError(null);
      onDone();
    } catch (err) {
      setError(describeError(err));
    }
  };
  return (
    <form onSubmit={(e) => void submit(e)} aria-label="Log a contact">
      <h3>Log a contact</h3>
      <Field
        label="Channel"
        kind="select"
        value={channel}
        onChange={setChannel}
        options={['call', 'letter', 'email', 'text', 'portal', 'agency'].map((v) => ({ value: v, label: v }))}
        size="s"
      />
      <Field
        label="Outcome"
        kind="select"
        value={outcome}
        onChange={setOutcome}
        options={[
          'reached',
          'left_message',
          'no_answer',
          'wrong_number',
          'dispute',
          'payment_taken',
          'sent',
          'other',
        ].map((v) => ({ value: v, label: v.replace('_', ' ') }))}
        size="s"
      />
      <Field label="Note" value={text} onChange={setText} size="l" />
      <button type="submit">Log contact</button>
      {error ? <Alert>{error}</Alert> : null}
    </form>
  );
}

function ContactList({ contacts }: { contacts: ContactEntry[] }) {
  if (!contacts.length) return <p className="muted">No contacts logged.</p>;
  return (
    <ul aria-label="Contacts" className="contacts">
      {contacts.map((c) => (
        <li key={c.id}>
          {formatDateTime(c.occurredAt)} · {c.channel} · {c.outcome.replace(/_/g, ' ')} · {c.username}
          {c.note ? ` — ${c.note}` : ''}
          {c.promiseDate ? ` · promised ${formatCents(c.promiseCents)} by ${c.promiseDate}` : ''}
          {c.followUpDate ? ` · follow up ${c.followUpDate}` : ''}
        </li>
      ))}
    </ul>
  );
}

function PaymentsTable({ payments }: { payments: PatientAccount['payments'] }) {
  if (!payments.length) return <p className="muted">No payments from the patient yet.</p>;
  return (
    <>
      <h3>Payments</h3>
      <table className="account-payments" aria-label="Payments">
        <thead>
          <tr>
            <th>Date</th>
            <th>How</th>
            <th>Amount</th>
            <th>Applied to charges</th>
            <th>Kept as credit</th>
            <th>Recorded by</th>
          </tr>
        </thead>
        <tbody>
          {payments.map((p) => (
            <tr key={p.postingId}>
              <td>{p.date}</td>
              <td>
                {p.method.replace(/_/g, ' ')} {p.reference ? <span className="muted">{p.reference}</span> : null}
              </td>
              <td>{formatCents(p.amountCents)}</td>
              <td>{formatCents(p.appliedCents)}</td>
              <td>{p.onAccountCents ? formatCents(p.onAccountCents) : ''}</td>
              <td>{p.recordedBy}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}

function PlanBox({ plan }: { plan: NonNullable<PatientAccount['plan']> }) {
  const state =
    plan.recordedStatus !== 'active'
      ? plan.recordedStatus
      : plan.state === 'broken'
        ? 'broken (missed payments)'
        : plan.state;
  return (
    <section aria-label="Payment plan">
      <h3>Payment plan</h3>
      <p data-testid="plan-state">
        {formatCents(plan.terms.totalCents)} in {plan.terms.installments} {plan.terms.frequency} installments from{' '}
        {plan.terms.startDate}: <strong>{state}</strong>. Paid {formatCents(plan.paidCents)}, left{' '}
        {formatCents(plan.remainingCents)}
        {plan.misses ? `, ${plan.misses} missed (the plan breaks at ${plan.terms.maxMisses})` : ''}
        {plan.pastDueCents ? `, ${formatCents(plan.pastDueCents)} past due` : ''}.
        {plan.nextDue ? ` Next: ${formatCents(plan.nextDue.amountCents)} due ${plan.nextDue.dueDate}.` : ''}
        {` A payment is missed ${plan.terms.graceDays} days after its due date; the plan breaks after ${plan.terms.maxMisses} missed.`}
      </p>
      <table aria-label="Installments">
        <thead>
          <tr>
            <th>#</th>
            <th>Due</th>
            <th>Amount</th>
            <th>Paid</th>
            <th>Status</th>
          </tr>
        </thead>
        <tbody>
          {plan.installments.map((i) => (
            <tr key={i.number}>
              <td>{i.number === 0 ? 'down' : i.number}</td>
              <td>{i.dueDate}</td>
              <td>{formatCents(i.amountCents)}</td>
              <td>{formatCents(i.paidCents)}</td>
              <td>{i.status}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

function PlacementBox({ placement }: { placement: NonNullable<PatientAccount['placement']> }) {
  return (
    <section aria-label="Collection agency">
      <h3>Collection agency</h3>
      <p>
        {placement.status === 'placed' ? 'Placed' : `Was placed (${placement.status})`} with {placement.agency} on{' '}
        {placement.placedAt}, balance then {formatCents(placement.placedBalanceCents)}
        {placement.agencyStatus ? `; the agency reports: ${placement.agencyStatus.replace(/_/g, ' ')}` : ''}
        {placement.recalledAt ? `; recalled ${placement.recalledAt}` : ''}.
      </p>
    </section>
  );
}

function EligibilityButton({ patientId, onDone }: { patientId: number; onDone: () => void }) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const run = async () => {
    setBusy(true);
    setError(null);
    try {
      await api.post<EligibilityCheck>(`/api/patients/${patientId}/eligibility-checks`, {});
      onDone();
    } catch (err) {
      setError(describeError(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <button type="button" onClick={() => void run()} disabled={busy}>
        {busy ? 'Asking the payer…' : 'Check eligibility'}
      </button>
      {error ? <Alert>{error}</Alert> : null}
    </>
  );
}

const CHECK_STATUS: Record<EligibilityCheck['status'], string> = {
  sent: 'asked, no answer yet',
  answered: 'answered',
  rejected: 'the payer could not answer',
  failed: 'could not be asked',
};

/** Every answer on file, newest first, as the biller reads it to the patient. */
function EligibilityAnswers({ checks }: { checks: EligibilityCheck[] }) {
  if (!checks.length) return <p className="muted">No eligibility answers on file.</p>;
  return (
    <ol aria-label="Eligibility answers" className="eligibility-answers">
      {checks.map((c) => (
        <li key={c.id}>
          <p>
            <strong>{c.payerName}</strong> for {c.serviceDate}: {CHECK_STATUS[c.status]}
            <span className="muted">
              {' '}
              · asked {formatDateTime(c.requestedAt)} by {c.requestedBy}
              {c.answeredAt ? `, answered ${formatDateTime(c.answeredAt)}` : ''}
            </span>
          </p>
          {c.problem ? <Alert>{c.problem}</Alert> : null}
          <ul>
            {(c.benefits?.sentences ?? []).map((s) => (
              <li key={s}>{s}</li>
            ))}
          </ul>
        </li>
      ))}
    </ol>
  );
}
