/** A labelled input, select or read-only value with its error message tied to it for screen readers. */
import { useId, type ComponentProps, type ReactNode } from 'react';

export interface Option {
  value: string;
  label: string;
}

interface FieldProps {
  label: string;
  value: string;
  onChange: (v: string) => void;
  error?: string;
  kind?: 'text' | 'date' | 'number' | 'email' | 'tel' | 'password' | 'select' | 'search';
  options?: Option[];
  required?: boolean;
  readOnly?: boolean;
  hint?: ReactNode;
  size?: 's' | 'm' | 'l';
  name?: string;
  inputProps?: ComponentProps<'input'>;
}

export function Field({
  label,
  value,
  onChange,
  error,
  kind = 'text',
  options,
  required,
  readOnly,
  hint,
  size = 'm',
  name,
  inputProps,
}: FieldProps) {
  const id = useId();
  const errId = `${id}-err`;
  const hintId = `${id}-hint`;
  const described = [error ? errId : '', hint ? hintId : ''].filter(Boolean).join(' ') || undefined;
  const common = {
    id,
    name,
    'aria-invalid': error ? true : undefined,
    'aria-describedby': described,
    required,
  };
  return (
    <div className={`field field-${size}${error ? ' has-error' : ''}`}>
      <label htmlFor={id}>
        {label}
        {required ? (
          <span className="req" aria-hidden="true">
            {' '}
            *
          </span>
        ) : null}
      </label>
      {kind === 'select' ? (
        <select {...common} value={value} disabled={readOnly} onChange={(e) => onChange(e.target.value)}>
          {!required || value === '' ? <option value="">—</option> : null}
          {(options ?? []).map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
      ) : (
        <input
          {...common}
          {...inputProps}
          type={kind}
          value={value}
          readOnly={readOnly}
          onChange={(e) => onChange(e.target.value)}
        />
      )}
      {hint ? (
        <div className="hint" id={hintId}>
          {hint}
        </div>
      ) : null}
      {error ? (
        <div className="field-error" id={errId}>
          {error}
        </div>
      ) : null}
    </div>
  );
}

export function Alert({ kind = 'error', children }: { kind?: 'error' | 'ok' | 'info'; children: ReactNode }) {
  if (!children) return null;
  return (
    <div className={`alert alert-${kind}`} role={kind === 'error' ? 'alert' : 'status'}>
      {children}
    </div>
  );
}
