/**
 * Small text formatters shared by the CMS-1500 and UB-04 mappings: the forms are printed in capitals,
 * dates in MM DD YY(YY) cells, money as dollars and cents in split boxes. Pure; no clock.
 */
import type { x837 } from '@medbill/x12';

type Party = x837.Party;
type DateValue = x837.DateValue;

/** Upper-case and keep only what a standard PDF font and an OCR reader handle: accents dropped, other non-ASCII as '?'. */
export function printable(text: string | undefined): string {
  const plain = (text ?? '')
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toUpperCase();
  return plain
    .replace(/\s+/g, ' ')
    .replace(/[^\x20-\x7E]/g, '?')
    .trim();
}

/** Drop punctuation except the hyphen (NUCC: no periods or commas in names and addresses). */
export function noPunctuation(text: string | undefined): string {
  return printable(text)
    .replace(/[^A-Z0-9 -]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** "LAST, FIRST, M" (NUCC 1500 items 2, 4, 9: commas separate the parts, no periods). */
export function personName(p: Party | undefined): string {
  if (!p) return '';
  const n = p.name;
  if (n.entityType === '2') return noPunctuation(n.lastName);
  const last = [n.lastName, n.suffix].filter(Boolean).map(noPunctuation).join(' ');
  const parts = [last, noPunctuation(n.firstName), noPunctuation(n.middleName).slice(0, 1)];
  return parts.filter((s) => s !== '').join(', ');
}

/** "FIRST M LAST" without punctuation (NUCC items 17 and 31). */
export function naturalName(p: Party | undefined): string {
  if (!p) return '';
  const n = p.name;
  if (n.entityType === '2') return noPunctuation(n.lastName);
  return [n.firstName, n.middleName?.slice(0, 1), n.lastName, n.suffix]
    .map(noPunctuation)
    .filter((s) => s !== '')
    .join(' ');
}

/** "LAST FIRST" for the UB-04 (FL8b, FL58): last name, first name, middle initial separated by spaces. */
export function ubName(p: Party | undefined): string {
  if (!p) return '';
  const n = p.name;
  return [n.lastName, n.suffix, n.firstName, n.middleName?.slice(0, 1)]
    .map(noPunctuation)
    .filter((s) => s !== '')
    .join(' ');
}

export interface PrintAddress {
  street: string;
  city: string;
  state: string;
  zip: string;
}

export function printAddress(p: Party | undefined): PrintAddress {
  const a = p?.address;
  if (!a) return { street: '', city: '', state: '', zip: '' };
  return {
    street: noPunctuation([a.line1, a.line2].filter(Boolean).join(' ')),
    city: noPunctuation(a.city),
    state: noPunctuation(a.state),
    zip: printable(a.postalCode),
  };
}

/** "CITY ST ZIP" on one line: a space, no comma, between town and state. */
export function cityLine(a: PrintAddress): string {
  return [a.city, a.state, a.zip].filter((s) => s !== '').join(' ');
}

/** The first PER number with the qualifier (TE telephone) of a party, digits only. */
export function phoneOf(p: Party | undefined): string {
  for (const c of p?.contacts ?? []) {
    for (const n of c.numbers ?? []) if (n.qualifier === 'TE') return n.value.replace(/\D/g, '');
  }
  return '';
}

export function refOf(p: { refs?: x837.Reference[] } | undefined, qualifier: string): string | undefined {
  return p?.refs?.find((r) => r.qualifier === qualifier)?.value;
}

/** The NPI of a party (NM108 XX). */
export function npiOf(p: Party | undefined): string {
  return p?.name.idQualifier === 'XX' ? (p.name.id ?? '') : '';
}

/** 'YYYY-MM-DD' (as the server passes dates) or CCYYMMDD → CCYYMMDD; anything else unchanged. */
export function d8(date: string | undefined): string | undefined {
  return date && /^\d{4}-\d{2}-\d{2}$/.test(date) ? date.replace(/-/g, '') : date;
}

/** CCYYMMDD (or YYYY-MM-DD) → "MM DD YY" (short) or "MM DD YYYY" (long); '' when absent or malformed. */
export function mdy(date: string | undefined, style: 'short' | 'long' = 'short'): string {
  const ccyymmdd = d8(date);
  if (!ccyymmdd || !/^\d{8}/.test(ccyymmdd)) return '';
  const y = style === 'short' ? ccyymmdd.slice(2, 4) : ccyymmdd.slice(0, 4);
  return `${ccyymmdd.slice(4, 6)} ${ccyymmdd.slice(6, 8)} ${y}`;
}

/** CCYYMMDD (or YYYY-MM-DD) → "MMDDYY" (UB-04 date fields, no separators). */
export function mmddyy(date: string | undefined): string {
  const ccyymmdd = d8(date);
  if (!ccyymmdd || !/^\d{8}/.test(ccyymmdd)) return '';
  return ccyymmdd.slice(4, 6) + ccyymmdd.slice(6, 8) + ccyymmdd.slice(2, 4);
}

/** A date or range value split into from/to (a single date gives from = to). */
export function dateRange(value: string | undefined): { from: string; to: string } {
  if (!value) return { from: '', to: '' };
  const [from, to] = value.split('-');
  return { from: from ?? '', to: to ?? from ?? '' };
}

export function findDate(dates: DateValue[] | undefined, qualifier: string): string | undefined {
  return dates?.find((d) => d.qualifier === qualifier)?.value;
}

/** Integer cents → "1234.56" (the renderer splits dollars and cents into their boxes). */
export function money(cents: number): string {
  const sign = cents < 0 ? '-' : '';
  const abs = Math.abs(Math.round(cents));
  return `${sign}${Math.trunc(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

/** Units as the form wants them: whole numbers without decimals, fractions with a point. */
export function units(quantity: number): string {
  return Number.isInteger(quantity) ? String(quantity) : String(Number(quantity.toFixed(3)));
}

/** The same boxes without the empty ones (a blank box is simply absent). */
export function withoutEmpty<T extends Record<string, string | undefined>>(boxes: T): T {
  return Object.fromEntries(Object.entries(boxes).filter(([, v]) => v !== undefined && v !== '')) as T;
}
