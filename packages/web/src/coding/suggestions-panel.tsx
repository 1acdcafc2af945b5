/**
 * Codes suggested from the note: each with its evidence, the Index path and checks behind it, traits and what the
 * note leaves unsaid; the coder accepts (the code joins the diagnoses), rejects, or replaces it with another code.
 */
import type { CodeSuggestionView, ProcedureSuggestionView } from '@medbill/api';
import { useState } from 'react';
import { Alert } from '../components/field.tsx';
import { CodeSearch } from './code-search.tsx';
import { OfficeModelLine } from './office-model-line.tsx';
import type { Suggestions } from './use-suggestions.ts';

interface Props {
  s: Suggestions;
  /** codes already on the encounter (without dots) */
  diagnoses: string[];
  dateOfService: string;
  /** why the coder cannot decide now (read-only encounter, unsaved changes), if so */
  blocked: string | null;
}

const TRAIT_WORDS: Record<string, string> = {
  negated: 'negated',
  uncertain: 'uncertain',
  hypothetical: 'hypothetical',
  family: 'family history',
  history: 'history of',
};

export function SuggestionsPanel({ s, diagnoses, dateOfService, blocked }: Props) {
  if (s.error) return <Alert>Suggestions could not be made: {s.error}</Alert>;
  if (s.loading || !s.data) return <p className="muted">Reading the note…</p>;
  const r = s.data;
  return (
    <section className="code-block suggestions" aria-labelledby="sugg-h">
      <h3 id="sugg-h">Suggested from the note</h3>
      <p className="muted small-print">
        ICD-10-CM {r.release} · {r.suggestions.length} suggestion(s) · highest confidence first
      </p>
      <OfficeModelLine office={r.office} onLearnt={s.reload} />
      {r.demo ? (
        <Alert kind="info">
          Only the demo code list is loaded: suggestions come from its titles alone. Import the official ICD-10-CM files
          (medbill codes import) for suggestions from the Alphabetic Index.
        </Alert>
      ) : null}
      {r.notices.map((n) => (
        <Alert key={n} kind="info">
          {n}
        </Alert>
      ))}
      {blocked ? <p className="muted">{blocked}</p> : null}
      <Alert>{s.message}</Alert>
      {r.suggestions.length === 0 ? <p className="muted">No codes suggested for this note.</p> : null}
      <ol className="dx-list" aria-label="Suggested codes">
        {r.suggestions.map((x) => (
          <SuggestionItem
            key={x.code}
            x={x}
            s={s}
            onEncounter={diagnoses.includes(x.code.replace('.', ''))}
            dateOfService={dateOfService}
            blocked={blocked}
          />
        ))}
      </ol>
      {r.procedures.length ? (
        <>
          <h4 id="proc-h">Procedures, supplies and drugs</h4>
          <p className="muted small-print">
            HCPCS from the official descriptions; CPT only by the code number the note writes, from your licensed set.
            Add them as service lines with their charge.
          </p>
          <ol className="dx-list" aria-labelledby="proc-h">
            {r.procedures.map((p) => (
              <ProcedureItem key={p.code} p={p} s={s} />
            ))}
          </ol>
        </>
      ) : null}
      {r.notCoded.length ? (
        <p className="muted not-coded-list">
          Read but not coded:{' '}
          {[...new Map(r.notCoded.map((n) => [`${n.why}|${n.text}`, n])).values()]
            .map((n) => `“${n.text}” (${n.why})`)
            .join(', ')}
        </p>
      ) : null}
    </section>
  );
}

interface ItemProps {
  x: CodeSuggestionView;
  s: Suggestions;
  onEncounter: boolean;
  dateOfService: string;
  blocked: string | null;
}

