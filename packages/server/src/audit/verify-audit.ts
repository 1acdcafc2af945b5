/**
 * Walks every tenant's chain in order and reports each break; reads in pages so memory stays flat. Then holds
 * each chain against the anchor file outside the database (audit-anchor.ts), which it requires: a tenant whose
 * chain is gone, a chain behind its anchor (rolled back to an older head) or different at the anchored entry,
 * and a tenant with no chain at all are reported too.
 */
import { asOwner, type Db } from '../db/open-database.ts';
import { auditAnchorOf, type AnchoredHead, type AuditAnchor } from './audit-anchor.ts';
import { entryHash, entryHmac, GENESIS_HASH, headHmac, safeEqualHex, type AuditFields } from './audit-chain.ts';

export interface AuditProblem {
  tenantId: number;
  seq: number;
  kind:
    | 'sequence_gap'
    | 'chain_broken'
    | 'entry_altered'
    | 'hmac_invalid'
    | 'head_mismatch'
    | 'head_hmac_invalid'
    | 'tail_missing'
    | 'outside_chain'
    | 'chain_deleted'
    | 'rolled_back'
    | 'anchor_mismatch'
    | 'not_anchored'
    | 'no_chain'
    | 'anchor_invalid';
  message: string;
}

export interface AuditVerifyResult {
  ok: boolean;
  tenants: number;
  entries: number;
  problems: AuditProblem[];
}

/**
 * Entries read per page, as a seq range (not LIMIT): on PGlite, which has no autovacuum, a freshly grown table
 * has no statistics and `seq > x ORDER BY seq LIMIT n` was planned as "sort everything after x" on every page,
 * which made 1M entries take 6 minutes. A bounded range sorts at most PAGE rows whatever the plan.
 */
const PAGE = 5000;

export async function verifyAudit(
  db: Db,
  key: Buffer,
  opts: { tenantId?: number; onProgress?: (entries: number) => void; anchor?: AuditAnchor } = {},
): Promise<AuditVerifyResult> {
  const anchor = opts.anchor ?? auditAnchorOf(db);
  if (!anchor) throw new Error('Verifying the audit log needs its anchor file (audit.anchor, beside the audit key)');
  const anchored = anchor.read(key);
  // an owner path: the verifier reads every tenant's chain head
  const { headRows, tenantRows } = await asOwner(db, async (tx) => {
    let heads = tx.selectFrom('audit_chain_head').selectAll();
    if (opts.tenantId) heads = heads.where('tenant_id', '=', opts.tenantId);
    let tenants = tx.selectFrom('tenant').select('id');
    if (opts.tenantId) tenants = tenants.where('id', '=', opts.tenantId);
    return { headRows: await heads.orderBy('tenant_id').execute(), tenantRows: await tenants.execute() };
  });
  const tenantIds = new Set(tenantRows.map((t) => t.id));
  const result: AuditVerifyResult = { ok: true, tenants: 0, entries: 0, problems: [] };
  for (const head of headRows) {
    const mark = anchored.heads.get(head.tenant_id);
    const last = await verifyTenantChain(db, key, head.tenant_id, result, mark?.seq, opts.onProgress);
    const problem = (kind: AuditProblem['kind'], message: string) =>
      result.problems.push({ tenantId: head.tenant_id, seq: head.seq, kind, message });
    if (!safeEqualHex(head.hmac, headHmac(key, head.tenant_id, head.seq, head.hash))) {
      problem('head_hmac_invalid', `The chain head (entry ${head.seq}) was altered: its HMAC does not match`);
    }
    if (last.seq < head.seq)
      problem('tail_missing', `Entries ${last.seq + 1}–${head.seq} are missing from the end of the log`);
    else if (last.seq > head.seq || last.hash !== head.hash)
      problem('head_mismatch', `The last entry (${last.seq}) does not match the chain head (${head.seq})`);
    checkAgainstAnchor(result, head.tenant_id, Math.max(head.seq, last.seq), last.hashAtMark, mark);
  }
  const withChain = new Set(headRows.map((h) => h.tenant_id));
  const missing = new Set([...tenantIds, ...(opts.tenantId ? [] : anchored.heads.keys())]);
  for (const tenantId of missing) {
    if (withChain.has(tenantId)) continue;
    const mark = anchored.heads.get(tenantId);
    result.problems.push(
      mark
        ? {
            tenantId,
            seq: mark.seq,
            kind: 'chain_deleted',
            message: `The whole audit chain of tenant ${tenantId} is gone: the anchor saw entry ${mark.seq} written (${mark.at})`,
          }
        : {
            tenantId,
            seq: 0,
            kind: 'no_chain',
            message: `Tenant ${tenantId} has no audit chain (its creation is always audited): deleted before it was anchored, or made outside medbill`,
          },
    );
  }
  for (const bad of anchored.invalid.filter((b) => !opts.tenantId || b.tenantId === opts.tenantId))
    result.problems.push({
      tenantId: Number.isSafeInteger(bad.tenantId) ? bad.tenantId : 0,
      seq: 0,
      kind: 'anchor_invalid',
      message: `Line ${bad.line} of the anchor file was not written with the audit key: forged or damaged`,
    });
  result.tenants = new Set([...withChain, ...missing]).size;
  result.ok = result.problems.length === 0;
  return result;
}

