/** Service lines: procedure (type-ahead, procedures only), up to four modifiers, units, pointers as letter toggles. */
import { useId } from 'react';
import type { CodeEdit } from '../api/claim-types.ts';
import { formatCents, icdWithDot, letterOf, parseDollars } from '../components/billing-format.ts';
import { CodeSearch } from './code-search.tsx';
import { togglePointer, type DraftLine } from './coding-model.ts';
import { EditList } from './edit-list.tsx';
import { editsAt } from './use-code-check.ts';

interface Props {
  lines: DraftLine[];
  diagnoses: string[];
  titles: Record<string, string>;
  edits: CodeEdit[];
  problems: Map<number, string>;
  dateOfService: string;
  readOnly: boolean;
  onChange: (key: number, line: DraftLine) => void;
  onRemove: (key: number) => void;
  onAdd: () => void;
  onTitle: (code: string, title: string) => void;
}

export function ServiceLinesEditor({
  lines,
  diagnoses,
  titles,
  edits,
  problems,
  dateOfService,
  readOnly,
  onChange,
  onRemove,
  onAdd,
  onTitle,
}: Props) {
  let procIndex = -1;
  return (
    <div className="code-block">
      <div className="page-head">
        <h3>Service lines</h3>
        {readOnly ? null : (
          <button type="button" className="small" onClick={onAdd} disabled={lines.length >= 50}>
            Add line
          </button>
        )}
      </div>
      {lines.length === 0 ? <p className="muted">No service lines yet.</p> : null}
      <ol className="line-list" aria-label="Service lines">
        {lines.map((l, i) => {
          if (l.procedureCode.trim()) procIndex++;
          const mine = l.procedureCode.trim() ? editsAt(edits, 'procedure', procIndex) : [];
          return (
            <LineEditor
              key={l.key}
              n={i + 1}
              line={l}
              diagnoses={diagnoses}
              title={titles[l.procedureCode.toUpperCase()] ?? ''}
              edits={mine}
              problem={problems.get(l.key)}
              dateOfService={dateOfService}
              readOnly={readOnly}
              onChange={(next) => onChange(l.key, next)}
              onRemove={() => onRemove(l.key)}
              onTitle={onTitle}
            />
          );
        })}
      </ol>
    </div>
  );
}

interface LineProps {
  n: number;
  line: DraftLine;
  diagnoses: string[];
  title: string;
  edits: CodeEdit[];
  problem?: string;
  dateOfService: string;
  readOnly: boolean;
  onChange: (l: DraftLine) => void;
  onRemove: () => void;
  onTitle: (code: string, title: string) => void;
}

