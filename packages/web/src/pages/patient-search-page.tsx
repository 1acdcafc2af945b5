/** One search box for name, date of birth or account number; arrow keys and Enter open a result. */
import { useEffect, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import { api, describeError, type Page } from '../api/client.ts';
import type { Patient } from '../api/types.ts';
import { useAuth } from '../auth/auth-context.tsx';
import { Alert, Field } from '../components/field.tsx';
import { formatPhone, fullName } from '../components/format.ts';
import { Pager } from '../components/pager.tsx';
import { Link, navigate, useLocation } from '../router.tsx';

const LIMIT = 50;

export function PatientSearchPage() {
  const { can } = useAuth();
  const { search } = useLocation();
  const q = search.get('q') ?? '';
  const offset = Number(search.get('offset') ?? 0) || 0;
  const [text, setText] = useState(q);
  const [result, setResult] = useState<Page<Patient> | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);
  const inputRef = useRef<HTMLInputElement>(null);
  const rowsRef = useRef<Array<HTMLTableRowElement | null>>([]);

  useEffect(() => inputRef.current?.focus(), []);
  // "/" jumps back to the search box from anywhere on the page.
  useEffect(() => {
    const onKey = (e: globalThis.KeyboardEvent) => {
      const t = e.target as HTMLElement | null;
      if (e.key !== '/' || e.ctrlKey || e.metaKey || e.altKey || (t && /^(INPUT|SELECT|TEXTAREA)$/.test(t.tagName)))
        return;
      e.preventDefault();
      inputRef.current?.focus();
      inputRef.current?.select();
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, []);
  useEffect(() => setText(q), [q]);

  useEffect(() => {
    // Nothing is listed until someone searches: each search is a PHI query in the audit log.
    if (!q) {
      setResult(null);
      setError(null);
      return;
    }
    let live = true;
    setLoading(true);
    api
      .get<Page<Patient>>('/api/patients', { q: q || undefined, limit: LIMIT, offset })
      .then((r) => {
        if (!live) return;
        setResult(r);
        setError(null);
      })
      .catch((e: unknown) => live && setError(describeError(e)))
      .finally(() => live && setLoading(false));
    return () => {
      live = false;
    };
  }, [q, offset]);

  const go = (nextQ: string, nextOffset = 0) => {
    const p = new URLSearchParams();
    if (nextQ.trim()) p.set('q', nextQ.trim());
    if (nextOffset) p.set('offset', String(nextOffset));
    const s = p.toString();
    navigate(`/patients${s ? `?${s}` : ''}`);
  };

  const submit = (e: FormEvent) => {
    e.preventDefault();
    go(text);
  };

  const focusRow = (i: number) => rowsRef.current[i]?.focus();
  const onInputKey = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'ArrowDown' && result?.items.length) {
      e.preventDefault();
      focusRow(0);
    }
  };
  const onRowKey = (e: KeyboardEvent<HTMLTableRowElement>, i: number, p: Patient) => {
    if (e.key === 'ArrowDown') {
      e.preventDefault();
      focusRow(Math.min(i + 1, (result?.items.length ?? 1) - 1));
    } else if (e.key === 'ArrowUp') {
      e.preventDefault();
      if (i === 0) inputRef.current?.focus();
      else focusRow(i - 1);
    } else if (e.key === 'Enter') {
      e.preventDefault();
      navigate(`/patients/${p.id}`);
    }
  };

  return (
    <section>
      <div className="page-head">
        <h1>Patients</h1>
        {can('patient:write') ? (
          <Link className="button" to="/patients/new">
            New patient
          </Link>
        ) : null}
      </div>
      <form className="search-bar" onSubmit={submit} role="search">
        <Field
          label="Search patients"
          kind="search"
          size="l"
          value={text}
          onChange={setText}
          hint="Name (smith · smith, jo · jo smith), date of birth (2024-03-01 or 03/01/2024) or account number. ↓ moves to the results, / comes back."
          inputProps={{ ref: inputRef, onKeyDown: onInputKey, autoComplete: 'off' }}
        />
        <button type="submit" className="primary">
          Search
        </button>
      </form>
      <Alert>{error}</Alert>
      {result ? (
        <>
          <table className="grid clickable" aria-label="Patients found" aria-busy={loading}>
            <thead>
              <tr>
                <th scope="col">Account</th>
                <th scope="col">Name</th>
                <th scope="col">Date of birth</th>
                <th scope="col">Sex</th>
                <th scope="col">Phone</th>
              </tr>
            </thead>
            <tbody>
              {result.items.map((p, i) => (
                <tr
                  key={p.id}
                  ref={(el) => {
                    rowsRef.current[i] = el;
                  }}
                  tabIndex={0}
                  onKeyDown={(e) => onRowKey(e, i, p)}
                  onClick={() => navigate(`/patients/${p.id}`)}
                >
                  <td className="mono">{p.accountNumber}</td>
                  <td>
                    <Link to={`/patients/${p.id}`} tabIndex={-1}>
                      {fullName(p)}
                    </Link>
                  </td>
                  <td className="mono">{p.birthDate}</td>
                  <td>{p.sex}</td>
                  <td className="mono">{formatPhone(p.phone)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <Pager total={result.total} limit={LIMIT} offset={offset} onChange={(o) => go(q, o)} />
        </>
      ) : loading ? (
        <p className="muted">Searching…</p>
      ) : (
        <p className="muted">Type a name, date of birth or account number and press Enter.</p>
      )}
    </section>
  );
}
