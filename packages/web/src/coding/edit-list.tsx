/** Coding or claim edits shown beside what they concern: errors red, warnings amber, with the rule that fired. */
import type { CodeEdit } from '../api/claim-types.ts';

export function EditList({
  edits,
  label,
}: {
  edits: Array<Pick<CodeEdit, 'severity' | 'message' | 'ruleId' | 'source'>>;
  label?: string;
}) {
  if (!edits.length) return null;
  return (
    <ul className="edits" aria-label={label ?? 'Edits'}>
      {edits.map((e, i) => (
        <li key={`${e.ruleId}-${i}`} className={e.severity === 'error' ? 'edit edit-error' : 'edit edit-warning'}>
          <span className="sev">{e.severity === 'error' ? 'Error' : 'Warning'}</span> {e.message}{' '}
          <span className="rule" title="Rule and where it comes from">
            {e.ruleId}
            {e.source ? ` · ${e.source}` : ''}
          </span>
        </li>
      ))}
    </ul>
  );
}
