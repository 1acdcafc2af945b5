import { useState, type FormEvent } from 'react';

/**
 * A form's submit handler with its busy flag and error message: the one place the log-in, two-step code and
 * Security forms keep that state. `describe` turns a failure into the message shown; `onError` runs after it.
 */
export function useSubmit(action: () => Promise<void>, describe: (err: unknown) => string, onError?: () => void) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await action();
    } catch (err) {
      setError(describe(err));
      onError?.();
    } finally {
      setBusy(false);
    }
  };
  return { busy, error, submit };
}
