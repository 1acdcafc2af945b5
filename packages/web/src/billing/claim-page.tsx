/**
 * One claim: header and totals, lines, edits with where to fix them, history, files, rescrub (also of a
 * rejected claim once its cause is fixed), correct or void a claim the payer holds, print.
 */
import { canReplace, OPEN_REPLACEMENT_STATES, VOID_DISPOSITION_WORDS, type VoidDisposition } from '@medbill/core';
import { isEditable, serviceLineLabel } from '@medbill/core';
import { useState } from 'react';
import { api, describeError } from '../api/client.ts';
import type { ScrubResult } from '@medbill/api';
import type { ClaimDetail, ReplacementResult } from '../api/claim-types.ts';
import { useAuth } from '../auth/auth-context.tsx';
import { formatCents, icdWithDot, letterOf, STATE_LABEL } from '../components/billing-format.ts';
import { errorText } from '../components/error-text.ts';
import { Alert } from '../components/field.tsx';
import { VoidDispositionChoice } from '../components/void-disposition.tsx';
import { formatDateTime } from '../components/format.ts';
import { useApi } from '../components/use-api.ts';
import { Link, navigate } from '../router.tsx';
import { ClaimStatusHistoryPanel } from './claim-status-history.tsx';
import { PaymentHistory } from './payment-history.tsx';
import { explainRejection, rejectionFields } from './rejection-text.ts';
import { whereToFix } from './where-to-fix.ts';

const REPLACE_WORDS = {
  correct: {
    title: 'Correct the claim',
    explain: (n: string, icn: string | null) =>
      `A corrected claim (frequency 7) replaces claim ${n} at the payer${icn ? ` (payer claim number ${icn})` : ''}. It starts as a draft: its encounter opens for re-coding, then it is scrubbed and batched like any claim.`,
    label: 'What is being corrected?',
    placeholder: 'e.g. diagnosis pointer of line 1, modifier 25 on the visit',
    submit: 'Make the corrected claim',
  },
  void: {
    title: 'Void the claim',
    explain: (n: string, icn: string | null) =>
      `A void (frequency 8) asks the payer to cancel claim ${n}${icn ? ` (payer claim number ${icn})` : ''} and take back what it paid on it.`,
    label: 'Why is the claim voided?',
    placeholder: 'e.g. billed under the wrong patient',
    submit: 'Void the claim',
  },
} as const;

