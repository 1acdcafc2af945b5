import type { Payer } from '../api/types.ts';
import { EntityAdmin, type Column } from '../components/entity-admin.tsx';
import { CFI_OPTIONS, PAYER_FIELDS } from './admin-fields.ts';
import { PayerContracts } from './payer-contracts.tsx';

const COLUMNS: Column<Payer>[] = [
  { label: 'Name', cell: (p) => p.name },
  { label: 'Payer ID', cell: (p) => p.payerCode, className: 'mono' },
  {
    label: 'Claim filing indicator',
    cell: (p) => CFI_OPTIONS.find((o) => o.value === p.claimFilingIndicator)?.label ?? p.claimFilingIndicator,
  },
  { label: 'Timely filing (days)', cell: (p) => p.timelyFilingDays, className: 'num' },
  { label: 'Follow up after (days)', cell: (p) => p.followupDays, className: 'num' },
];

export function PayersPage() {
  return (
    <EntityAdmin<Payer>
      title="Payers"
      noun="payer"
      path="/api/payers"
      fields={PAYER_FIELDS}
      columns={COLUMNS}
      write="payer:write"
      searchable
      renderDetail={(p) => <PayerContracts payerId={p.id} payerName={p.name} />}
    />
  );
}
