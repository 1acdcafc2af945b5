import { useMemo } from 'react';
import { api, type Page } from '../api/client.ts';
import type { Practice, Provider } from '../api/types.ts';
import { EntityAdmin, type Column } from '../components/entity-admin.tsx';
import { Field } from '../components/field.tsx';
import { useApi } from '../components/use-api.ts';
import { navigate, useLocation } from '../router.tsx';
import { providerFields } from './admin-fields.ts';
import { PROVIDER_COLUMNS } from './practices-page.tsx';

export function ProvidersPage() {
  const { search } = useLocation();
  const practiceId = search.get('practiceId') ?? '';
  const practices = useApi(() => api.get<Page<Practice>>('/api/practices', { limit: 500 }), []);
  const options = useMemo(
    () => (practices.data?.items ?? []).map((p) => ({ value: String(p.id), label: p.legalName })),
    [practices.data],
  );
  const fields = useMemo(() => providerFields(options), [options]);
  const columns = useMemo<Column<Provider>[]>(
    () => [
      ...PROVIDER_COLUMNS,
      { label: 'Practice', cell: (p) => options.find((o) => o.value === String(p.practiceId))?.label ?? p.practiceId },
    ],
    [options],
  );
  return (
    <EntityAdmin<Provider>
      title="Providers"
      noun="provider"
      path="/api/providers"
      query={{ practiceId: practiceId || undefined }}
      fixed={practiceId ? { practiceId: Number(practiceId) } : undefined}
      fields={fields}
      columns={columns}
      write="practice:write"
      filters={
        <div className="search-bar">
          <Field
            label="Show practice"
            kind="select"
            options={options}
            value={practiceId}
            onChange={(v) => navigate(v ? `/providers?practiceId=${v}` : '/providers', { replace: true })}
            size="l"
          />
        </div>
      }
    />
  );
}
