/** An X12 file as sent or received, one segment a line. */
import { api } from '../api/client.ts';
import type { EdiFile } from '../api/claim-types.ts';
import { x12Segments } from '../components/billing-format.ts';
import { Alert } from '../components/field.tsx';
import { formatDateTime } from '../components/format.ts';
import { useApi } from '../components/use-api.ts';

export function EdiFilePage({ id }: { id: number }) {
  const f = useApi(() => api.get<EdiFile>(`/api/edi-files/${id}`), [id]);
  if (f.error) return <Alert>{f.error}</Alert>;
  if (!f.data) return <p className="muted">Loading…</p>;
  const segs = x12Segments(f.data.content ?? '');
  return (
    <section>
      <p className="crumbs">
        <button type="button" className="small" onClick={() => history.back()}>
          ← Back
        </button>
      </p>
      <div className="page-head">
        <h1 className="mono">{f.data.fileName}</h1>
        <span className="tag">{f.data.kind}</span>
        <span className="muted">
          {f.data.direction} · {formatDateTime(f.data.createdAt)} · {segs.length} segments
        </span>
      </div>
      <ol className="x12" aria-label="X12 segments">
        {segs.map((s, i) => (
          <li key={i} className="mono">
            {s}
          </li>
        ))}
      </ol>
    </section>
  );
}
