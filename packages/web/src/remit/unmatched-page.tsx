/**
 * The unmatched worklist: money posted 835s paid for claims that matched none of ours (held as unapplied), across
 * all ERAs, each with the claims of ours it may be (patient, date of service, amount). A person confirms one — it
 * posts to that claim — or names another claim by its number, or dismisses the payment with the reason. A service
 * line of a claim of ours that matched none of its lines comes with the claim's lines it may pay (procedure,
 * modifiers, date, charge): a person posts it to one, or names the line by its number. When several services of a
 * claim matched none of its lines, a person names the line each pays (several may pay one); when a claim's lines do
 * not explain all of its payment, a person splits the difference over the claim's lines, to the cent.
 */
import type { UnmatchedActionResult, UnmatchedItem, UnmatchedList } from '@medbill/api';
import { useId, useState } from 'react';
import { api } from '../api/client.ts';
import { errorText } from '../components/error-text.ts';
import { useAuth } from '../auth/auth-context.tsx';
import { formatCents, parseDollars, STATE_LABEL } from '../components/billing-format.ts';
import { Alert } from '../components/field.tsx';
import { formatDateTime } from '../components/format.ts';
import { useApi } from '../components/use-api.ts';
import { Link, useLocation } from '../router.tsx';

type Note = { kind: 'ok' | 'error'; text: string } | null;
type Act = (path: 'post-services' | 'apply-difference', body: Record<string, unknown>) => Promise<void>;

/** "-5.25" or "$3" → cents (negative when the difference is money taken back); null when not an amount. */
const signedCents = (text: string): number | null => {
  const t = text.trim();
  const c = parseDollars(t.replace(/^[-−]/, ''));
  return c === null ? null : /^[-−]/.test(t) ? -c : c;
};

