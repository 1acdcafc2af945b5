/** The chosen diagnoses in order, lettered A–L as in CMS-1500 box 21: add by search, reorder, remove. */
import type { CodeEdit } from '../api/claim-types.ts';
import { icdWithDot, letterOf } from '../components/billing-format.ts';
import { CodeSearch } from './code-search.tsx';
import { EditList } from './edit-list.tsx';
import { editsAt } from './use-code-check.ts';

interface Props {
  diagnoses: string[];
  titles: Record<string, string>;
  edits: CodeEdit[];
  dateOfService: string;
  readOnly: boolean;
  onAdd: (code: string, title: string) => void;
  onMove: (from: number, to: number) => void;
  onRemove: (index: number) => void;
}

export function DiagnosesEditor({ diagnoses, titles, edits, dateOfService, readOnly, onAdd, onMove, onRemove }: Props) {
  return (
    <div className="code-block">
      <h3>Diagnoses</h3>
      {readOnly ? null : (
        <CodeSearch
          label="Add a diagnosis (ICD-10-CM)"
          kind="diagnosis"
          on={dateOfService}
          onPick={(h) => onAdd(h.code, h.title)}
          placeholder="code, words or abbreviation: e11.9, diabetes, chf"
          hint={diagnoses.length >= 12 ? 'A claim holds at most 12 diagnoses.' : '↑/↓ to choose, Enter to add.'}
        />
      )}
      {diagnoses.length === 0 ? (
        <p className="muted">No diagnoses yet.</p>
      ) : (
        <ol className="dx-list" aria-label="Chosen diagnoses">
          {diagnoses.map((d, i) => {
            const mine = editsAt(edits, 'diagnosis', i);
            const sev = mine.some((e) => e.severity === 'error') ? ' has-error' : mine.length ? ' has-warning' : '';
            return (
              <li key={d} className={`dx${sev}`} data-testid={`dx-${i}`}>
                <div className="dx-row">
                  <span className="letter" aria-label={`Diagnosis ${letterOf(i + 1)}`}>
                    {letterOf(i + 1)}
                  </span>
                  <span className="mono code">{icdWithDot(d)}</span>
                  <span className="title">{titles[d] ?? ''}</span>
                  {readOnly ? null : (
                    <span className="row-buttons">
                      <button
                        type="button"
                        className="small"
                        disabled={i === 0}
                        onClick={() => onMove(i, i - 1)}
                        aria-label={`Move ${icdWithDot(d)} up`}
                      >
                        ↑
                      </button>
                      <button
                        type="button"
                        className="small"
                        disabled={i === diagnoses.length - 1}
                        onClick={() => onMove(i, i + 1)}
                        aria-label={`Move ${icdWithDot(d)} down`}
                      >
                        ↓
                      </button>
                      <button
                        type="button"
                        className="small"
                        onClick={() => onRemove(i)}
                        aria-label={`Remove ${icdWithDot(d)}`}
                      >
                        ✕
                      </button>
                    </span>
                  )}
                </div>
                <EditList edits={mine} label={`Edits for ${icdWithDot(d)}`} />
              </li>
            );
          })}
        </ol>
      )}
    </div>
  );
}
