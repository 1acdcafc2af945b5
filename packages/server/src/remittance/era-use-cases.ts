/**
 * The remittance stage's use cases in the (deps, actor, input) shape routes and the CLI call: the ERA list, an
 * ERA's posting view, posting an uploaded 835, releasing or dismissing a held one. Each writes its own audit
 * rows (through the posting and reading functions it calls).
 */
import type { ClaimLedgerView, PostRemittanceResultBody, RemittanceDetail, RemittanceList } from '@medbill/api';
import type { Actor } from '../actor.ts';
import type { DenialDeps } from '../denials/denial-deps.ts';
import { remarkWords } from '../denials/denial-deps.ts';
import { getClaimLedger } from './get-claim-ledger.ts';
import { getRemittance } from './get-remittance.ts';
import { listRemittances, type RemittanceFilter } from './list-remittances.ts';
import { postRemittance } from './post-remittance.ts';
import { releaseRemittance } from './release-remittance.ts';
import type { ProgressFn } from './remittance-result.ts';

const ctxOf = (deps: DenialDeps, actor: Actor) => ({
  db: deps.db,
  tenantId: actor.tenantId,
  actor,
  auditKey: deps.auditKey,
  now: deps.claims.now,
});

export async function listEras(deps: DenialDeps, actor: Actor, input: RemittanceFilter = {}): Promise<RemittanceList> {
  const limit = input.limit ?? 50;
  const offset = input.offset ?? 0;
  const r = await listRemittances(ctxOf(deps, actor), { ...input, limit, offset });
  return { items: r.rows, total: r.total, limit, offset };
}

export function getEra(deps: DenialDeps, actor: Actor, input: { remittanceId: number }): Promise<RemittanceDetail> {
  return getRemittance(ctxOf(deps, actor), input.remittanceId, remarkWords(deps.codes));
}

/** Posts an uploaded 835 (or holds it, or says it was posted before). */
export function postEraFile(
  deps: DenialDeps,
  actor: Actor,
  input: { fileName: string; text: string },
  onProgress?: ProgressFn,
): Promise<PostRemittanceResultBody> {
  return postRemittance(
    deps.db,
    actor.tenantId,
    { fileName: input.fileName, text: input.text },
    { actor, audit: { key: deps.auditKey, sourceIp: actor.sourceIp }, ...(onProgress ? { onProgress } : {}) },
  );
}

/** Releases a held ERA (posts it with its difference visible) or dismisses it, with the reason. */
export function releaseEra(
  deps: DenialDeps,
  actor: Actor,
  input: { remittanceId: number; action: 'post' | 'dismiss'; reason: string },
): Promise<PostRemittanceResultBody> {
  return releaseRemittance(deps.db, actor.tenantId, input.remittanceId, {
    action: input.action,
    reason: input.reason,
    actor,
    audit: { key: deps.auditKey, sourceIp: actor.sourceIp },
  });
}

/** A claim's payment history: every ledger entry (adjustments with their CARC and RARC in words), the totals, the ERAs. */
export async function claimLedger(
  deps: DenialDeps,
  actor: Actor,
  input: { claimId: number },
): Promise<ClaimLedgerView> {
  const l = await getClaimLedger(ctxOf(deps, actor), input.claimId, remarkWords(deps.codes));
  return {
    ...l,
    entries: l.entries.map((e) => ({
      id: e.id,
      postingId: e.postingId,
      postingKind: e.postingKind,
      effectiveDate: e.effectiveDate,
      memo: e.memo,
      postedAt: new Date(e.postedAt).toISOString(),
      postedBy: e.postedBy,
      remittanceId: e.remittanceId,
      account: e.account,
      kind: e.kind,
      amountCents: e.amount,
      lineId: e.line?.serviceLineId ?? null,
      party: e.party?.kind ?? null,
      payerId: e.party?.kind === 'payer' ? e.party.payerId : (e.payerId ?? null),
      group: e.group ?? null,
      reason: e.reason ?? null,
      reasonText: e.reasonText,
      reference: e.reference ?? null,
      remarks: e.remarks,
    })),
  };
}
