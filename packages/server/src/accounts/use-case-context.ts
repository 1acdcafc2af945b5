/** What every accounts and eligibility use case gets from its caller (a route, the CLI, the demo, a job). */
import type { AuditActor } from '../audit/record-audit.ts';
import type { Db } from '../db/open-database.ts';

export interface UseCaseContext {
  db: Db;
  tenantId: number;
  /** who acts, from where: written on every audit row the use case records */
  actor: AuditActor;
  auditKey: Buffer;
  now: () => Date;
}

export const isoDay = (d: Date) => d.toISOString().slice(0, 10);
