export function Pager({
  total,
  limit,
  offset,
  onChange,
}: {
  total: number;
  limit: number;
  offset: number;
  onChange: (offset: number) => void;
}) {
  if (total === 0) return <p className="muted">No results.</p>;
  const last = Math.min(offset + limit, total);
  return (
    <div className="pager">
      <span role="status">
        {offset + 1}–{last} of {total}
      </span>
      <button type="button" disabled={offset === 0} onClick={() => onChange(Math.max(0, offset - limit))}>
        ‹ Previous
      </button>
      <button type="button" disabled={last >= total} onClick={() => onChange(offset + limit)}>
        Next ›
      </button>
    </div>
  );
}
