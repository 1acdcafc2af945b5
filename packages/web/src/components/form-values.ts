/** Form values as strings, and the request body built from them (pure, so it is unit-tested). */
import type { Option } from './field.tsx';

export interface FieldDef {
  name: string;
  label: string;
  kind?: 'text' | 'date' | 'number' | 'email' | 'tel' | 'select';
  options?: Option[];
  required?: boolean;
  size?: 's' | 'm' | 'l';
  /** shown in the input; the stored value is compared after `format` too */
  format?: (v: unknown) => string;
}

export type Values = Record<string, string>;

export function toValues(fields: FieldDef[], record: Record<string, unknown> | null | undefined): Values {
  const out: Values = {};
  for (const f of fields) {
    const v = record?.[f.name];
    out[f.name] = f.format ? f.format(v) : v === null || v === undefined ? '' : String(v);
  }
  return out;
}

export function payload(fields: FieldDef[], values: Values, initial: Values | null): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const f of fields) {
    const v = values[f.name].trim();
    if (initial && v === initial[f.name].trim()) continue;
    if (v === '') {
      if (initial) out[f.name] = f.required ? '' : null;
      continue;
    }
    out[f.name] = f.kind === 'number' ? Number(v) : v;
  }
  return out;
}