/** The database may be ahead of its anchor (a crash between commit and append); never behind it, nor different. */
function checkAgainstAnchor(
  result: AuditVerifyResult,
  tenantId: number,
  lastSeq: number,
  hashAtMark: string | undefined,
  mark: AnchoredHead | undefined,
): void {
  const problem = (seq: number, kind: AuditProblem['kind'], message: string): void => {
    result.problems.push({ tenantId, seq, kind, message });
  };
  if (!mark)
    return problem(
      lastSeq,
      'not_anchored',
      `The chain of tenant ${tenantId} was never anchored outside the database: written by something other than medbill, or the anchor file was replaced`,
    );
  if (lastSeq < mark.seq)
    return problem(
      lastSeq,
      'rolled_back',
      `The chain ends at entry ${lastSeq} but entry ${mark.seq} was written (anchored ${mark.at}): the log was rolled back to an older head`,
    );
  if (hashAtMark !== undefined && hashAtMark !== mark.hash)
    problem(
      mark.seq,
      'anchor_mismatch',
      `Entry ${mark.seq} is not the one anchored ${mark.at}: the log was rewritten from there`,
    );
}

async function verifyTenantChain(
  db: Db,
  key: Buffer,
  tenantId: number,
  result: AuditVerifyResult,
  markSeq: number | undefined,
  onProgress?: (n: number) => void,
) {
  let prevSeq = 0;
  let prevHash = GENESIS_HASH;
  let hashAtMark: string | undefined;
  const top = await asOwner(db, (tx) =>
    tx
      .selectFrom('audit_event')
      .select((eb) => eb.fn.max('seq').as('max'))
      .where('tenant_id', '=', tenantId)
      .executeTakeFirst(),
  );
  const maxSeq = Number(top?.max ?? 0);
  const stray = await asOwner(db, (tx) =>
    tx.selectFrom('audit_event').select('seq').where('tenant_id', '=', tenantId).where('seq', '<', 1).execute(),
  );
  for (const r of stray)
    result.problems.push({
      tenantId,
      seq: r.seq,
      kind: 'outside_chain',
      message: `Entry ${r.seq} is outside the chain (sequence numbers start at 1): inserted`,
    });
  for (let from = 1; from <= maxSeq; from += PAGE) {
    // entries below 1 (a tampered seq) are caught as gaps/breaks of the entries around them
    const rows = await asOwner(db, (tx) =>
      tx
        .selectFrom('audit_event')
        .selectAll()
        .where('tenant_id', '=', tenantId)
        .where('seq', '>=', from)
        .where('seq', '<', from + PAGE)
        .orderBy('seq')
        .execute(),
    );
    for (const row of rows) {
      const problem = (kind: AuditProblem['kind'], message: string) =>
        result.problems.push({ tenantId, seq: row.seq, kind, message });
      if (row.seq !== prevSeq + 1) problem('sequence_gap', `Entries ${prevSeq + 1}–${row.seq - 1} are missing`);
      if (row.prev_hash !== prevHash)
        problem(
          'chain_broken',
          `Entry ${row.seq} does not follow entry ${prevSeq} (previous hash differs): inserted, deleted or reordered`,
        );
      const fields: AuditFields = {
        tenantId,
        seq: row.seq,
        occurredAt: new Date(row.occurred_at).toISOString(),
        userId: row.user_id,
        username: row.username,
        action: row.action,
        resourceType: row.resource_type,
        resourceId: row.resource_id,
        patientId: row.patient_id,
        dataCategory: row.data_category,
        sourceIp: row.source_ip,
        outcome: row.outcome,
        details: typeof row.details === 'string' ? JSON.parse(row.details) : row.details,
      };
      if (entryHash(fields, row.prev_hash) !== row.hash)
        problem('entry_altered', `Entry ${row.seq} was altered: its content does not match its hash`);
      if (!safeEqualHex(row.hmac, entryHmac(key, row.hash)))
        problem('hmac_invalid', `Entry ${row.seq} has an HMAC that the audit key did not make: forged or recomputed`);
      prevSeq = row.seq;
      prevHash = row.hash;
      if (row.seq === markSeq) hashAtMark = row.hash;
      result.entries++;
    }
    onProgress?.(result.entries);
  }
  return { seq: prevSeq, hash: prevHash, hashAtMark };
}
