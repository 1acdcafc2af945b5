/**
 * A form for one record described by field definitions. Create sends every filled field; edit sends
 * only what changed (an emptied optional field becomes null). 400/409 issues appear next to their field.
 */
import { useEffect, useMemo, useRef, useState, type FormEvent, type KeyboardEvent, type ReactNode } from 'react';
import { ApiError, describeError } from '../api/client.ts';
import { unsavedForms } from '../router.tsx';
import { Alert, Field } from './field.tsx';
import { payload, toValues, type FieldDef, type Values } from './form-values.ts';

export type { FieldDef, Values };

interface EntityFormProps {
  fields: FieldDef[];
  /** the record being edited, or null to create one */
  record: Record<string, unknown> | null;
  onSubmit: (body: Record<string, unknown>) => Promise<unknown>;
  readOnly?: boolean;
  submitLabel?: string;
  title?: string;
  /** accessible name when there is no visible title */
  label?: string;
  onCancel?: () => void;
  extraButtons?: ReactNode;
  /** values a new record starts with (shown when they are fields), all sent on create (e.g. patientId) */
  fixed?: Record<string, unknown>;
}

export function EntityForm({
  fields,
  record,
  onSubmit,
  readOnly,
  submitLabel,
  title,
  label,
  onCancel,
  extraButtons,
  fixed,
}: EntityFormProps) {
  // Reset only when the shown values change, not on every new record object (keeps unsaved edits).
  const recordKey = JSON.stringify(record ? toValues(fields, record) : { new: fixed ?? null });
  const fieldsKey = fields.map((f) => `${f.name}:${f.options?.length ?? ''}`).join(',');
  // biome-ignore lint/correctness/useExhaustiveDependencies: deliberately keyed (see the comment above)
  const initial = useMemo(() => (record ? toValues(fields, record) : null), [recordKey, fieldsKey]);
  const [values, setValues] = useState<Values>(() => toValues(fields, record ?? fixed));
  const formRef = useRef<HTMLFormElement>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<string | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  // biome-ignore lint/correctness/useExhaustiveDependencies: deliberately keyed (see the comment above)
  useEffect(() => {
    setValues(toValues(fields, record ?? fixed));
    setErrors({});
  }, [recordKey]);

  // Options that arrive later (the payer list) keep what the person has already entered in the form.
  // biome-ignore lint/correctness/useExhaustiveDependencies: deliberately keyed (see the comment above)
  useEffect(() => {
    setValues((entered) => {
      const next = toValues(fields, record ?? fixed);
      for (const f of fields) if (f.name in entered) next[f.name] = entered[f.name];
      return next;
    });
  }, [fieldsKey]);

  // A new record: start typing at once.
  // biome-ignore lint/correctness/useExhaustiveDependencies: deliberately keyed (see the comment above)
  useEffect(() => {
    if (!record && !readOnly) formRef.current?.querySelector<HTMLElement>('input, select')?.focus();
  }, []);

  // After a failed save, move to the first field with a problem.
  const focusInvalid = useRef(false);
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs after each new set of errors has rendered
  useEffect(() => {
    if (!focusInvalid.current) return;
    focusInvalid.current = false;
    formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [errors]);

  const onKeyDown = (e: KeyboardEvent<HTMLFormElement>) => {
    if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 's') {
      e.preventDefault();
      formRef.current?.requestSubmit();
    } else if (e.key === 'Escape' && onCancel) {
      e.preventDefault();
      onCancel();
    }
  };

  const body = payload(fields, values, initial);
  const dirty = Object.keys(body).length > 0;

  const start = toValues(fields, record ?? fixed);
  const changed = fields.some((f) => values[f.name].trim() !== start[f.name].trim());
  const token = useMemo(() => Symbol('form'), []);
  useEffect(() => {
    if (changed && !readOnly) unsavedForms.add(token);
    else unsavedForms.delete(token);
    return () => void unsavedForms.delete(token);
  }, [changed, readOnly, token]);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (readOnly || busy) return;
    setBusy(true);
    setMessage(null);
    setSaved(null);
    unsavedForms.delete(token);
    try {
      await onSubmit(initial ? body : { ...fixed, ...body });
      setErrors({});
      setSaved(initial ? 'Saved.' : 'Created.');
    } catch (err) {
      const next: Record<string, string> = {};
      const known = new Set(fields.map((f) => f.name));
      const unplaced: string[] = [];
      if (err instanceof ApiError) {
        for (const i of err.issues) {
          const { field } = i.location;
          if (known.has(field)) next[field] = next[field] ? `${next[field]}; ${i.message}` : i.message;
          else unplaced.push(i.message);
        }
      }
      unsavedForms.add(token);
      focusInvalid.current = true;
      setErrors(next);
      setMessage([describeError(err), ...unplaced].join(' '));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form
      ref={formRef}
      className="entity-form"
      onSubmit={submit}
      onKeyDown={onKeyDown}
      noValidate
      aria-label={title ?? label}
    >
      {title ? <h3>{title}</h3> : null}
      <Alert>{message}</Alert>
      <div className="fields">
        {fields.map((f) => (
          <Field
            key={f.name}
            name={f.name}
            label={f.label}
            kind={f.kind}
            options={f.options}
            required={f.required}
            size={f.size}
            readOnly={readOnly}
            value={values[f.name]}
            error={errors[f.name]}
            onChange={(v) => {
              setSaved(null);
              setValues((old) => ({ ...old, [f.name]: v }));
              if (errors[f.name]) setErrors(({ [f.name]: _gone, ...rest }) => rest);
            }}
          />
        ))}
      </div>
      {readOnly ? null : (
        <div className="buttons">
          <button type="submit" className="primary" disabled={busy || (Boolean(initial) && !dirty)}>
            {busy ? 'Saving…' : (submitLabel ?? (initial ? 'Save' : 'Create'))}
          </button>
          {onCancel ? (
            <button type="button" onClick={onCancel}>
              Cancel
            </button>
          ) : null}
          {initial && dirty && !busy ? (
            <button type="button" onClick={() => setValues(initial)}>
              Undo changes
            </button>
          ) : null}
          {extraButtons}
          <span className="hint">Ctrl+S saves{onCancel ? ', Esc cancels' : ''}</span>
          <span className="saved" role="status">
            {saved}
          </span>
        </div>
      )}
    </form>
  );
}