function LineEditor({
  n,
  line,
  diagnoses,
  title,
  edits,
  problem,
  dateOfService,
  readOnly,
  onChange,
  onRemove,
  onTitle,
}: LineProps) {
  const id = useId();
  const sev = problem || edits.some((e) => e.severity === 'error') ? ' has-error' : edits.length ? ' has-warning' : '';
  const setCode = (code: string) =>
    onChange({
      ...line,
      procedureCode: code.toUpperCase(),
      ...(code.toUpperCase() !== line.procedureCode && !line.chargeEdited
        ? { chargeText: '', chargeOverrideReason: null }
        : {}),
    });
  const setModifier = (i: number, v: string) => {
    const mods = [...line.modifiers];
    while (mods.length < 4) mods.push('');
    mods[i] = v.toUpperCase().slice(0, 2);
    while (mods.length && !mods[mods.length - 1]) mods.pop();
    onChange({ ...line, modifiers: mods });
  };
  return (
    <li className={`svc-line${sev}`} data-testid={`line-${n}`}>
      <div className="svc-head">
        <strong>Line {n}</strong>
        <span className="title">{title}</span>
        {readOnly ? null : (
          <button type="button" className="small" onClick={onRemove} aria-label={`Remove line ${n}`}>
            ✕
          </button>
        )}
      </div>
      <div className="svc-fields">
        {readOnly ? (
          <span className="mono code">{line.procedureCode}</span>
        ) : (
          <CodeSearch
            label={`Procedure, line ${n}`}
            kind="procedure"
            on={dateOfService}
            size="m"
            clearOnPick={false}
            value={line.procedureCode}
            onTextChange={setCode}
            onPick={(h) => {
              onTitle(h.code.toUpperCase(), h.title);
              setCode(h.code);
            }}
            placeholder="99213, office visit"
          />
        )}
        {[0, 1, 2, 3].map((i) => (
          <div className="field field-xs" key={i}>
            <label htmlFor={`${id}-m${i}`}>
              Mod {i + 1}
              <span className="sr-only">, line {n}</span>
            </label>
            <input
              id={`${id}-m${i}`}
              className="mono"
              value={line.modifiers[i] ?? ''}
              maxLength={2}
              readOnly={readOnly}
              disabled={!readOnly && i > 0 && !line.modifiers[i - 1] && !line.modifiers[i]}
              onChange={(e) => setModifier(i, e.target.value)}
            />
          </div>
        ))}
        <div className="field field-xs">
          <label htmlFor={`${id}-units`}>
            Units<span className="sr-only">, line {n}</span>
          </label>
          <input
            id={`${id}-units`}
            type="number"
            min={1}
            max={9999}
            value={line.units}
            readOnly={readOnly}
            onChange={(e) => onChange({ ...line, units: Math.trunc(Number(e.target.value)) })}
          />
        </div>
        <div className="field field-s">
          <label htmlFor={`${id}-charge`}>
            Charge ($)<span className="sr-only">, line {n}</span>
          </label>
          <input
            id={`${id}-charge`}
            className="num"
            inputMode="decimal"
            placeholder="fee schedule"
            value={line.chargeText}
            readOnly={readOnly}
            aria-describedby={`${id}-charge-hint`}
            onChange={(e) => onChange({ ...line, chargeText: e.target.value, chargeEdited: true })}
          />
          <div className="hint" id={`${id}-charge-hint`}>
            {line.chargeText && parseDollars(line.chargeText) !== null ? (
              formatCents(parseDollars(line.chargeText))
            ) : (
              <span className="sr-only">Empty: the charge comes from the fee schedule.</span>
            )}
          </div>
        </div>
        {line.chargeEdited && line.chargeText.trim() ? (
          <div className="field field-m">
            <label htmlFor={`${id}-reason`}>
              Charge reason<span className="sr-only">, line {n}</span>
            </label>
            <input
              id={`${id}-reason`}
              value={line.chargeOverrideReason ?? ''}
              readOnly={readOnly}
              maxLength={200}
              onChange={(e) => onChange({ ...line, chargeOverrideReason: e.target.value })}
            />
          </div>
        ) : line.chargeOverrideReason ? (
          <span className="hint">Charge set by hand: {line.chargeOverrideReason}</span>
        ) : null}
      </div>
      <fieldset className="pointers" disabled={readOnly}>
        <legend>
          Diagnosis pointers<span className="sr-only">, line {n}</span>
        </legend>
        {diagnoses.length === 0 ? <span className="muted">Add a diagnosis first.</span> : null}
        {diagnoses.map((d, i) => {
          const on = line.diagnosisPointers.includes(i + 1);
          const order = line.diagnosisPointers.indexOf(i + 1);
          return (
            <button
              key={d}
              type="button"
              className={on ? 'ptr on' : 'ptr'}
              aria-pressed={on}
              title={`${icdWithDot(d)}${on ? ` (pointer ${order + 1})` : ''}`}
              aria-label={`Point line ${n} at ${letterOf(i + 1)}, ${icdWithDot(d)}`}
              onClick={() => onChange(togglePointer(line, i + 1))}
            >
              {letterOf(i + 1)}
              {on && line.diagnosisPointers.length > 1 ? <sup>{order + 1}</sup> : null}
            </button>
          );
        })}
      </fieldset>
      {problem ? <div className="field-error">{problem}</div> : null}
      <EditList edits={edits} label={`Edits for line ${n}`} />
    </li>
  );
}
