import type { Practice, Provider } from '../api/types.ts';
import { EntityAdmin, type Column } from '../components/entity-admin.tsx';
import { formatPhone, formatTin } from '../components/format.ts';
import { navigate } from '../router.tsx';
import { PRACTICE_FIELDS, providerFields } from './admin-fields.ts';

const COLUMNS: Column<Practice>[] = [
  { label: 'Legal name', cell: (p) => p.legalName },
  { label: 'NPI', cell: (p) => p.npi, className: 'mono' },
  { label: 'TIN', cell: (p) => formatTin(p.tin), className: 'mono' },
  { label: 'Taxonomy', cell: (p) => p.taxonomy, className: 'mono' },
  { label: 'City', cell: (p) => `${p.serviceCity}, ${p.serviceState}` },
  { label: 'Phone', cell: (p) => formatPhone(p.phone), className: 'mono' },
];

export const PROVIDER_COLUMNS: Column<Provider>[] = [
  { label: 'Name', cell: (p) => `${p.lastName}, ${p.firstName}` },
  { label: 'Credential', cell: (p) => p.credential ?? '' },
  { label: 'NPI', cell: (p) => p.npi, className: 'mono' },
  { label: 'Taxonomy', cell: (p) => p.taxonomy, className: 'mono' },
];

const PRACTICE_PROVIDER_FIELDS = providerFields(null);

export function PracticesPage({ selectedId }: { selectedId?: number }) {
  return (
    <EntityAdmin<Practice>
      title="Practices"
      noun="practice"
      path="/api/practices"
      fields={PRACTICE_FIELDS}
      columns={COLUMNS}
      write="practice:write"
      searchable
      selectedId={selectedId ?? null}
      onSelect={(id) => navigate(id ? `/practices/${id}` : '/practices')}
      renderDetail={(practice) => (
        <div className="subpanel">
          <EntityAdmin<Provider>
            key={practice.id}
            title={`Providers at ${practice.legalName}`}
            noun="provider"
            path="/api/providers"
            query={{ practiceId: practice.id }}
            fixed={{ practiceId: practice.id }}
            fields={PRACTICE_PROVIDER_FIELDS}
            columns={PROVIDER_COLUMNS}
            write="practice:write"
            headingLevel={2}
          />
        </div>
      )}
    />
  );
}
