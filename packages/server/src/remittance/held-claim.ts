/**
 * What an unmatched-line item of a claim of ours holds, and everything posting it to the claim's lines needs: the
 * posted ERA, its 835 claim read again from the file, our claim as posting loads it (lines, balances), the payer.
 */
import type { LineDetail, UnmatchedHeldAs } from '@medbill/core/remittance';
import type { ClaimPayment, Remittance835 } from '@medbill/x12/835';
import { AppError, notFound } from '../app-error.ts';
import type { Tx } from '../db/open-database.ts';
import { read835InWorker } from '../jobs/parse-in-worker.ts';
import { loadClaimsFor } from './load-plan-context.ts';
import type { lockOpen } from './match-unmatched.ts';
import { postedEraOf } from './match-unmatched.ts';
import { isoDate } from './remittance-result.ts';

/** What an item holds (core's UnmatchedHeldAs, kept with the item when it was planned). */
export type HeldAs = UnmatchedHeldAs;

/**
 * What an item holds: as kept with it; an open item written before 0031 kept nothing, and is read from its claim's
 * stored lines (right while nobody posted them): one SVC named, every SVC matching no line, else the difference.
 */
export function heldAs(
  item: { kind: string; held_as: HeldAs | null; svc_index: number | null; amount_cents: number },
  detail: { lines?: readonly LineDetail[]; claimAdjustments?: readonly unknown[] },
): HeldAs {
  if (item.held_as) return item.held_as;
  if (item.kind === 'claim') return 'claim';
  if (item.svc_index !== null) return 'service';
  const lines = detail.lines ?? [];
  if (!lines.length || lines.some((l) => l.svcIndex < 0 || l.lineId !== null)) return 'difference';
  const only =
    lines.length === 1 && !(detail.claimAdjustments ?? []).length && lines[0]!.paidCents === item.amount_cents;
  return only ? 'service' : 'services';
}

export type OpenItem = Awaited<ReturnType<typeof lockOpen>>;

/** The claim's lines (by id or line number) as a person names them; an unknown one is not found. */
export async function claimLinesNamed(
  tx: Tx,
  tenantId: number,
  claimId: number,
  named: readonly { lineId?: number | undefined; lineNumber?: number | undefined }[],
) {
  const claim = await tx
    .selectFrom('claim')
    .select(['id', 'claim_number', 'encounter_id', 'state'])
    .where('tenant_id', '=', tenantId)
    .where('id', '=', claimId)
    .executeTakeFirstOrThrow();
  const lines = await tx
    .selectFrom('service_line')
    .select(['id', 'line_number', 'procedure_code'])
    .where('tenant_id', '=', tenantId)
    .where('encounter_id', '=', claim.encounter_id)
    .orderBy('line_number')
    .execute();
  const chosen = named.map((n) => {
    const l = lines.find((x) => (n.lineId !== undefined ? x.id === n.lineId : x.line_number === n.lineNumber));
    if (!l) throw notFound(`Line ${n.lineNumber ?? ''} of claim ${claim.claim_number}`.replace('  ', ' '));
    return l;
  });
  return { claim, lines, chosen };
}

export const lineWords = (l: { line_number: number; procedure_code: string }) =>
  `line ${l.line_number} (${l.procedure_code})`;

/** The ERA, its 835 claim and our claim as posting loads them (lines, balances, siblings). */
export async function heldClaimOf(tx: Tx, tenantId: number, u: OpenItem, claimId: number) {
  const r = await postedEraOf(tx, tenantId, u.remittance_id);
  const read = await read835InWorker(r.content, r.file_name);
  const remit = read.remittances.find((x) => x.index === r.transaction_index)?.remit;
  const clp: ClaimPayment | undefined = remit?.headers.flatMap((h) => h.claims)[u.clp_index];
  if (!remit || !clp) throw new AppError('conflict', `ERA #${r.id}: the claim is gone from its file`);
  const one: Remittance835 = { ...remit, headers: [{ ...remit.headers[0]!, claims: [clp] }], providerAdjustments: [] };
  const loaded = await loadClaimsFor(tx, tenantId, [one]);
  const siblings = [...loaded.byEncounter.values()].flat();
  const claim = siblings.find((c) => c.claimId === claimId);
  if (!claim) throw new AppError('conflict', `ERA #${r.id} no longer names this claim`);
  const encounter = loaded.byEncounter.get(claim.encounterId) ?? [claim];
  const effectiveDate = r.payment_date ?? isoDate(remit.productionDate) ?? new Date().toISOString().slice(0, 10);
  return { r, clp, loaded, claim, siblings: encounter, payerId: r.payer_id ?? claim.payerId, effectiveDate };
}
