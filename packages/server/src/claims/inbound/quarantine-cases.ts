/**
 * The quarantine's use cases: list the held files with their reasons (claim readers), and release or discard one
 * (admins). Releasing takes the file in as if just received, with the receiver check waived: the admin vouches it
 * is this office's. A file that still cannot be taken in stays held, with the new reason.
 */
import type { QuarantineDecision, QuarantineEntry } from '@medbill/api';
import type { Actor } from '../../actor.ts';
import { notFound, messageForPeople } from '../../app-error.ts';
import { recordAudit } from '../../audit/record-audit.ts';
import { withTenant } from '../../db/open-database.ts';
import type { Deps } from '../../deps.ts';
import { read835InWorker } from '../../jobs/parse-in-worker.ts';
import { sniffX12Kind } from '../edi-files.ts';
import { inspectText } from './inspect-inbound.ts';
import { processFile } from './intake.ts';

type QDeps = Pick<Deps, 'db' | 'auditKey'>;

export async function listQuarantine(
  deps: QDeps,
  actor: Actor,
  input: { status?: QuarantineEntry['status'] } = {},
): Promise<{ items: QuarantineEntry[] }> {
  return withTenant(deps.db, actor.tenantId, async (tx) => {
    let q = tx
      .selectFrom('inbound_quarantine')
      .select([
        'id',
        'clearinghouse_id',
        'file_name',
        'size_bytes',
        'sha256',
        'reason',
        'reason_code',
        'status',
        'received_at',
        'decided_at',
        'decision_note',
      ])
      .where('tenant_id', '=', actor.tenantId)
      .orderBy('id', 'desc')
      .limit(500);
    if (input.status) q = q.where('status', '=', input.status);
    const rows = await q.execute();
    await recordAudit(tx, deps.auditKey, actor, {
      action: 'read',
      resourceType: 'inbound_quarantine',
      dataCategory: 'claim',
      details: { count: rows.length, status: input.status ?? null },
    });
    return {
      items: rows.map((r) => ({
        id: r.id,
        clearinghouseId: r.clearinghouse_id,
        fileName: r.file_name,
        sizeBytes: r.size_bytes,
        sha256: r.sha256,
        reason: r.reason,
        reasonCode: r.reason_code as QuarantineEntry['reasonCode'],
        status: r.status as QuarantineEntry['status'],
        receivedAt: r.received_at.toISOString(),
        decidedAt: r.decided_at?.toISOString() ?? null,
        decisionNote: r.decision_note,
      })),
    };
  });
}

async function heldFile(deps: QDeps, actor: Actor, id: number) {
  const row = await withTenant(deps.db, actor.tenantId, (tx) =>
    tx
      .selectFrom('inbound_quarantine')
      .selectAll()
      .where('tenant_id', '=', actor.tenantId)
      .where('id', '=', id)
      .where('status', '=', 'held')
      .executeTakeFirst(),
  );
  if (!row) throw notFound('Held inbound file');
  return row;
}

export async function discardQuarantined(
  deps: QDeps,
  actor: Actor,
  input: { id: number; note?: string },
): Promise<QuarantineDecision> {
  const row = await heldFile(deps, actor, input.id);
  await withTenant(deps.db, actor.tenantId, async (tx) => {
    await decide(tx, actor, row.id, 'discarded', input.note);
    await recordAudit(tx, deps.auditKey, actor, {
      action: 'delete',
      resourceType: 'inbound_quarantine',
      resourceId: row.id,
      dataCategory: 'claim',
      details: { fileName: row.file_name, note: input.note ?? null },
    });
  });
  return { id: row.id, status: 'discarded', reason: null, file: null };
}

export async function releaseQuarantined(
  deps: QDeps,
  actor: Actor,
  input: { id: number; note?: string },
): Promise<QuarantineDecision> {
  const row = await heldFile(deps, actor, input.id);
  const text = inspectText(row.content);
  if (!text.ok) return stillHeld(deps, actor, row.id, text.reason);
  let read835: Awaited<ReturnType<typeof read835InWorker>> | undefined;
  try {
    if (sniffX12Kind(text.text) === '835') read835 = await read835InWorker(text.text, row.file_name);
    const file = await withTenant(deps.db, actor.tenantId, async (tx) => {
      const result = await processFile(
        tx,
        deps.auditKey,
        actor,
        { fileName: row.file_name, text: text.text, read835 },
        { clearinghouseId: row.clearinghouse_id ?? 0 },
      );
      await decide(tx, actor, row.id, 'released', input.note);
      await recordAudit(tx, deps.auditKey, actor, {
        action: 'update',
        resourceType: 'inbound_quarantine',
        resourceId: row.id,
        dataCategory: 'claim',
        details: { fileName: row.file_name, released: true, note: input.note ?? null },
      });
      return result;
    });
    return { id: row.id, status: 'released', reason: null, file };
  } catch (e) {
    return stillHeld(deps, actor, row.id, `applying it failed: ${messageForPeople(e)}`);
  }
}

async function stillHeld(deps: QDeps, actor: Actor, id: number, reason: string): Promise<QuarantineDecision> {
  await withTenant(deps.db, actor.tenantId, (tx) =>
    tx
      .updateTable('inbound_quarantine')
      .set({ reason })
      .where('tenant_id', '=', actor.tenantId)
      .where('id', '=', id)
      .execute(),
  );
  return { id, status: 'held', reason, file: null };
}

async function decide(
  tx: Parameters<Parameters<typeof withTenant>[2]>[0],
  actor: Actor,
  id: number,
  status: 'released' | 'discarded',
  note: string | undefined,
) {
  await tx
    .updateTable('inbound_quarantine')
    .set({ status, decided_at: new Date(), decided_by: actor.userId, decision_note: note ?? null })
    .where('tenant_id', '=', actor.tenantId)
    .where('id', '=', id)
    .execute();
}
