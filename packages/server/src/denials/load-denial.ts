/** One denial with what acting on it needs: its line as a ledger line, what the payer still owes on it. */
import { payerParty, type LineRef } from '@medbill/core/ledger';
import type { Tx } from '../db/open-database.ts';
import { AppError, notFound } from '../app-error.ts';
import { lineBalanceBook } from '../ledger/read-ledger.ts';

export interface LoadedDenial {
  id: number;
  kind: string;
  status: string;
  claimId: number;
  claimNumber: string;
  claimState: string;
  patientId: number;
  payerId: number;
  cause: string;
  reason: string | null;
  group: string | null;
  amountCents: number;
  /** the denied line, or every line of the claim for a claim-level denial */
  lines: Array<{ ref: LineRef; owedByPayer: number }>;
}

export async function loadDenial(
  tx: Tx,
  tenantId: number,
  id: number,
  opts: { open?: boolean } = {},
): Promise<LoadedDenial> {
  const d = await tx
    .selectFrom('denial as d')
    .innerJoin('claim as c', (j) => j.onRef('c.tenant_id', '=', 'd.tenant_id').onRef('c.id', '=', 'd.claim_id'))
    .innerJoin('encounter as e', (j) => j.onRef('e.tenant_id', '=', 'c.tenant_id').onRef('e.id', '=', 'c.encounter_id'))
    .select([
      'd.id',
      'd.kind',
      'd.status',
      'd.claim_id',
      'c.claim_number',
      'c.state',
      'e.id as encounter_id',
      'e.patient_id',
      'e.practice_id',
      'd.payer_id',
      'd.cause',
      'd.reason_code',
      'd.group_code',
      'd.amount_cents',
      'd.service_line_id',
    ])
    .where('d.tenant_id', '=', tenantId)
    .where('d.id', '=', id)
    .forUpdate()
    .executeTakeFirst();
  if (!d) throw notFound('Denial');
  if (opts.open && !['open', 'appealed'].includes(d.status))
    throw new AppError('conflict', `This denial is already ${d.status.replace('_', ' ')}`);
  const lineIds = d.service_line_id
    ? [d.service_line_id]
    : (
        await tx
          .selectFrom('service_line')
          .select('id')
          .where('tenant_id', '=', tenantId)
          .where('encounter_id', '=', d.encounter_id)
          .orderBy('line_number')
          .execute()
      ).map((l) => l.id);
  const book = await lineBalanceBook(tx, tenantId, lineIds);
  return {
    id: d.id,
    kind: d.kind,
    status: d.status,
    claimId: d.claim_id,
    claimNumber: d.claim_number,
    claimState: d.state,
    patientId: d.patient_id,
    payerId: d.payer_id,
    cause: d.cause,
    reason: d.reason_code,
    group: d.group_code,
    amountCents: d.amount_cents,
    lines: lineIds.map((lineId) => ({
      ref: { serviceLineId: lineId, claimId: d.claim_id, patientId: d.patient_id, practiceId: d.practice_id },
      owedByPayer: book.balance(lineId, payerParty(d.payer_id)),
    })),
  };
}

/** Spreads `amount` over the denial's lines, never more than the payer owes on each. */
export function takeFromLines(d: LoadedDenial, amount: number): Array<{ ref: LineRef; amount: number }> {
  const out: Array<{ ref: LineRef; amount: number }> = [];
  let left = amount;
  for (const l of d.lines) {
    const take = Math.min(left, Math.max(0, l.owedByPayer));
    if (take > 0) out.push({ ref: l.ref, amount: take });
    left -= take;
  }
  return out;
}