function SuggestionItem({ x, s, onEncounter, dateOfService, blocked }: ItemProps) {
  const [editing, setEditing] = useState(false);
  const decision = s.decided.get(x.code);
  const traits = Object.entries(x.traits)
    .filter(([k, v]) => v === true && TRAIT_WORDS[k])
    .map(([k]) => TRAIT_WORDS[k]);
  if (x.traits.laterality) traits.push(x.traits.laterality);
  const disabled = blocked !== null || s.busy !== null;
  // what the office's own coded notes said, apart from the code books' checks
  const office = x.reason.checks.filter((c) => c.startsWith('this office '));
  const books = x.reason.checks.filter((c) => !c.startsWith('this office '));
  return (
    <li
      className={`dx suggestion${s.active === x.code ? ' active' : ''}${decision ? ` is-${decision}` : ''}`}
      data-testid={`suggestion-${x.code}`}
      onMouseEnter={() => s.setActive(x.code)}
      onFocus={() => s.setActive(x.code)}
    >
      <div className="dx-row">
        <span className="mono code">{x.code}</span>
        <span className="title">{x.title}</span>
        <span className="tag" title="How likely a coder keeps this code for this note">
          {Math.round(x.confidence * 100)}%
        </span>
      </div>
      <div className="suggestion-why">
        <span>Evidence: {x.spans.map((sp) => `“${sp.text}”`).join(', ')}</span>
        <span className="muted"> · {x.reason.indexPath}</span>
        {traits.length ? <span className="muted"> · {traits.join(', ')}</span> : null}
      </div>
      {office.length ? (
        <div className="suggestion-office" data-testid={`office-evidence-${x.code}`}>
          {office.map((c) => `${c[0].toUpperCase()}${c.slice(1)}.`).join(' ')}
        </div>
      ) : null}
      {books.length ? <div className="muted small-print">{books.join('; ')}</div> : null}
      {[
        ...x.needs.map((n) => `Needs: ${n}`),
        ...x.pairs.map((p) => `${p.rule === 'code-first' ? 'Code first' : 'Also code'} ${p.code}: ${p.note}`),
        ...x.excludes.map((e) => `Excludes1 with ${e.code}: ${e.note}`),
        ...x.warnings,
      ].map((w) => (
        <div key={w} className="suggestion-note">
          {w}
        </div>
      ))}
      <div className="row-buttons suggestion-buttons">
        {decision === 'accepted' || onEncounter ? (
          <span className="tag tag-ok">On the encounter</span>
        ) : decision === 'rejected' ? (
          <span className="tag tag-bad">Rejected</span>
        ) : null}
        {decision === 'accepted' || onEncounter ? null : (
          <>
            <button
              type="button"
              className="small primary"
              disabled={disabled}
              onClick={() => void s.decide(x, 'accepted')}
              aria-label={`Accept ${x.code}`}
            >
              Accept
            </button>
            {decision === 'rejected' ? null : (
              <button
                type="button"
                className="small"
                disabled={disabled}
                onClick={() => void s.decide(x, 'rejected')}
                aria-label={`Reject ${x.code}`}
              >
                Reject
              </button>
            )}
            <button
              type="button"
              className="small"
              disabled={disabled}
              onClick={() => setEditing((e) => !e)}
              aria-label={`Edit ${x.code}`}
              aria-expanded={editing}
            >
              Edit…
            </button>
          </>
        )}
      </div>
      {editing && !disabled ? (
        <CodeSearch
          label={`Accept another code in place of ${x.code}`}
          kind="diagnosis"
          on={dateOfService}
          size="m"
          placeholder={`e.g. a more specific code than ${x.code}`}
          onPick={(h) => void s.decide(x, 'accepted', h.code).then((ok) => ok && setEditing(false))}
        />
      ) : null}
    </li>
  );
}

function ProcedureItem({ p, s }: { p: ProcedureSuggestionView; s: Suggestions }) {
  return (
    <li
      className={`dx suggestion${s.active === p.code ? ' active' : ''}`}
      data-testid={`procedure-${p.code}`}
      onMouseEnter={() => s.setActive(p.code)}
      onFocus={() => s.setActive(p.code)}
    >
      <div className="dx-row">
        <span className="mono code">{p.code}</span>
        <span className="title">{p.title}</span>
        <span className="tag">{p.codeSet === 'cpt' ? 'CPT' : 'HCPCS'}</span>
        <span className="tag" title="How likely a coder keeps this code for this note">
          {Math.round(p.confidence * 100)}%
        </span>
      </div>
      <div className="suggestion-why">
        <span>Evidence: {p.spans.map((sp) => `“${sp.text}”`).join(', ')}</span>
        {p.units ? <span className="muted"> · {p.units} unit(s)</span> : null}
      </div>
      <div className="muted small-print">{p.reason.checks.join('; ')}</div>
    </li>
  );
}
