/** One denial to work: its reason and remarks in words, notes, and the actions the analyst may take. */
import type { DenialActionResult, DenialDetail } from '@medbill/api';
import type { VoidDisposition } from '@medbill/core';
import { useState } from 'react';
import { api, describeError } from '../api/client.ts';
import { useAuth } from '../auth/auth-context.tsx';
import { formatCents } from '../components/billing-format.ts';
import { Alert } from '../components/field.tsx';
import { VoidDispositionChoice } from '../components/void-disposition.tsx';
import { formatDateTime } from '../components/format.ts';
import { useApi } from '../components/use-api.ts';
import { Link } from '../router.tsx';

type Note = { kind: 'ok' | 'error'; text: string; claimId?: number; pdfUrl?: string } | null;

/** The appeal route answers a PDF: fetched as bytes and opened from a blob URL. */
async function printAppeal(id: number, argument: string, attachments: string[]): Promise<string> {
  const res = await fetch(`/api/denials/${id}/appeal`, {
    method: 'POST',
    credentials: 'same-origin',
    headers: { 'Content-Type': 'application/json', Accept: 'application/pdf, application/json' },
    body: JSON.stringify({ argument, attachments }),
  });
  if (!res.ok) {
    const body = (await res.json().catch(() => ({}))) as { message?: string };
    throw new Error(body.message ?? `The appeal letter could not be printed (${res.status})`);
  }
  return URL.createObjectURL(await res.blob());
}

export function DenialPanel({ id, onChanged }: { id: number; onChanged: () => void }) {
  const { can } = useAuth();
  const d = useApi(() => api.get<DenialDetail>(`/api/denials/${id}`), [id]);
  const [reason, setReason] = useState('');
  const [noteText, setNoteText] = useState('');
  const [argument, setArgument] = useState('');
  const [attachments, setAttachments] = useState('');
  const [note, setNote] = useState<Note>(null);
  const [busy, setBusy] = useState(false);
  const [voiding, setVoiding] = useState(false);
  const [disposition, setDisposition] = useState<VoidDisposition | null>(null);

  const run = async (work: () => Promise<Note>) => {
    setBusy(true);
    setNote(null);
    try {
      setNote(await work());
      d.reload();
      onChanged();
    } catch (e) {
      setNote({ kind: 'error', text: describeError(e) });
    } finally {
      setBusy(false);
    }
  };
  const act = (path: string, body: object) =>
    run(async () => {
      const r = await api.post<DenialActionResult>(`/api/denials/${id}/${path}`, body);
      return {
        kind: 'ok',
        text: r.message,
        ...(r.claimId && path === 'replacement-claim' ? { claimId: r.claimId } : {}),
      };
    });

  if (d.error) return <Alert>{d.error}</Alert>;
  if (!d.data) return <p className="muted">Loading…</p>;
  const x = d.data;
  const open = x.status === 'open' || x.status === 'appealed';
  return (
    <div className="panel denial-panel" aria-label={`Denial on ${x.claimNumber}`}>
      <h2>
        {x.claimNumber} · {x.patientName} · {x.payerName}
      </h2>
      <p>
        <strong>{formatCents(x.amountCents)}</strong> on {x.procedure ?? 'the whole claim'} —{' '}
        {x.group ? `${x.group}-${x.reason} ` : ''}
        {x.reasonText} <span className="tag">{x.causeLabel}</span>{' '}
        <span className="tag">{x.status.replace('_', ' ')}</span>
      </p>
      {x.remarks.map((m) => (
        <p key={m.code} className="muted">
          {m.code}: {m.text}
        </p>
      ))}
      <p className="muted">
        Denied {x.deniedOn}
        {x.appealDeadline ? ` · appeal by ${x.appealDeadline} (${x.daysLeft} days left)` : ''} · ERA{' '}
        <Link to={`/eras/${x.remittanceId}`}>#{x.remittanceId}</Link>
      </p>
      <Alert kind={note?.kind ?? 'ok'}>
        {note?.text}
        {note?.claimId ? (
          <>
            {' '}
            <Link to={`/claims/${note.claimId}`}>Open the new claim</Link>
          </>
        ) : null}
        {note?.pdfUrl ? (
          <>
            {' '}
            <a href={note.pdfUrl} target="_blank" rel="noreferrer">
              Open the appeal letter
            </a>
          </>
        ) : null}
      </Alert>
      {open && can('denial:work') ? (
        <div className="denial-actions">
          <label>
            Reason <input aria-label="Reason" value={reason} onChange={(e) => setReason(e.target.value)} size={40} />
          </label>{' '}
          <button
            type="button"
            disabled={busy}
            onClick={() => void act('replacement-claim', { kind: 'correct', reason })}
          >
            Corrected claim
          </button>{' '}
          <button
            type="button"
            disabled={busy || voiding}
            aria-expanded={voiding}
            onClick={() => {
              setDisposition(null);
              setVoiding(true);
            }}
          >
            Void claim
          </button>{' '}
          <button type="button" disabled={busy} onClick={() => void act('transfer-to-patient', { reason })}>
            Move to patient
          </button>{' '}
          {can('denial:write_off') ? (
            <button type="button" disabled={busy} onClick={() => void act('write-off', { reason })}>
              Write off
            </button>
          ) : null}
          {voiding ? (
            <fieldset className="void-choice">
              <legend>Void the claim</legend>
              <VoidDispositionChoice
                value={disposition}
                onChange={setDisposition}
                canWriteOff={can('denial:write_off')}
              />
              <button
                type="button"
                className="primary"
                disabled={busy || !disposition}
                onClick={() =>
                  void act('replacement-claim', { kind: 'void', reason, disposition }).then(() => setVoiding(false))
                }
              >
                Make the void claim
              </button>{' '}
              <button type="button" disabled={busy} onClick={() => setVoiding(false)}>
                Cancel
              </button>
            </fieldset>
          ) : null}
          <fieldset>
            <legend>Appeal</legend>
            <textarea
              aria-label="Appeal argument"
              rows={4}
              cols={70}
              value={argument}
              onChange={(e) => setArgument(e.target.value)}
            />
            <br />
            <label>
              Attachments (one per line){' '}
              <textarea
                aria-label="Attachments"
                rows={2}
                cols={40}
                value={attachments}
                onChange={(e) => setAttachments(e.target.value)}
              />
            </label>{' '}
            <button
              type="button"
              disabled={busy || x.status === 'appealed'}
              onClick={() =>
                void run(async () => {
                  const url = await printAppeal(
                    id,
                    argument,
                    attachments
                      .split('\n')
                      .map((a) => a.trim())
                      .filter(Boolean),
                  );
                  return { kind: 'ok', text: 'Appeal letter printed; the denial is appealed.', pdfUrl: url };
                })
              }
            >
              Print appeal letter
            </button>
          </fieldset>
        </div>
      ) : null}
      <h3>Notes</h3>
      {can('denial:work') ? (
        <p>
          <input aria-label="Note" value={noteText} onChange={(e) => setNoteText(e.target.value)} size={60} />{' '}
          <button
            type="button"
            disabled={busy || !noteText.trim()}
            onClick={() => void act('notes', { note: noteText }).then(() => setNoteText(''))}
          >
            Add note
          </button>
        </p>
      ) : null}
      <ul data-testid="denial-history">
        {x.history.map((n, i) => (
          <li key={`${n.at}${i}`}>
            {formatDateTime(n.at)} {n.username ?? ''}: {n.note}
          </li>
        ))}
      </ul>
    </div>
  );
}