/** Asks why a claim is corrected or voided (the reason goes on both claims' history), then makes the new claim. */
function ReplaceClaimForm({
  kind,
  claim,
  onCancel,
  onMade,
}: {
  kind: 'correct' | 'void';
  claim: ClaimDetail;
  onCancel: () => void;
  onMade: (made: ReplacementResult) => void;
}) {
  const { can } = useAuth();
  const canWriteOff = can('denial:write_off');
  const words = REPLACE_WORDS[kind];
  const [reason, setReason] = useState('');
  const [disposition, setDisposition] = useState<VoidDisposition | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async () => {
    const why = reason.trim();
    if (why.length < 3) {
      setError('Say why, in a few words: the reason is kept on the claim’s history.');
      return;
    }
    if (kind === 'void' && !disposition) {
      setError('Choose what becomes of the balance once the payer takes the claim back: rebill or write off.');
      return;
    }
    setBusy(true);
    setError(null);
    try {
      onMade(
        await api.post<ReplacementResult>(`/api/claims/${claim.id}/replacement`, {
          kind,
          reason: why,
          ...(kind === 'void' ? { disposition } : {}),
        }),
      );
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <form
      className="panel replace-form"
      aria-label={words.title}
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <h2>{words.title}</h2>
      <p className="muted">{words.explain(claim.claimNumber, claim.payerClaimNumber ?? null)}</p>
      <label>
        {words.label}
        <br />
        <textarea
          rows={3}
          cols={70}
          maxLength={500}
          value={reason}
          placeholder={words.placeholder}
          onChange={(e) => setReason(e.target.value)}
          aria-invalid={error ? true : undefined}
          // biome-ignore lint/a11y/noAutofocus: the form opens on the person's click to write this one answer
          autoFocus
        />
      </label>
      {kind === 'void' ? (
        <VoidDispositionChoice value={disposition} onChange={setDisposition} canWriteOff={canWriteOff} />
      ) : null}
      <Alert>{error}</Alert>
      <p>
        <button type="submit" className="primary" disabled={busy}>
          {busy ? 'Working…' : words.submit}
        </button>{' '}
        <button type="button" onClick={onCancel} disabled={busy}>
          Cancel
        </button>
      </p>
    </form>
  );
}

export function ClaimPage({ id }: { id: number }) {
  const { can } = useAuth();
  const claim = useApi(() => api.get<ClaimDetail>(`/api/claims/${id}`), [id]);
  const [busy, setBusy] = useState(false);
  const [note, setNote] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);

  const rescrub = async () => {
    setBusy(true);
    setNote(null);
    try {
      const r = await api.post<ScrubResult>('/api/claims/scrub', {
        claimIds: [id],
      });
      const o = r.outcomes[0];
      setNote({
        kind: 'ok',
        text: o ? `Scrubbed: now ${STATE_LABEL[o.state] ?? o.state}, ${o.edits.length} edit(s).` : 'Scrubbed.',
      });
      claim.reload();
    } catch (e) {
      setNote({ kind: 'error', text: describeError(e) });
    } finally {
      setBusy(false);
    }
  };

  const [replacing, setReplacing] = useState<'correct' | 'void' | null>(null);

  if (claim.error) return <Alert>{claim.error}</Alert>;
  if (!claim.data) return <p className="muted">Loading…</p>;
  const c = claim.data;
  const ids = { patientId: c.patient.id, encounterId: c.encounter.id, practiceId: c.encounter.practiceId };
  const edits = c.edits ?? [];
  const canRescrub = can('claim:write') && isEditable(c.state);
  const onItsWay = c.linked.some(
    (l) => l.relation === 'replaced_by' && (OPEN_REPLACEMENT_STATES as readonly string[]).includes(l.state),
  );
  const replaceable = can('claim:write') && canReplace(c) && !onItsWay;
  const frequency = c.frequencyCode === '7' ? 'Corrected claim' : c.frequencyCode === '8' ? 'Void' : null;
  return (
    <section className="claim">
      <p className="crumbs">
        <Link to={`/billing?state=${c.state}`}>← Billing</Link>
      </p>
      <div className="page-head">
        <h1>Claim {c.claimNumber}</h1>
        <span className={`tag state-tag state-${c.state}`} data-testid="claim-state">
          {STATE_LABEL[c.state] ?? c.state}
        </span>
        <span className="muted">
          {c.kind === 'institutional' ? 'UB-04 / 837I' : 'CMS-1500 / 837P'}
          {c.payerClaimNumber ? ` · payer claim number ${c.payerClaimNumber}` : ''}
        </span>
        {frequency ? <span className="tag">{frequency}</span> : null}
        <span className="spacer" />
        {replaceable ? (
          <>
            <button
              type="button"
              onClick={() => setReplacing('correct')}
              disabled={busy || replacing !== null}
              aria-expanded={replacing === 'correct'}
            >
              Correct claim
            </button>
            <button
              type="button"
              onClick={() => setReplacing('void')}
              disabled={busy || replacing !== null}
              aria-expanded={replacing === 'void'}
            >
              Void claim
            </button>
          </>
        ) : null}
        {canRescrub ? (
          <button type="button" onClick={() => void rescrub()} disabled={busy}>
            {busy ? 'Scrubbing…' : 'Rescrub'}
          </button>
        ) : null}
        <a className="button" href={`/api/claims/${c.id}/pdf?mode=full`} target="_blank" rel="noopener">
          Print {c.kind === 'institutional' ? 'UB-04' : 'CMS-1500'}
        </a>
      </div>
      {c.state === 'rejected' ? (
        <div className="alert alert-error rejection" role="alert">
          <strong>Rejected.</strong>{' '}
          {explainRejection(c.rejectionReason).join(' ') || 'The payer or clearinghouse gave no reason.'}
          {c.rejectionReason ? <span className="mono muted"> ({c.rejectionReason})</span> : null}
          {rejectionFields(c.rejectionReason)
            .map((f) => whereToFix(f, ids))
            .filter((f) => f !== null)
            .map((f) => (
              <span key={f.label} className="fix">
                Fix in: <Link to={f.to}>{f.label}</Link>
              </span>
            ))}
        </div>
      ) : null}
      <Alert kind={note?.kind ?? 'ok'}>{note?.text}</Alert>
      {replacing && replaceable ? (
        <ReplaceClaimForm
          kind={replacing}
          claim={c}
          onCancel={() => setReplacing(null)}
          onMade={(made) => {
            setReplacing(null);
            navigate(`/claims/${made.claimId}`);
          }}
        />
      ) : null}
      {c.linked.length ? (
        <ul className="linked-claims" aria-label="Linked claims">
          {c.linked.map((l) => (
            <li key={l.id}>
              {l.relation === 'replaces'
                ? `${c.frequencyCode === '8' ? 'Voids' : 'Replaces'} claim `
                : `${l.frequencyCode === '8' ? 'Voided by' : 'Corrected by'} claim `}
              <Link to={`/claims/${l.id}`}>{l.claimNumber}</Link>{' '}
              <span className="muted">({STATE_LABEL[l.state] ?? l.state})</span>
              {l.relation === 'replaces' && c.originalPayerClaimNumber ? (
                <span className="muted"> · payer claim number {c.originalPayerClaimNumber}</span>
              ) : null}
            </li>
          ))}
        </ul>
      ) : null}
      {c.frequencyCode === '8' && c.voidDisposition ? (
        <p className="void-disposition-note" data-testid="void-disposition">
          {c.state === 'rebilled'
            ? 'The payer took the claim back; its balance was rebilled (see the history below).'
            : c.state === 'written_off'
              ? 'The payer took the claim back; its balance was written off as billed in error (see the history below).'
              : `When the payer takes the claim back: ${VOID_DISPOSITION_WORDS[c.voidDisposition].replace(/^[^:]*: once the payer takes the claim back, /, '')}.`}
          {c.voidReason ? <span className="muted"> Reason: {c.voidReason}</span> : null}
        </p>
      ) : null}
      <div className="panel">
        <dl className="facts cols">
          <dt>Patient</dt>
          <dd>
            <Link to={`/patients/${c.patient.id}`}>
              {c.patient.lastName}, {c.patient.firstName}
            </Link>{' '}
            <span className="mono muted">{c.patient.accountNumber}</span> · DOB {c.patient.birthDate}
          </dd>
          <dt>Payer</dt>
          <dd>
            {c.payer.name} <span className="mono muted">{c.payer.payerCode}</span>
          </dd>
          <dt>Encounter</dt>
          <dd>
            <Link to={`/encounters/${c.encounter.id}`}>Date of service {c.encounter.serviceDateFrom}</Link> · POS{' '}
            {c.encounter.placeOfService}
          </dd>
          <dt>Total charge</dt>
          <dd className="total" data-testid="claim-total">
            {formatCents(c.totalChargeCents)}
          </dd>
          {c.batchId ? (
            <>
              <dt>Batch</dt>
              <dd>
                <Link to={`/batches/${c.batchId}`}>#{c.batchId}</Link>
              </dd>
            </>
          ) : null}
        </dl>
      </div>
      <div className="panel">
        <h2>Edits</h2>
        {edits.length === 0 ? (
          <p className="muted">
            {c.state === 'draft' ? 'Not scrubbed yet, or no edits.' : 'No edits: the claim passed the scrubber.'}
          </p>
        ) : (
          <ul className="edits claim-edits" aria-label="Claim edits">
            {edits.map((e, i) => {
              const field = e.location.field;
              const fix = whereToFix(field, ids);
              return (
                <li
                  key={`${e.ruleId}-${i}`}
                  className={e.severity === 'error' ? 'edit edit-error' : 'edit edit-warning'}
                >
                  <span className="sev">{e.severity === 'error' ? 'Error' : 'Warning'}</span> {e.message}
                  <span className="rule">
                    {e.ruleId}
                    {e.source ? ` · ${e.source}` : ''}
                  </span>
                  {fix ? (
                    <span className="fix">
                      Fix in: <Link to={fix.to}>{fix.label}</Link>
                      {field ? <span className="mono muted"> ({field})</span> : null}
                    </span>
                  ) : field ? (
                    <span className="mono muted"> {field}</span>
                  ) : null}
                </li>
              );
            })}
          </ul>
        )}
      </div>
      <div className="panel">
        <h2>Diagnoses and lines</h2>
        <p>
          {c.diagnoses.map((d, i) => (
            <span key={d} className="tag dx-tag">
              <strong>{letterOf(i + 1)}</strong> <span className="mono">{icdWithDot(d)}</span>
            </span>
          ))}
        </p>
        <table className="grid" aria-label="Claim lines">
          <thead>
            <tr>
              <th scope="col">#</th>
              <th scope="col">Date</th>
              <th scope="col">Procedure</th>
              <th scope="col">Modifiers</th>
              <th scope="col">Pointers</th>
              <th scope="col" className="num">
                Units
              </th>
              <th scope="col" className="num">
                Charge
              </th>
            </tr>
          </thead>
          <tbody>
            {c.lines.map((l, i) => (
              <tr key={l.lineNumber ?? i}>
                <td>{l.lineNumber ?? i + 1}</td>
                <td className="mono">{l.serviceDate ?? c.encounter.serviceDateFrom}</td>
                <td className="mono">
                  {serviceLineLabel({ revenueCode: l.revenueCode, procedureCode: l.procedureCode })}
                </td>
                <td className="mono">{(l.modifiers ?? []).join(' ')}</td>
                <td className="mono">{l.diagnosisPointers.map(letterOf).join('')}</td>
                <td className="num">{l.units}</td>
                <td className="num">{formatCents(l.chargeCents)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {can('claim:read') ? <PaymentHistory claimId={c.id} /> : null}
      <ClaimStatusHistoryPanel claimId={c.id} state={c.state} onChange={claim.reload} />
      <div className="claim-bottom">
        <div className="panel">
          <h2>History</h2>
          <ol className="timeline" aria-label="Claim history">
            {c.events.map((ev, i) => (
              <li key={ev.id ?? i} className={`state-${ev.toState}`}>
                <span className="when mono">{formatDateTime(ev.occurredAt)}</span>{' '}
                <strong>
                  {ev.fromState ? `${STATE_LABEL[ev.fromState] ?? ev.fromState} → ` : ''}
                  {STATE_LABEL[ev.toState] ?? ev.toState}
                </strong>
                {ev.username ? (
                  <span className="muted"> by {ev.username}</span>
                ) : (
                  <span className="muted"> (automatic)</span>
                )}
                {ev.reason ? <div className="reason">{ev.reason}</div> : null}
                {ev.fileId && can('edi:read') ? (
                  <div>
                    <Link to={`/edi-files/${ev.fileId}`}>
                      {c.files.find((f) => f.id === ev.fileId)?.fileName ?? `File #${ev.fileId}`}
                    </Link>
                  </div>
                ) : null}
              </li>
            ))}
          </ol>
        </div>
        <div className="panel">
          <h2>Files</h2>
          {c.files.length === 0 ? (
            <p className="muted">Not in any X12 file yet.</p>
          ) : (
            <ul className="files">
              {c.files.map((f) => (
                <li key={f.id}>
                  {can('edi:read') ? <Link to={`/edi-files/${f.id}`}>{f.fileName}</Link> : f.fileName}{' '}
                  <span className="tag">{f.kind}</span>{' '}
                  <span className="muted">
                    {f.direction} · {formatDateTime(f.createdAt)}
                  </span>
                </li>
              ))}
            </ul>
          )}
        </div>
      </div>
    </section>
  );
}
