/** An encounter becomes a claim to the patient's primary payer active on the date of service. */
import { issueAt } from '@medbill/api';
import type { ClaimEventCause } from '@medbill/core';
import { sql } from 'kysely';
import type { Tx } from '../db/open-database.ts';
import { AppError, notFound } from '../app-error.ts';
import type { Who } from '../actor.ts';

export async function createClaimForEncounter(
  tx: Tx,
  tenantId: number,
  encounterId: number,
  actor: Who,
  /** coverageId: this coverage (active on the date of service), not the order's newest */
  opts: { coverageOrder?: number; coverageId?: number; reason?: string; cause?: ClaimEventCause } = {},
): Promise<number> {
  const enc = await tx
    .selectFrom('encounter')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('id', '=', encounterId)
    .executeTakeFirst();
  if (!enc) throw notFound('Encounter');
  const order = opts.coverageOrder ?? 1;
  const coverage = await tx
    .selectFrom('coverage')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('patient_id', '=', enc.patient_id)
    .where('coverage_order', '=', order)
    .$if(opts.coverageId !== undefined, (q) => q.where('id', '=', opts.coverageId!))
    .where('effective_date', '<=', enc.service_date_from)
    .where((eb) => eb.or([eb('end_date', 'is', null), eb('end_date', '>=', enc.service_date_from)]))
    .orderBy('effective_date', 'desc')
    .executeTakeFirst();
  if (!coverage)
    throw new AppError(
      'validation',
      `The patient has no ${['', 'primary', 'secondary', 'tertiary'][order] ?? 'such'} coverage active on ${enc.service_date_from}: bill the patient or add coverage`,
      [issueAt('coverage', 'no-such-record', 'no active coverage on the date of service')],
    );
  const existing = await tx
    .selectFrom('claim')
    .select('id')
    .where('tenant_id', '=', tenantId)
    .where('encounter_id', '=', encounterId)
    .where('coverage_id', '=', coverage.id)
    .where('state', '<>', 'voided')
    .executeTakeFirst();
  if (existing) return existing.id;
  const total = await tx
    .selectFrom('service_line')
    .select((eb) => eb.fn.sum<number>('charge_cents').as('t'))
    .where('tenant_id', '=', tenantId)
    .where('encounter_id', '=', encounterId)
    .executeTakeFirst();
  const { rows } = await sql<{
    id: number;
  }>`SELECT nextval(pg_get_serial_sequence('claim', 'id'))::bigint AS id`.execute(tx);
  const id = rows[0].id;
  await tx
    .insertInto('claim')
    .values({
      tenant_id: tenantId,
      id,
      claim_number: `C${String(id).padStart(7, '0')}`,
      encounter_id: encounterId,
      coverage_id: coverage.id,
      payer_id: coverage.payer_id,
      kind: enc.kind,
      total_charge_cents: Number(total?.t ?? 0),
    } as never)
    .execute();
  await tx
    .insertInto('claim_event')
    .values({
      tenant_id: tenantId,
      claim_id: id,
      from_state: null,
      to_state: 'draft',
      user_id: actor.userId,
      username: actor.username,
      reason: opts.reason ?? 'created from encounter',
      cause: opts.cause ?? 'created',
    })
    .execute();
  await tx
    .updateTable('encounter')
    .set({ status: 'billed', updated_at: new Date() })
    .where('tenant_id', '=', tenantId)
    .where('id', '=', encounterId)
    .execute();
  return id;
}
