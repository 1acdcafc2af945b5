/** Field definitions for the admin records. */
import type { FieldDef } from '../components/entity-form.tsx';
import type { Option } from '../components/field.tsx';
import { formatPhone, formatTin, formatZip } from '../components/format.ts';

export const PRACTICE_FIELDS: FieldDef[] = [
  { name: 'legalName', label: 'Legal name', required: true, size: 'l' },
  { name: 'npi', label: 'NPI', required: true, size: 's' },
  { name: 'tin', label: 'TIN', required: true, size: 's', format: formatTin },
  { name: 'taxonomy', label: 'Taxonomy', required: true, size: 's' },
  { name: 'phone', label: 'Phone', kind: 'tel', format: formatPhone, size: 's' },
  { name: 'serviceLine1', label: 'Service address line 1', required: true, size: 'l' },
  { name: 'serviceLine2', label: 'Service address line 2', size: 'l' },
  { name: 'serviceCity', label: 'Service city', required: true },
  { name: 'serviceState', label: 'Service state', required: true, size: 's' },
  { name: 'serviceZip', label: 'Service ZIP', required: true, size: 's', format: formatZip },
  { name: 'payToLine1', label: 'Pay-to address line 1', size: 'l' },
  { name: 'payToLine2', label: 'Pay-to address line 2', size: 'l' },
  { name: 'payToCity', label: 'Pay-to city' },
  { name: 'payToState', label: 'Pay-to state', size: 's' },
  { name: 'payToZip', label: 'Pay-to ZIP', size: 's', format: formatZip },
];

export function providerFields(practices: Option[] | null): FieldDef[] {
  const base: FieldDef[] = [
    { name: 'lastName', label: 'Last name', required: true },
    { name: 'firstName', label: 'First name', required: true },
    { name: 'credential', label: 'Credential', size: 's' },
    { name: 'npi', label: 'NPI', required: true, size: 's' },
    { name: 'taxonomy', label: 'Taxonomy', required: true, size: 's' },
  ];
  return practices
    ? [
        { name: 'practiceId', label: 'Practice', kind: 'select', options: practices, required: true, size: 'l' },
        ...base,
      ]
    : base;
}

const CFI: Array<[string, string]> = [
  ['09', 'self-pay'],
  ['11', 'other non-federal'],
  ['12', 'PPO'],
  ['13', 'POS'],
  ['14', 'EPO'],
  ['15', 'indemnity'],
  ['16', 'HMO Medicare risk'],
  ['17', 'dental maintenance'],
  ['AM', 'automobile medical'],
  ['BL', 'Blue Cross/Blue Shield'],
  ['CH', 'CHAMPUS'],
  ['CI', 'commercial'],
  ['DS', 'disability'],
  ['FI', 'federal employees'],
  ['HM', 'HMO'],
  ['LM', 'liability medical'],
  ['MA', 'Medicare Part A'],
  ['MB', 'Medicare Part B'],
  ['MC', 'Medicaid'],
  ['OF', 'other federal'],
  ['TV', 'Title V'],
  ['VA', 'Veterans Affairs'],
  ['WC', 'workers’ compensation'],
  ['ZZ', 'mutually defined'],
];
export const CFI_OPTIONS: Option[] = CFI.map(([value, label]) => ({ value, label: `${value} — ${label}` }));

export const PAYER_FIELDS: FieldDef[] = [
  { name: 'name', label: 'Name', required: true, size: 'l' },
  { name: 'payerCode', label: 'Payer ID', required: true, size: 's' },
  {
    name: 'claimFilingIndicator',
    label: 'Claim filing indicator',
    kind: 'select',
    options: CFI_OPTIONS,
    required: true,
  },
  { name: 'timelyFilingDays', label: 'Timely filing (days)', kind: 'number', required: true, size: 's' },
  { name: 'followupDays', label: 'Follow up after (days without 277CA or 835)', kind: 'number', size: 's' },
  { name: 'line1', label: 'Address line 1', size: 'l' },
  { name: 'line2', label: 'Address line 2', size: 'l' },
  { name: 'city', label: 'City' },
  { name: 'state', label: 'State', size: 's' },
  { name: 'zip', label: 'ZIP', size: 's', format: formatZip },
];
