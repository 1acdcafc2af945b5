/**
 * Sessions live in the database; the cookie carries a random token and the table only its SHA-256.
 * Idle timeout 15 minutes, absolute lifetime 12 hours (NIST 800-63B AAL2; SECURITY.md B3).
 */
import crypto from 'node:crypto';
import { asOwner, type Db, withTenant } from '../db/open-database.ts';
import { isRole, type Role } from './permissions.ts';

export const SESSION_COOKIE = 'medbill_session';
export const IDLE_TIMEOUT_MS = 15 * 60 * 1000;
export const ABSOLUTE_LIFETIME_MS = 12 * 60 * 60 * 1000;

export interface SessionUser {
  sessionId: number;
  tenantId: number;
  userId: number;
  username: string;
  displayName: string;
  role: Role;
}

export function hashToken(token: string): string {
  return crypto.createHash('sha256').update(token).digest('hex');
}

export async function createSession(
  db: Db,
  user: { tenantId: number; userId: number },
  sourceIp: string,
  now = new Date(),
): Promise<string> {
  const token = crypto.randomBytes(32).toString('base64url');
  await withTenant(db, user.tenantId, (tx) =>
    tx
      .insertInto('user_session')
      .values({
        tenant_id: user.tenantId,
        user_id: user.userId,
        token_hash: hashToken(token),
        created_at: now,
        last_seen_at: now,
        expires_at: new Date(now.getTime() + ABSOLUTE_LIFETIME_MS),
        source_ip: sourceIp,
      })
      .execute(),
  );
  return token;
}

/** The session's user, or null when the token is unknown, revoked, idle too long, expired or the user is disabled. */
export async function resolveSession(db: Db, token: string, now = new Date()): Promise<SessionUser | null> {
  // an owner path: the cookie's token is all there is to find the tenant by
  return asOwner(db, (tx) => resolveSessionIn(tx, token, now));
}

async function resolveSessionIn(db: Db, token: string, now: Date): Promise<SessionUser | null> {
  const row = await db
    .selectFrom('user_session as s')
    .innerJoin('app_user as u', (j) => j.onRef('u.tenant_id', '=', 's.tenant_id').onRef('u.id', '=', 's.user_id'))
    .select([
      's.id as sessionId',
      's.tenant_id as tenantId',
      's.user_id as userId',
      's.last_seen_at',
      's.expires_at',
      's.revoked_at',
      'u.username',
      'u.display_name',
      'u.role',
      'u.disabled',
    ])
    .where('s.token_hash', '=', hashToken(token))
    .executeTakeFirst();
  if (!row || row.revoked_at || row.disabled || !isRole(row.role)) return null;
  if (now.getTime() - new Date(row.last_seen_at).getTime() > IDLE_TIMEOUT_MS) return null;
  if (now.getTime() >= new Date(row.expires_at).getTime()) return null;
  await db
    .updateTable('user_session')
    .set({ last_seen_at: now })
    .where('tenant_id', '=', row.tenantId)
    .where('id', '=', row.sessionId)
    .execute();
  return {
    sessionId: row.sessionId,
    tenantId: row.tenantId,
    userId: row.userId,
    username: row.username,
    displayName: row.display_name,
    role: row.role,
  };
}

export async function revokeSession(db: Db, tenantId: number, sessionId: number, now = new Date()): Promise<void> {
  await withTenant(db, tenantId, (tx) =>
    tx
      .updateTable('user_session')
      .set({ revoked_at: now })
      .where('tenant_id', '=', tenantId)
      .where('id', '=', sessionId)
      .execute(),
  );
}

/** `tx`: a transaction with the tenant set (withTenant). */
export async function revokeUserSessions(db: Db, tenantId: number, userId: number, now = new Date()): Promise<void> {
  await db
    .updateTable('user_session')
    .set({ revoked_at: now })
    .where('tenant_id', '=', tenantId)
    .where('user_id', '=', userId)
    .where('revoked_at', 'is', null)
    .execute();
}
