/**
 * The audit chain: each entry's hash covers its fields and the previous entry's hash; its HMAC is keyed
 * outside the database. A writer to the database can recompute hashes but not HMACs, so an edited,
 * inserted, deleted or reordered entry, or a cut tail (the head row is HMAC'd too), is detected.
 */
import crypto from 'node:crypto';

export const GENESIS_HASH = '0'.repeat(64);

export interface AuditFields {
  tenantId: number;
  seq: number;
  occurredAt: string; // ISO 8601 UTC with milliseconds
  userId: number | null;
  username: string | null;
  action: string;
  resourceType: string;
  resourceId: string | null;
  patientId: number | null;
  dataCategory: string | null;
  sourceIp: string | null;
  outcome: string;
  details: Record<string, unknown>;
}

/** JSON with sorted keys: jsonb re-orders keys, so we hash a form that survives the round trip. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value ?? null);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const obj = value as Record<string, unknown>;
  const keys = Object.keys(obj)
    .filter((k) => obj[k] !== undefined)
    .sort();
  return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(obj[k])}`).join(',')}}`;
}

export function entryHash(fields: AuditFields, prevHash: string): string {
  const body = canonicalJson([
    fields.tenantId,
    fields.seq,
    fields.occurredAt,
    fields.userId,
    fields.username,
    fields.action,
    fields.resourceType,
    fields.resourceId,
    fields.patientId,
    fields.dataCategory,
    fields.sourceIp,
    fields.outcome,
    fields.details,
    prevHash,
  ]);
  return crypto.createHash('sha256').update(body).digest('hex');
}

export function entryHmac(key: Buffer, hash: string): string {
  return crypto.createHmac('sha256', key).update(`entry:${hash}`).digest('hex');
}

export function headHmac(key: Buffer, tenantId: number, seq: number, hash: string): string {
  return crypto.createHmac('sha256', key).update(`head:${tenantId}:${seq}:${hash}`).digest('hex');
}

/** The HMAC of a line of the anchor file (audit-anchor.ts): a head seen outside the database. */
export function anchorHmac(key: Buffer, tenantId: number, seq: number, hash: string): string {
  return crypto.createHmac('sha256', key).update(`anchor:${tenantId}:${seq}:${hash}`).digest('hex');
}

export function safeEqualHex(a: string, b: string): boolean {
  return a.length === b.length && crypto.timingSafeEqual(Buffer.from(a), Buffer.from(b));
}
