import { describe, expect, it } from 'vitest';
import { queryString } from '../api/client.ts';
import { formatPhone, formatTin, formatZip } from './format.ts';
import { payload, toValues, type FieldDef } from './form-values.ts';

const FIELDS: FieldDef[] = [
  { name: 'lastName', label: 'Last name', required: true },
  { name: 'middleName', label: 'Middle name' },
  { name: 'phone', label: 'Phone', format: formatPhone },
  { name: 'timelyFilingDays', label: 'Days', kind: 'number' },
];

describe('form values', () => {
  it('shows stored values as strings, formatted where asked', () => {
    expect(
      toValues(FIELDS, { lastName: 'Smith', middleName: null, phone: '5125550100', timelyFilingDays: 90 }),
    ).toEqual({
      lastName: 'Smith',
      middleName: '',
      phone: '512-555-0100',
      timelyFilingDays: '90',
    });
  });

  it('a create sends every filled field, numbers as numbers', () => {
    const v = { lastName: ' Smith ', middleName: '', phone: '512 555 0100', timelyFilingDays: '180' };
    expect(payload(FIELDS, v, null)).toEqual({ lastName: 'Smith', phone: '512 555 0100', timelyFilingDays: 180 });
  });

  it('an edit sends only what changed; an emptied optional field becomes null, a required one ""', () => {
    const initial = toValues(FIELDS, { lastName: 'Smith', middleName: 'Q', phone: '5125550100', timelyFilingDays: 90 });
    expect(payload(FIELDS, initial, initial)).toEqual({});
    expect(payload(FIELDS, { ...initial, middleName: '', phone: '512-555-0199' }, initial)).toEqual({
      middleName: null,
      phone: '512-555-0199',
    });
    expect(payload(FIELDS, { ...initial, lastName: '  ' }, initial)).toEqual({ lastName: '' });
  });
});

describe('display formats and query strings', () => {
  it('formats phone, ZIP+4 and TIN, and leaves anything else alone', () => {
    expect(formatPhone('5125550100')).toBe('512-555-0100');
    expect(formatPhone(null)).toBe('');
    expect(formatPhone('12345')).toBe('12345');
    expect(formatZip('787012345')).toBe('78701-2345');
    expect(formatZip('78701')).toBe('78701');
    expect(formatTin('741234567')).toBe('74-1234567');
  });

  it('drops empty query values', () => {
    expect(queryString({ q: 'smith, jo', limit: 50, offset: 0, action: '', patientId: undefined })).toBe(
      '?q=smith%2C+jo&limit=50&offset=0',
    );
    expect(queryString({})).toBe('');
  });
});
