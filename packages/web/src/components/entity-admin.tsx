/**
 * List, search, create and edit one kind of record (practices, providers, payers): a table on top,
 * the selected record's form below, and optional related content under it.
 */
import { useState, type FormEvent, type ReactNode } from 'react';
import { api, type Page, type Query } from '../api/client.ts';
import type { Permission } from '../api/types.ts';
import { useAuth } from '../auth/auth-context.tsx';
import { EntityForm, type FieldDef } from './entity-form.tsx';
import { Alert, Field } from './field.tsx';
import { Pager } from './pager.tsx';
import { useApi } from './use-api.ts';

export interface Column<T> {
  label: string;
  cell: (row: T) => ReactNode;
  className?: string;
}

interface Props<T extends { id: number }> {
  title: string;
  noun: string;
  path: string;
  fields: FieldDef[];
  columns: Column<T>[];
  write: Permission;
  searchable?: boolean;
  query?: Query;
  /** values added to a new record */
  fixed?: Record<string, unknown>;
  selectedId?: number | null;
  onSelect?: (id: number | null) => void;
  renderDetail?: (row: T) => ReactNode;
  headingLevel?: 1 | 2;
  filters?: ReactNode;
}

const LIMIT = 50;

export function EntityAdmin<T extends { id: number }>(props: Props<T>) {
  const {
    title,
    noun,
    path,
    fields,
    columns,
    write,
    searchable,
    query,
    fixed,
    renderDetail,
    headingLevel = 1,
    filters,
  } = props;
  const { can } = useAuth();
  const [text, setText] = useState('');
  const [q, setQ] = useState('');
  const [offset, setOffset] = useState(0);
  const [localSel, setLocalSel] = useState<number | 'new' | null>(null);
  const selected = props.selectedId !== undefined && localSel !== 'new' ? props.selectedId : localSel;
  const select = (id: number | 'new' | null) => {
    setLocalSel(id);
    if (props.onSelect && id !== 'new') props.onSelect(id);
  };
  const list = useApi(
    () => api.get<Page<T>>(path, { ...query, q: searchable ? q || undefined : undefined, limit: LIMIT, offset }),
    [path, q, offset, JSON.stringify(query)],
  );
  const detail = useApi(
    () => (typeof selected === 'number' ? api.get<T>(`${path}/${selected}`) : Promise.resolve(null)),
    [path, selected],
  );
  const canWrite = can(write);
  const H = headingLevel === 1 ? 'h1' : 'h2';

  const submit = async (body: Record<string, unknown>) => {
    if (selected === 'new') {
      const created = await api.post<T>(path, body);
      select(created.id);
    } else {
      const updated = await api.patch<T>(`${path}/${selected}`, body);
      detail.setData(updated);
    }
    list.reload();
  };
  const onSearch = (e: FormEvent) => {
    e.preventDefault();
    setOffset(0);
    setQ(text.trim());
  };

  return (
    <section>
      <div className="page-head">
        <H>{title}</H>
        {canWrite ? (
          <button type="button" onClick={() => select('new')} disabled={selected === 'new'}>
            New {noun}
          </button>
        ) : null}
      </div>
      {filters}
      {searchable ? (
        <form className="search-bar" role="search" onSubmit={onSearch}>
          <Field label={`Search ${title.toLowerCase()}`} kind="search" value={text} onChange={setText} size="l" />
          <button type="submit">Search</button>
        </form>
      ) : null}
      <Alert>{list.error}</Alert>
      {list.data ? (
        <>
          <table className="grid clickable" aria-label={title}>
            <thead>
              <tr>
                {columns.map((c) => (
                  <th key={c.label} scope="col">
                    {c.label}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {list.data.items.map((row) => (
                <tr
                  key={row.id}
                  tabIndex={0}
                  className={row.id === selected ? 'selected' : undefined}
                  aria-selected={row.id === selected}
                  onClick={() => select(row.id)}
                  onKeyDown={(e) => {
                    if (e.key === 'Enter' || e.key === ' ') {
                      e.preventDefault();
                      select(row.id);
                    } else if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
                      e.preventDefault();
                      const tr = e.currentTarget;
                      const next = (
                        e.key === 'ArrowDown' ? tr.nextElementSibling : tr.previousElementSibling
                      ) as HTMLElement | null;
                      next?.focus();
                    }
                  }}
                >
                  {columns.map((c) => (
                    <td key={c.label} className={c.className}>
                      {c.cell(row)}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
          <Pager total={list.data.total} limit={LIMIT} offset={offset} onChange={setOffset} />
        </>
      ) : null}
      {selected === 'new' ? (
        <div className="panel">
          <EntityForm
            key="new"
            title={`New ${noun}`}
            fields={fields}
            record={null}
            fixed={fixed}
            onSubmit={submit}
            onCancel={() => select(null)}
          />
        </div>
      ) : null}
      {typeof selected === 'number' ? (
        <div className="panel">
          <Alert>{detail.error}</Alert>
          {detail.data && detail.data.id === selected ? (
            <>
              <EntityForm
                key={selected}
                title={`Edit ${noun}`}
                fields={fields}
                record={detail.data as unknown as Record<string, unknown>}
                readOnly={!canWrite}
                onSubmit={submit}
                onCancel={() => select(null)}
              />
              {renderDetail ? renderDetail(detail.data) : null}
            </>
          ) : null}
        </div>
      ) : null}
    </section>
  );
}
