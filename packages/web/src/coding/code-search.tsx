/**
 * Type-ahead code search (ARIA combobox): 80 ms debounce, a stale request is aborted, ↑/↓ move the
 * highlight, Enter picks it, Escape closes the list.
 */
import { useEffect, useId, useState, type KeyboardEvent } from 'react';
import { api, describeError } from '../api/client.ts';
import type { CodeHit } from '../api/claim-types.ts';

interface Props {
  label: string;
  kind: 'diagnosis' | 'procedure' | 'modifier';
  /** date of service: the code set in force that day */
  on?: string;
  onPick: (hit: CodeHit) => void;
  placeholder?: string;
  /** keep the text after a pick (e.g. a line's own code box) */
  value?: string;
  onTextChange?: (text: string) => void;
  clearOnPick?: boolean;
  size?: 's' | 'm' | 'l';
  hint?: string;
  name?: string;
}

const DEBOUNCE_MS = 80;

export function CodeSearch({
  label,
  kind,
  on,
  onPick,
  placeholder,
  value,
  onTextChange,
  clearOnPick = true,
  size = 'l',
  hint,
  name,
}: Props) {
  const id = useId();
  const listId = `${id}-list`;
  const [text, setText] = useState(value ?? '');
  const [hits, setHits] = useState<CodeHit[]>([]);
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(0);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [answered, setAnswered] = useState('');
  /** "No ICD-10-CM release loaded for dates from …; import FY2027": said once, above the hits */
  const [notices, setNotices] = useState<string[]>([]);
  /** what the person typed: only typing searches (not a value set from outside or a pick) */
  const [query, setQuery] = useState('');

  useEffect(() => {
    if (value !== undefined) setText(value);
  }, [value]);

  useEffect(() => {
    const q = query.trim();
    if (!q) {
      setBusy(false);
      setAnswered('');
      setHits([]);
      setOpen(false);
      return;
    }
    const ctl = new AbortController();
    const t = window.setTimeout(() => {
      setBusy(true);
      api
        .get<{ items: CodeHit[]; notices?: string[] }>('/api/codes/search', { q, kind, on, limit: 10 }, ctl.signal)
        .then((r) => {
          setHits(r.items);
          setNotices(r.notices ?? []);
          setAnswered(q);
          setActive(0);
          setOpen(true);
          setError(null);
        })
        .catch((e: unknown) => {
          if (!ctl.signal.aborted) setError(describeError(e));
        })
        .finally(() => {
          if (!ctl.signal.aborted) setBusy(false);
        });
    }, DEBOUNCE_MS);
    return () => {
      window.clearTimeout(t);
      ctl.abort();
    };
  }, [query, kind, on]);

  const pick = (h: CodeHit) => {
    onPick(h);
    setOpen(false);
    setHits([]);
    setQuery('');
    setText(clearOnPick ? '' : h.code);
    onTextChange?.(clearOnPick ? '' : h.code);
  };

  const onKey = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'ArrowDown') {
      e.preventDefault();
      if (!open && hits.length) setOpen(true);
      else setActive((a) => Math.min(a + 1, hits.length - 1));
    } else if (e.key === 'ArrowUp') {
      e.preventDefault();
      setActive((a) => Math.max(a - 1, 0));
    } else if (e.key === 'Enter') {
      if (open && hits[active]) {
        e.preventDefault();
        pick(hits[active]);
      }
    } else if (e.key === 'Escape' && open) {
      e.preventDefault();
      setOpen(false);
    }
  };

  const expanded = open && hits.length > 0;
  return (
    <div className={`field field-${size} combo`}>
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        name={name}
        type="search"
        role="combobox"
        autoComplete="off"
        spellCheck={false}
        aria-autocomplete="list"
        aria-expanded={expanded}
        aria-controls={listId}
        aria-activedescendant={expanded ? `${id}-opt-${active}` : undefined}
        aria-describedby={hint ? `${id}-hint` : undefined}
        aria-busy={busy}
        placeholder={placeholder}
        value={text}
        onChange={(e) => {
          setText(e.target.value);
          setQuery(e.target.value);
          onTextChange?.(e.target.value);
        }}
        onKeyDown={onKey}
        onBlur={() => window.setTimeout(() => setOpen(false), 150)}
        onFocus={() => hits.length && setOpen(true)}
      />
      {hint ? (
        <div className="hint" id={`${id}-hint`}>
          {hint}
        </div>
      ) : null}
      {notices.length && answered ? (
        <div className="hint code-set-notice" role="status">
          {notices.join(' ')}
        </div>
      ) : null}
      <ul id={listId} role="listbox" aria-label="Codes found" className="combo-list" hidden={!expanded}>
        {hits.map((h, i) => (
          <li
            key={`${h.codeSet}-${h.code}`}
            id={`${id}-opt-${i}`}
            role="option"
            aria-selected={i === active}
            className={i === active ? 'active' : undefined}
            onMouseDown={(e) => e.preventDefault()}
            onMouseEnter={() => setActive(i)}
            onClick={() => pick(h)}
          >
            <span className="mono code">{h.code}</span>
            <span className="title">{h.title}</span>
            {h.billable === false ? <span className="tag tag-warn">not billable</span> : null}
            {h.indexPath ? <span className="muted small">{h.indexPath}</span> : null}
          </li>
        ))}
      </ul>
      {!busy && !hits.length && answered && answered === query.trim() ? (
        <div className="hint" role="status">
          No codes match “{answered}”.
        </div>
      ) : null}
      {error ? <div className="field-error">{error}</div> : null}
    </div>
  );
}
