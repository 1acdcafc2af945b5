/**
 * The coder's encounter screen: the note on the left with the evidence of each suggested code highlighted; the
 * suggestions, diagnoses, service lines and live edits on the right.
 */
import { codingLockedBy } from '@medbill/core';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { api, ApiError, describeError } from '../api/client.ts';
import type { Created } from '@medbill/api';
import type { CodeHit, Encounter } from '../api/claim-types.ts';
import type { PatientDetail } from '../api/types.ts';
import { useAuth } from '../auth/auth-context.tsx';
import { formatCents, icdWithDot, STATE_LABEL } from '../components/billing-format.ts';
import { Alert } from '../components/field.tsx';
import { fullName } from '../components/format.ts';
import { useApi } from '../components/use-api.ts';
import { Link, navigate, unsavedForms } from '../router.tsx';
import {
  addDiagnosis,
  blankLine,
  codingBody,
  fromEncounter,
  localProblems,
  moveDiagnosis,
  removeDiagnosis,
  type Coding,
} from './coding-model.ts';
import { DiagnosesEditor } from './diagnoses-editor.tsx';
import { EditList } from './edit-list.tsx';
import { NoteWithEvidence } from './note-evidence.tsx';
import { ServiceLinesEditor } from './service-lines-editor.tsx';
import { SuggestionsPanel } from './suggestions-panel.tsx';
import { unplacedEdits, useCodeCheck } from './use-code-check.ts';
import { useSuggestions } from './use-suggestions.ts';

const STATUS_LABEL: Record<string, string> = { to_code: 'To code', coded: 'Coded', billed: 'Billed' };

