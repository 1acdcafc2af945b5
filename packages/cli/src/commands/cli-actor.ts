/** Who runs a CLI command, for claim events and audit rows: `cli:<OS user>`, no app user, no address. */
import os from 'node:os';
import type { Actor } from '@medbill/server';

function osUser(): string {
  try {
    return os.userInfo().username;
  } catch {
    // a uid with no passwd entry (some containers)
    return process.env.USER || process.env.LOGNAME || `uid-${process.getuid?.() ?? 'unknown'}`;
  }
}

/** The CLI's actor before a tenant is chosen (creating one). */
export function cliUser(): Omit<Actor, 'tenantId'> {
  return { userId: null, username: `cli:${osUser()}`, sourceIp: null };
}

export function cliActor(tenantId: number): Actor {
  return { tenantId, ...cliUser() };
}

/** @deprecated the same as `cliActor` (kept for commands written before the rename) */
export const cliAuditActor = cliActor;
