/**
 * Patient search as the front desk types it: a date of birth (2024-03-01 or 03/01/2024), an account
 * number, "last, first", "first last", or the start of either name.
 */
import { sql } from 'kysely';
import { escapeLike } from './entity-routes.ts';

type Q = import('kysely').SelectQueryBuilder<any, any, any>;

export function usDateToIso(s: string): string | null {
  const m = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(s);
  return m ? `${m[3]}-${m[1].padStart(2, '0')}-${m[2].padStart(2, '0')}` : null;
}

const lastLike = (v: string) => sql<boolean>`lower(last_name) like ${`${escapeLike(v.toLowerCase())}%`}`;
const firstLike = (v: string) => sql<boolean>`lower(first_name) like ${`${escapeLike(v.toLowerCase())}%`}`;

export function patientSearchFilter(q: Q, f: { q?: string; birthDate?: string; accountNumber?: string }): Q {
  if (f.birthDate) q = q.where('birth_date', '=', f.birthDate);
  if (f.accountNumber) q = q.where('account_number', '=', f.accountNumber.toUpperCase());
  const text = f.q?.trim();
  if (!text) return q;
  const iso = /^\d{4}-\d{2}-\d{2}$/.test(text) ? text : usDateToIso(text);
  if (iso) return q.where('birth_date', '=', iso);
  if (/^[A-Za-z]?\d[\dA-Za-z-]*$/.test(text))
    return q.where(sql`upper(account_number)`, 'like', `${escapeLike(text.toUpperCase())}%`);
  if (text.includes(',')) {
    const [last, first] = text.split(',').map((s) => s.trim());
    q = q.where(lastLike(last));
    return first ? q.where(firstLike(first)) : q;
  }
  const words = text.split(/\s+/);
  if (words.length >= 2) {
    const [a, b] = [words[0], words[words.length - 1]];
    return q.where((eb: any) => eb.or([eb.and([firstLike(a), lastLike(b)]), eb.and([lastLike(a), firstLike(b)])]));
  }
  return q.where((eb: any) => eb.or([lastLike(text), firstLike(text)]));
}