/** Each service the payer sent, and the line of the claim it pays (the best suggestion to start with). */
function ServicesForm({ item, busy, act }: { item: UnmatchedItem; busy: boolean; act: Act }) {
  const [lines, setLines] = useState<string[]>(() =>
    item.services.map((s) => String(s.lineSuggestions[0]?.lineNumber ?? '')),
  );
  const ok = lines.every((l) => /^\d+$/.test(l.trim()) && Number(l) > 0);
  return (
    <form
      aria-label={`Post the services of claim ${item.claimNumber ?? ''}`}
      onSubmit={(e) => {
        e.preventDefault();
        if (ok)
          void act('post-services', {
            lines: item.services.map((s, i) => ({ svcIndex: s.svcIndex, lineNumber: Number(lines[i]) })),
          });
      }}
    >
      <table className="grid">
        <thead>
          <tr>
            <th scope="col">Service as paid</th>
            <th scope="col" className="num">
              Billed
            </th>
            <th scope="col" className="num">
              Paid
            </th>
            <th scope="col">Adjustments</th>
            <th scope="col">Suggested lines</th>
            <th scope="col">Post to line</th>
          </tr>
        </thead>
        <tbody>
          {item.services.map((s, i) => (
            <tr key={s.svcIndex}>
              <td className="mono">
                SVC {s.svcIndex + 1}: {s.procedure}
                {s.submittedProcedure ? ` (billed as ${s.submittedProcedure})` : ''} {s.serviceDate ?? ''}
              </td>
              <td className="num">{formatCents(s.billedCents)}</td>
              <td className="num">{formatCents(s.paidCents)}</td>
              <td>{s.adjustments.map((a) => `${a.group}-${a.reason} ${formatCents(a.amountCents)}`).join(', ')}</td>
              <td className="muted">
                {s.lineSuggestions.map((l) => `line ${l.lineNumber} ${l.procedure} (${l.why.join(', ')})`).join('; ') ||
                  '—'}
              </td>
              <td>
                <input
                  value={lines[i] ?? ''}
                  onChange={(e) => setLines(lines.map((x, j) => (j === i ? e.target.value : x)))}
                  aria-label={`Line for SVC ${s.svcIndex + 1}`}
                  inputMode="numeric"
                  size={4}
                />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <button type="submit" disabled={busy || !ok}>
        Post each service to its line
      </button>
    </form>
  );
}

/** The claim's lines and what each takes of the difference; the amounts must add up to it, to the cent. */
function DifferenceForm({ item, busy, act }: { item: UnmatchedItem; busy: boolean; act: Act }) {
  const [amounts, setAmounts] = useState<string[]>(() => item.claimLines.map(() => ''));
  const cents = amounts.map((a) => (a.trim() ? signedCents(a) : 0));
  const valid = cents.every((c) => c !== null);
  const total = cents.reduce<number>((t, c) => t + (c ?? 0), 0);
  const left = item.amountCents - total;
  // what is left to apply (or too much) is named beside the amounts and read with each of them
  const leftId = useId();
  return (
    <form
      aria-label={`Apply the difference of claim ${item.claimNumber ?? ''}`}
      onSubmit={(e) => {
        e.preventDefault();
        if (valid && left === 0)
          void act('apply-difference', {
            lines: item.claimLines
              .map((l, i) => ({ lineId: l.lineId, amountCents: cents[i] ?? 0 }))
              .filter((l) => l.amountCents !== 0),
          });
      }}
    >
      <table className="grid">
        <thead>
          <tr>
            <th scope="col">Line</th>
            <th scope="col">Procedure</th>
            <th scope="col">Date of service</th>
            <th scope="col" className="num">
              Charge
            </th>
            <th scope="col" className="num">
              The payer owes
            </th>
            <th scope="col">Takes</th>
          </tr>
        </thead>
        <tbody>
          {item.claimLines.map((l, i) => (
            <tr key={l.lineId}>
              <td>{l.lineNumber}</td>
              <td className="mono">{l.procedure}</td>
              <td>{l.serviceDate}</td>
              <td className="num">{formatCents(l.chargeCents)}</td>
              <td className="num">{formatCents(l.payerBalanceCents)}</td>
              <td>
                <input
                  value={amounts[i] ?? ''}
                  onChange={(e) => setAmounts(amounts.map((x, j) => (j === i ? e.target.value : x)))}
                  aria-label={`Amount for line ${l.lineNumber}`}
                  aria-describedby={leftId}
                  placeholder="0.00"
                  inputMode="decimal"
                  size={8}
                />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <p id={leftId} className={left === 0 ? 'muted' : undefined} data-testid="difference-left">
        {valid
          ? left === 0
            ? `Adds up to ${formatCents(item.amountCents)}.`
            : `${formatCents(Math.abs(left))} ${left > 0 ? 'left to apply' : 'too much'} of ${formatCents(item.amountCents)}.`
          : 'An amount is not in dollars and cents.'}
      </p>
      <button type="submit" disabled={busy || !valid || left !== 0}>
        Apply the difference
      </button>
    </form>
  );
}

/**
 * One of a card's own actions: a labelled field and its button, which submits what `accept` makes of the trimmed
 * text (null: not yet acceptable, the button stays disabled).
 */
function ActionField<T>(p: {
  label: string;
  /** the field's accessible name, when it is not the label */
  inputLabel?: string;
  placeholder?: string;
  numeric?: boolean;
  size: number;
  maxLength?: number;
  button: string;
  busy: boolean;
  accept: (text: string) => T | null;
  onSubmit: (value: T) => void;
}) {
  const [text, setText] = useState('');
  const value = p.accept(text.trim());
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        if (value !== null) p.onSubmit(value);
      }}
    >
      <label>
        {p.label}{' '}
        <input
          value={text}
          onChange={(e) => setText(e.target.value)}
          aria-label={p.inputLabel ?? p.label}
          placeholder={p.placeholder}
          inputMode={p.numeric ? 'numeric' : undefined}
          size={p.size}
          maxLength={p.maxLength}
        />
      </label>{' '}
      <button type="submit" disabled={p.busy || value === null}>
        {p.button}
      </button>
    </form>
  );
}

function UnmatchedCard({ item, onDone }: { item: UnmatchedItem; onDone: () => void }) {
  const { can } = useAuth();
  const [busy, setBusy] = useState(false);
  const [note, setNote] = useState<Note>(null);
  const act = async (
    path: 'match' | 'dismiss' | 'post-to-line' | 'post-services' | 'apply-difference',
    body: Record<string, unknown>,
  ) => {
    setBusy(true);
    setNote(null);
    try {
      const r = await api.post<UnmatchedActionResult>(`/api/unmatched/${item.id}/${path}`, body);
      setNote({ kind: 'ok', text: r.message });
      onDone();
    } catch (e) {
      setNote({ kind: 'error', text: errorText(e) });
    } finally {
      setBusy(false);
    }
  };
  const canAct = item.status === 'open' && can('remittance:post');
  const label = `Unmatched payment ${item.patientControlNumber}`;
  return (
    <article className="panel unmatched" aria-label={label} data-testid={`unmatched-${item.patientControlNumber}`}>
      <h2>
        {formatCents(item.amountCents)} paid for{' '}
        {item.kind === 'claim' ? `claim ${item.patientControlNumber}` : `a line of claim ${item.claimNumber ?? '?'}`}
        <span className="muted">
          {' '}
          · <Link to={`/eras/${item.remittanceId}`}>ERA #{item.remittanceId}</Link> {item.payerName} TRN{' '}
          {item.traceNumber}
          {item.paymentDate ? ` on ${item.paymentDate}` : ''}
        </span>
      </h2>
      <dl className="facts cols">
        <dt>As the payer sent it</dt>
        <dd>
          CLP01 <span className="mono">{item.patientControlNumber}</span>
          {item.payerClaimNumber ? (
            <>
              {' '}
              · payer claim number <span className="mono">{item.payerClaimNumber}</span>
            </>
          ) : null}{' '}
          · status {item.statusCode}
        </dd>
        <dt>Patient</dt>
        <dd>{item.patientName ?? '—'}</dd>
        <dt>Date of service</dt>
        <dd>{item.serviceDate ?? '—'}</dd>
        <dt>Billed / paid</dt>
        <dd>
          {formatCents(item.chargeCents)} / {formatCents(item.amountCents)}
        </dd>
        {item.kind === 'line' ? (
          <>
            <dt>What</dt>
            <dd>{item.description}</dd>
          </>
        ) : null}
        {item.service ? (
          <>
            <dt>Service line as paid</dt>
            <dd data-testid="unmatched-service">
              <span className="mono">{item.service.procedure}</span>
              {item.service.submittedProcedure ? (
                <>
                  {' '}
                  (billed as <span className="mono">{item.service.submittedProcedure}</span>)
                </>
              ) : null}{' '}
              on {item.service.serviceDate ?? '—'}: billed {formatCents(item.service.billedCents)}, paid{' '}
              {formatCents(item.service.paidCents)}
              {item.service.adjustments.map((a) => (
                <span key={`${a.group}-${a.reason}`}>
                  , {a.group}-{a.reason} {formatCents(a.amountCents)}
                </span>
              ))}
            </dd>
          </>
        ) : null}
        {item.status !== 'open' ? (
          <>
            <dt>{item.status === 'matched' ? 'Matched' : 'Dismissed'}</dt>
            <dd>
              {item.resolution} · {item.resolvedBy ?? '?'}
              {item.resolvedAt ? `, ${formatDateTime(item.resolvedAt)}` : ''}
              {item.status === 'matched' && item.claimId ? (
                <>
                  {' '}
                  · <Link to={`/claims/${item.claimId}`}>Open claim {item.claimNumber}</Link>
                </>
              ) : null}
            </dd>
          </>
        ) : null}
      </dl>
      {item.kind === 'claim' && item.status === 'open' ? (
        item.suggestions.length ? (
          <table className="grid" aria-label={`Suggested claims for ${item.patientControlNumber}`}>
            <thead>
              <tr>
                <th scope="col">Claim</th>
                <th scope="col">Patient</th>
                <th scope="col">Date of service</th>
                <th scope="col" className="num">
                  Billed
                </th>
                <th scope="col">State</th>
                <th scope="col">Payer</th>
                <th scope="col">Why</th>
                <th scope="col" />
              </tr>
            </thead>
            <tbody>
              {item.suggestions.map((s) => (
                <tr key={s.claimId}>
                  <td>
                    <Link to={`/claims/${s.claimId}`}>{s.claimNumber}</Link>
                  </td>
                  <td>{s.patientName ?? '—'}</td>
                  <td>{s.serviceDate ?? '—'}</td>
                  <td className="num">{s.chargeCents === null ? '—' : formatCents(s.chargeCents)}</td>
                  <td>{s.state ? (STATE_LABEL[s.state] ?? s.state) : '—'}</td>
                  <td>{s.payerName ?? '—'}</td>
                  <td className="muted">{s.why.join(', ')}</td>
                  <td>
                    {canAct ? (
                      <button
                        type="button"
                        disabled={busy}
                        onClick={() => void act('match', { claimId: s.claimId })}
                        aria-label={`Confirm claim ${s.claimNumber}`}
                      >
                        Confirm
                      </button>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : (
          <p className="muted">No claim of ours has this patient, date or amount.</p>
        )
      ) : null}
      {item.service && item.status === 'open' ? (
        item.lineSuggestions.length ? (
          <table className="grid" aria-label={`Suggested lines of claim ${item.claimNumber ?? ''}`}>
            <thead>
              <tr>
                <th scope="col">Line</th>
                <th scope="col">Procedure</th>
                <th scope="col">Date of service</th>
                <th scope="col" className="num">
                  Charge
                </th>
                <th scope="col">Why</th>
                <th scope="col" />
              </tr>
            </thead>
            <tbody>
              {item.lineSuggestions.map((s) => (
                <tr key={s.lineId}>
                  <td>{s.lineNumber}</td>
                  <td className="mono">{s.procedure}</td>
                  <td>{s.serviceDate}</td>
                  <td className="num">{formatCents(s.chargeCents)}</td>
                  <td className="muted">{s.why.join(', ')}</td>
                  <td>
                    {canAct ? (
                      <button
                        type="button"
                        disabled={busy}
                        onClick={() => void act('post-to-line', { lineId: s.lineId })}
                        aria-label={`Post to line ${s.lineNumber}`}
                      >
                        Post to this line
                      </button>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : (
          <p className="muted">No line of the claim shares its procedure, modifiers, date or charge.</p>
        )
      ) : null}
      {canAct && item.heldAs === 'services' ? <ServicesForm item={item} busy={busy} act={act} /> : null}
      {canAct && item.heldAs === 'difference' ? <DifferenceForm item={item} busy={busy} act={act} /> : null}
      {canAct ? (
        <div className="unmatched-actions">
          {item.service ? (
            <ActionField
              label="Another line"
              inputLabel="Line number to post to"
              placeholder="line"
              numeric
              size={4}
              button="Post to line"
              busy={busy}
              accept={(v) => (/^\d+$/.test(v) && Number(v) > 0 ? Number(v) : null)}
              onSubmit={(lineNumber) => void act('post-to-line', { lineNumber })}
            />
          ) : null}
          {item.kind === 'claim' ? (
            <ActionField
              label="Another claim"
              inputLabel="Claim number to match"
              placeholder="claim number"
              size={14}
              button="Match"
              busy={busy}
              accept={(v) => v || null}
              onSubmit={(claimNumber) => void act('match', { claimNumber })}
            />
          ) : null}
          <ActionField
            label="Reason to dismiss"
            size={40}
            maxLength={500}
            button="Dismiss"
            busy={busy}
            accept={(v) => (v.length >= 5 ? v : null)}
            onSubmit={(reason) => void act('dismiss', { reason })}
          />
        </div>
      ) : null}
      <Alert kind={note?.kind ?? 'ok'}>{note?.text}</Alert>
    </article>
  );
}

export function UnmatchedPage() {
  const { search } = useLocation();
  const [status, setStatus] = useState<'open' | 'matched' | 'dismissed'>('open');
  const remittanceId = Number(search.get('era')) || null;
  const list = useApi(
    () =>
      api.get<UnmatchedList>('/api/unmatched', {
        status,
        limit: 100,
        ...(remittanceId ? { remittanceId } : {}),
      }),
    [status, remittanceId],
  );
  return (
    <section>
      <div className="page-head">
        <h1>Unmatched payments</h1>
        <Link to="/eras">ERAs</Link>
        <label>
          Status{' '}
          <select
            aria-label="Unmatched status"
            value={status}
            onChange={(e) => setStatus(e.target.value as typeof status)}
          >
            <option value="open">to match</option>
            <option value="matched">matched</option>
            <option value="dismissed">dismissed</option>
          </select>
        </label>
        {remittanceId ? (
          <span className="muted">
            ERA #{remittanceId} only · <Link to="/unmatched">all ERAs</Link>
          </span>
        ) : null}
        {list.data ? (
          <span className="muted" data-testid="unmatched-total">
            {list.data.total} payment{list.data.total === 1 ? '' : 's'}
            {status === 'open'
              ? `, ${formatCents(list.data.items.reduce((t, i) => t + i.amountCents, 0))} unapplied on this page`
              : ''}
          </span>
        ) : null}
      </div>
      <Alert>{list.error}</Alert>
      {!list.data ? (
        <p className="muted">Loading…</p>
      ) : list.data.items.length === 0 ? (
        <p className="muted">
          {status === 'open' ? 'Nothing to match: every 835 claim found its claim.' : `No ${status} payments.`}
        </p>
      ) : (
        list.data.items.map((i) => <UnmatchedCard key={i.id} item={i} onDone={list.reload} />)
      )}
    </section>
  );
}