export function EncounterPage({ id }: { id: number }) {
  const { can } = useAuth();
  const enc = useApi(() => api.get<Encounter>(`/api/encounters/${id}`), [id]);
  const patientId = enc.data?.patientId;
  const patient = useApi(
    () => (patientId ? api.get<PatientDetail>(`/api/patients/${patientId}`) : Promise.resolve(null)),
    [patientId],
  );
  const [coding, setCoding] = useState<Coding | null>(null);
  const [saved, setSaved] = useState<string>('');
  const [titles, setTitles] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState<'save' | 'claim' | null>(null);
  const [message, setMessage] = useState<{ kind: 'error' | 'ok'; text: string } | null>(null);
  const unsavedKey = useRef(Symbol('encounter-coding'));
  const suggestions = useSuggestions(id, enc.reload);

  useEffect(() => {
    if (!enc.data) return;
    const c = fromEncounter(enc.data.diagnoses, enc.data.lines);
    setCoding(c);
    setSaved(JSON.stringify(codingBody(c)));
  }, [enc.data]);

  // Titles of the codes already on the encounter (the encounter stores codes only).
  useEffect(() => {
    if (!enc.data) return;
    const on = enc.data.serviceDateFrom;
    const want: Array<[string, 'diagnosis' | 'procedure']> = [
      ...enc.data.diagnoses.map((d): [string, 'diagnosis'] => [d, 'diagnosis']),
      ...enc.data.lines.map((l): [string, 'procedure'] => [l.procedureCode, 'procedure']),
    ];
    let live = true;
    void Promise.all(
      want.map(([code, kind]) =>
        api
          .get<{ items: CodeHit[] }>('/api/codes/search', {
            q: kind === 'diagnosis' ? icdWithDot(code) : code,
            kind,
            on,
            limit: 3,
          })
          .then((r) => [code, r.items.find((h) => h.code.replace('.', '') === code)?.title ?? ''] as const)
          .catch(() => [code, ''] as const),
      ),
    ).then((pairs) => live && setTitles((t) => ({ ...Object.fromEntries(pairs), ...t })));
    return () => {
      live = false;
    };
  }, [enc.data]);

  const dirty = coding ? JSON.stringify(codingBody(coding)) !== saved : false;
  useEffect(() => {
    const k = unsavedKey.current;
    if (dirty) unsavedForms.add(k);
    else unsavedForms.delete(k);
    return () => {
      unsavedForms.delete(k);
    };
  }, [dirty]);

  const pat = patient.data ? { birthDate: patient.data.birthDate, sex: patient.data.sex } : null;
  const patKey = pat ? `${pat.birthDate}|${pat.sex}` : '';
  // biome-ignore lint/correctness/useExhaustiveDependencies: a new object each render; keyed by its values
  const stablePatient = useMemo(() => pat, [patKey]);
  const check = useCodeCheck(coding, stablePatient, enc.data?.serviceDateFrom ?? null);
  const problems = useMemo(() => (coding ? localProblems(coding) : new Map<number, string>()), [coding]);

  // the server's rule: coding changes while claims are editable (draft, ready, rejected) or a correction is open
  const sentClaim = enc.data ? codingLockedBy(enc.data.claims) : null;
  const readOnly = !can('encounter:write') || Boolean(sentClaim);
  const update = useCallback((f: (c: Coding) => Coding) => setCoding((c) => (c ? f(c) : c)), []);
  const addTitle = useCallback(
    (code: string, title: string) => setTitles((t) => ({ ...t, [code.replace('.', '').toUpperCase()]: title })),
    [],
  );

  const save = async (): Promise<boolean> => {
    if (!coding) return false;
    if (problems.size) {
      setMessage({ kind: 'error', text: 'Fix the lines marked in red before saving.' });
      return false;
    }
    setBusy('save');
    setMessage(null);
    try {
      await api.put<Encounter>(`/api/encounters/${id}/coding`, codingBody(coding));
      setSaved(JSON.stringify(codingBody(coding)));
      setMessage({ kind: 'ok', text: 'Coding saved.' });
      enc.reload();
      return true;
    } catch (e) {
      const missing =
        e instanceof ApiError &&
        (e.status === 405 ||
          (e.status === 404 && /route/i.test(e.message)) ||
          /declares no permission/.test(e.message));
      const issues = e instanceof ApiError && e.issues.length ? ` ${e.issues.map((i) => i.message).join('; ')}` : '';
      setMessage({
        kind: 'error',
        text: missing ? 'Saving coding is not available on this server yet.' : describeError(e) + issues,
      });
      return false;
    } finally {
      setBusy(null);
    }
  };

  const createClaim = async () => {
    if (dirty && !(await save())) return;
    setBusy('claim');
    setMessage(null);
    try {
      const r = await api.post<Created>(`/api/encounters/${id}/claims`, {});
      enc.reload();
      navigate(`/claims/${r.id}`);
    } catch (e) {
      setMessage({ kind: 'error', text: describeError(e) });
    } finally {
      setBusy(null);
    }
  };

  if (enc.error) return <Alert>{enc.error}</Alert>;
  if (!enc.data || !coding) return <p className="muted">Loading…</p>;
  const e = enc.data;
  const general = unplacedEdits(check.edits);
  const errors = check.edits.filter((x) => x.severity === 'error').length;
  return (
    <section className="encounter">
      <p className="crumbs">
        <Link to="/coding">← Coding queue</Link>
      </p>
      <div className="page-head">
        <h1>{patient.data ? fullName(patient.data) : `Encounter ${e.id}`}</h1>
        {patient.data ? (
          <Link className="tag mono" to={`/patients/${patient.data.id}`} title="Open the patient">
            {patient.data.accountNumber}
          </Link>
        ) : null}
        <span className="muted">
          {patient.data ? `DOB ${patient.data.birthDate} · ${patient.data.sex} · ` : ''}Date of service{' '}
          {e.serviceDateFrom}
          {e.serviceDateTo && e.serviceDateTo !== e.serviceDateFrom ? `–${e.serviceDateTo}` : ''} · POS{' '}
          {e.placeOfService}
        </span>
        <span className={`tag status-${e.status}`}>{STATUS_LABEL[e.status] ?? e.status}</span>
        {e.claims.map((c) => (
          <Link key={c.id} className="tag" to={`/claims/${c.id}`}>
            Claim {c.claimNumber} · {STATE_LABEL[c.state] ?? c.state} · {formatCents(c.totalChargeCents)}
          </Link>
        ))}
      </div>
      {sentClaim ? (
        <Alert kind="info">
          Claim {sentClaim.claimNumber} has been sent; the coding can no longer change here. To change it, open the
          claim and correct it (a replacement claim).
        </Alert>
      ) : null}
      <div className="split">
        <article className="panel note" aria-labelledby="note-h">
          <h2 id="note-h">Clinical note</h2>
          <div className="note-text" tabIndex={0} aria-label="Note text">
            <NoteWithEvidence
              note={e.noteText ?? ''}
              suggestions={suggestions.data}
              active={suggestions.active}
              onPick={suggestions.setActive}
            />
          </div>
        </article>
        <div className="panel code-panel" aria-label="Coding">
          <SuggestionsPanel
            s={suggestions}
            diagnoses={e.diagnoses}
            dateOfService={e.serviceDateFrom}
            blocked={
              readOnly
                ? sentClaim
                  ? 'The claim has been sent: suggestions can no longer be taken here.'
                  : 'Your role may not change the coding.'
                : dirty
                  ? 'Save or undo your changes first: an accepted code goes straight onto the saved diagnoses.'
                  : null
            }
          />
          <DiagnosesEditor
            diagnoses={coding.diagnoses}
            titles={titles}
            edits={check.edits}
            dateOfService={e.serviceDateFrom}
            readOnly={readOnly}
            onAdd={(code, title) => {
              addTitle(code, title);
              update((c) => addDiagnosis(c, code));
            }}
            onMove={(from, to) => update((c) => moveDiagnosis(c, from, to))}
            onRemove={(i) => update((c) => removeDiagnosis(c, i))}
          />
          <ServiceLinesEditor
            lines={coding.lines}
            diagnoses={coding.diagnoses}
            titles={titles}
            edits={check.edits}
            problems={problems}
            dateOfService={e.serviceDateFrom}
            readOnly={readOnly}
            onChange={(key, line) => update((c) => ({ ...c, lines: c.lines.map((l) => (l.key === key ? line : l)) }))}
            onRemove={(key) => update((c) => ({ ...c, lines: c.lines.filter((l) => l.key !== key) }))}
            onAdd={() => update((c) => ({ ...c, lines: [...c.lines, blankLine(c.diagnoses.length ? [1] : [])] }))}
            onTitle={addTitle}
          />
          <EditList edits={general} label="Other edits" />
          <p className="check-status" role="status">
            {problems.size ? <span className="bad">{problems.size} line(s) to complete before saving. </span> : null}
            {check.error ? (
              <span className="bad">Edits could not be checked: {check.error}</span>
            ) : check.checking ? (
              'Checking…'
            ) : errors ? (
              `${errors} error(s) to fix`
            ) : check.edits.length ? (
              `${check.edits.length} warning(s)`
            ) : (
              'No edits.'
            )}
          </p>
          <Alert kind={message?.kind ?? 'error'}>{message?.text}</Alert>
          {readOnly ? null : (
            <div className="buttons">
              <button type="button" className="primary" onClick={() => void save()} disabled={busy !== null || !dirty}>
                {busy === 'save' ? 'Saving…' : 'Save coding'}
              </button>
              <button
                type="button"
                onClick={() => void createClaim()}
                disabled={busy !== null || !can('claim:write') || coding.lines.length === 0 || e.claims.length > 0}
                title={
                  !can('claim:write')
                    ? 'Your role may not create claims; a biller will.'
                    : e.claims.length
                      ? 'This encounter already has a claim.'
                      : undefined
                }
              >
                {busy === 'claim' ? 'Creating…' : 'Create claim'}
              </button>
              {dirty ? <span className="muted">Unsaved changes</span> : null}
              {!can('claim:write') ? (
                <span className="muted">A biller makes the claim once the coding is saved.</span>
              ) : null}
            </div>
          )}
        </div>
      </div>
    </section>
  );
}
