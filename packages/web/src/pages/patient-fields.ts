/** Field definitions for patient and coverage forms. */
import type { FieldDef } from '../components/entity-form.tsx';
import { formatPhone, formatZip, ORDER_OPTIONS, RELATIONSHIP_OPTIONS, SEX_OPTIONS } from '../components/format.ts';
import type { Option } from '../components/field.tsx';

export const PATIENT_FIELDS: FieldDef[] = [
  { name: 'lastName', label: 'Last name', required: true },
  { name: 'firstName', label: 'First name', required: true },
  { name: 'middleName', label: 'Middle name', size: 's' },
  { name: 'birthDate', label: 'Date of birth', kind: 'date', required: true, size: 's' },
  { name: 'sex', label: 'Sex', kind: 'select', options: SEX_OPTIONS, required: true, size: 's' },
  { name: 'phone', label: 'Phone', kind: 'tel', format: formatPhone, size: 's' },
  { name: 'email', label: 'E-mail', kind: 'email', size: 'l' },
  { name: 'line1', label: 'Address line 1', required: true, size: 'l' },
  { name: 'line2', label: 'Address line 2', size: 'l' },
  { name: 'city', label: 'City', required: true },
  { name: 'state', label: 'State', required: true, size: 's' },
  { name: 'zip', label: 'ZIP', required: true, size: 's', format: formatZip },
  { name: 'accountNumber', label: 'Account number', size: 's' },
];

export function coverageFields(payers: Option[]): FieldDef[] {
  return [
    { name: 'coverageOrder', label: 'Order', kind: 'select', options: ORDER_OPTIONS, required: true, size: 's' },
    { name: 'payerId', label: 'Payer', kind: 'select', options: payers, required: true, size: 'l' },
    { name: 'memberId', label: 'Member ID', required: true },
    { name: 'groupNumber', label: 'Group number' },
    {
      name: 'relationshipCode',
      label: 'Patient is subscriber’s',
      kind: 'select',
      options: RELATIONSHIP_OPTIONS,
      required: true,
    },
    { name: 'subscriberLastName', label: 'Subscriber last name', required: true },
    { name: 'subscriberFirstName', label: 'Subscriber first name', required: true },
    { name: 'subscriberBirthDate', label: 'Subscriber date of birth', kind: 'date', size: 's' },
    { name: 'subscriberSex', label: 'Subscriber sex', kind: 'select', options: SEX_OPTIONS, size: 's' },
    { name: 'effectiveDate', label: 'Effective date', kind: 'date', required: true, size: 's' },
    { name: 'endDate', label: 'End date', kind: 'date', size: 's' },
  ];
}
