/**
 * Which tenant a log-in names (issue 8 item 12). User names are unique within a tenant, not across tenants, so a
 * log-in names its office: a `tenant` field, or `slug/username` typed as the user name. A plain user name logs in
 * to the default office (the first tenant made: the demo office on a demo server), never to whichever tenant
 * happens to have that name, so what a failed log-in says never depends on another tenant's users.
 */
import { asOwner, type Db } from '../db/open-database.ts';

export interface LoginName {
  /** the office's slug as typed (lower-cased), or null for the default office */
  tenant: string | null;
  /** the user name within it */
  username: string;
}

export function parseLoginName(input: { tenant?: string | null; username: string }): LoginName {
  const typed = input.username.trim();
  const slash = typed.indexOf('/');
  const named = input.tenant?.trim().toLowerCase() || null;
  if (slash > 0 && !named) return { tenant: typed.slice(0, slash).toLowerCase(), username: typed.slice(slash + 1) };
  return { tenant: named, username: typed };
}

/** The log-in as one key (throttle, operator log): `slug/username`, or the plain name for the default office. */
export const loginKey = (n: LoginName) => (n.tenant ? `${n.tenant}/${n.username}` : n.username).toLowerCase();

/** The tenant a log-in goes to; undefined when the named office does not exist (answered like a wrong password). */
export async function loginTenant(db: Db, name: LoginName) {
  // an owner path: the tenant is what the log-in is about to find
  return asOwner(db, (tx) => {
    const q = tx.selectFrom('tenant').select(['id', 'slug', 'mfa_required']);
    return name.tenant
      ? q.where('slug', '=', name.tenant).executeTakeFirst()
      : q.orderBy('id').limit(1).executeTakeFirst();
  });
}
