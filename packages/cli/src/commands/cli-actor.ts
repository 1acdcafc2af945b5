/** Who runs a CLI command, for claim events and audit rows: `cli:<OS user>`, no app user, no address. */
import os from 'node:os';
import type { AuditActor } from '@medbill/server/audit/record-audit.ts';

function osUser(): string {
  try {
    return os.userInfo().username;
  } catch {
    // a uid with no passwd entry (some containers)
    return process.env.USER || process.env.LOGNAME || `uid-${process.getuid?.() ?? 'unknown'}`;
  }
}

export function cliActor(): { userId: null; username: string } {
  return { userId: null, username: `cli:${osUser()}` };
}

export function cliAuditActor(tenantId: number): AuditActor {
  return { tenantId, ...cliActor(), sourceIp: null };
}
