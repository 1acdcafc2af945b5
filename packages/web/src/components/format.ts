/** Display helpers. */
export function formatPhone(v: unknown): string {
  if (v === null || v === undefined || v === '') return '';
  const d = String(v).replace(/\D/g, '');
  return d.length === 10 ? `${d.slice(0, 3)}-${d.slice(3, 6)}-${d.slice(6)}` : String(v);
}

export function formatZip(v: unknown): string {
  if (v === null || v === undefined) return '';
  const s = String(v);
  return /^\d{9}$/.test(s) ? `${s.slice(0, 5)}-${s.slice(5)}` : s;
}

export function formatTin(v: unknown): string {
  if (v === null || v === undefined) return '';
  const s = String(v);
  return /^\d{9}$/.test(s) ? `${s.slice(0, 2)}-${s.slice(2)}` : s;
}

export function fullName(p: { firstName: string; middleName?: string | null; lastName: string }): string {
  return `${p.lastName}, ${p.firstName}${p.middleName ? ` ${p.middleName}` : ''}`;
}

export function formatDateTime(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
}

export const SEX_OPTIONS = [
  { value: 'F', label: 'F — female' },
  { value: 'M', label: 'M — male' },
  { value: 'U', label: 'U — unknown' },
];

export const RELATIONSHIP_OPTIONS = [
  { value: '18', label: '18 — self' },
  { value: '01', label: '01 — spouse' },
  { value: '19', label: '19 — child' },
  { value: '20', label: '20 — employee' },
  { value: '21', label: '21 — unknown' },
  { value: '39', label: '39 — organ donor' },
  { value: '40', label: '40 — cadaver donor' },
  { value: '53', label: '53 — life partner' },
  { value: 'G8', label: 'G8 — other' },
];

export const ORDER_OPTIONS = [
  { value: '1', label: '1 — primary' },
  { value: '2', label: '2 — secondary' },
  { value: '3', label: '3 — tertiary' },
];
