/**
 * The office's appeal-letter template: edit the text (placeholders in {{double braces}}, listed and inserted at
 * the cursor), preview the letter it prints filled with an example claim and denial, save it (a placeholder
 * medbill does not know is refused), or go back to the template medbill ships.
 */
import type { AppealTemplate, AppealTemplatePreview } from '@medbill/api';
import { useEffect, useRef, useState } from 'react';
import { api } from '../api/client.ts';
import { errorText } from '../components/error-text.ts';
import { Alert } from '../components/field.tsx';
import { formatDateTime } from '../components/format.ts';
import { useApi } from '../components/use-api.ts';
import { Link } from '../router.tsx';

export function AppealTemplatePage() {
  const tpl = useApi(() => api.get<AppealTemplate>('/api/appeal-template'), []);
  const [body, setBody] = useState<string | null>(null);
  const [preview, setPreview] = useState<AppealTemplatePreview | null>(null);
  const [note, setNote] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const area = useRef<HTMLTextAreaElement>(null);
  useEffect(() => {
    if (tpl.data && body === null) setBody(tpl.data.body);
  }, [tpl.data, body]);
  if (tpl.error) return <Alert>{tpl.error}</Alert>;
  if (!tpl.data || body === null) return <p className="muted">Loading…</p>;
  const t = tpl.data;
  const changed = body !== t.body;

  const run = async (work: () => Promise<void>) => {
    setBusy(true);
    setNote(null);
    try {
      await work();
    } catch (e) {
      setNote({ kind: 'error', text: errorText(e) });
    } finally {
      setBusy(false);
    }
  };
  const showPreview = () =>
    run(async () => setPreview(await api.post<AppealTemplatePreview>('/api/appeal-template/preview', { body })));
  const save = () =>
    run(async () => {
      const saved = await api.put<AppealTemplate>('/api/appeal-template', { body });
      tpl.setData(saved);
      setBody(saved.body);
      setNote({ kind: 'ok', text: 'Template saved: the next appeal letters print with it.' });
    });
  const insert = (name: string) => {
    const el = area.current;
    const token = `{{${name}}}`;
    const at = el?.selectionStart ?? body.length;
    const end = el?.selectionEnd ?? at;
    setBody(body.slice(0, at) + token + body.slice(end));
    requestAnimationFrame(() => {
      el?.focus();
      el?.setSelectionRange(at + token.length, at + token.length);
    });
  };

  return (
    <section>
      <p className="crumbs">
        <Link to="/denials">← Denials</Link>
      </p>
      <div className="page-head">
        <h1>Appeal letter template</h1>
        <span className="muted">
          {t.updatedAt ? `changed ${formatDateTime(t.updatedAt)}` : 'the template medbill ships, not changed yet'}
        </span>
      </div>
      <div className="template-editor">
        <div className="panel">
          <label htmlFor="appeal-template-body">Template</label>
          <textarea
            id="appeal-template-body"
            ref={area}
            rows={30}
            cols={80}
            className="mono"
            value={body}
            onChange={(e) => {
              setBody(e.target.value);
              setPreview(null);
            }}
          />
          <p>
            <button type="button" onClick={() => void showPreview()} disabled={busy}>
              Preview
            </button>{' '}
            <button type="button" className="primary" onClick={() => void save()} disabled={busy || !changed}>
              Save template
            </button>{' '}
            <button type="button" onClick={() => setBody(t.body)} disabled={busy || !changed}>
              Undo changes
            </button>
          </p>
          <Alert kind={note?.kind ?? 'ok'}>{note?.text}</Alert>
        </div>
        <div className="panel">
          <h2>Placeholders</h2>
          <p className="muted">Each is replaced by the claim's, the denial's or your own words. Click to insert.</p>
          <ul className="placeholders" aria-label="Placeholders">
            {t.placeholders.map((p) => (
              <li key={p}>
                <button type="button" className="link mono" onClick={() => insert(p)}>{`{{${p}}}`}</button>
              </li>
            ))}
          </ul>
        </div>
      </div>
      {preview ? (
        <div className="panel">
          <h2>Preview (an example claim and denial)</h2>
          {preview.unknownPlaceholders.length ? (
            <Alert>
              Unknown placeholder{preview.unknownPlaceholders.length > 1 ? 's' : ''}:{' '}
              {preview.unknownPlaceholders.map((u) => `{{${u}}}`).join(', ')} — they would print as written; saving is
              refused until they are fixed.
            </Alert>
          ) : null}
          <pre className="letter-preview" data-testid="appeal-preview">
            {preview.text}
          </pre>
        </div>
      ) : null}
    </section>
  );
}
