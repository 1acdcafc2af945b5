/** logContact: one call, letter, e-mail, text, portal message or agency contact on a patient's account. */
import type { accounts } from '@medbill/core';
import { recordAudit } from '../audit/record-audit.ts';
import { withTenant } from '../db/open-database.ts';
import { invalid, notFound } from '../app-error.ts';
import type { UseCaseContext } from './use-case-context.ts';

export interface LogContactInput {
  patientId: number;
  channel: accounts.ContactChannel;
  direction: 'inbound' | 'outbound';
  outcome: accounts.ContactOutcome;
  note?: string;
  /** ISO timestamp; default now */
  occurredAt?: string;
  promiseDate?: string | null;
  promiseCents?: number | null;
  followUpDate?: string | null;
}

export interface ContactView {
  id: number;
  patientId: number;
  occurredAt: string;
  username: string;
  channel: string;
  direction: string;
  outcome: string;
  note: string;
  promiseDate: string | null;
  promiseCents: number | null;
  followUpDate: string | null;
}

export async function logContact(ctx: UseCaseContext, input: LogContactInput): Promise<ContactView> {
  if ((input.promiseDate == null) !== (input.promiseCents == null))
    throw invalid('promiseCents', 'a promise to pay needs both a date and an amount');
  if (input.outcome === 'promise_to_pay' && input.promiseDate == null)
    throw invalid('promiseDate', 'a promise to pay needs the date and amount promised');
  return withTenant(ctx.db, ctx.tenantId, async (tx) => {
    const patient = await tx
      .selectFrom('patient')
      .select('id')
      .where('tenant_id', '=', ctx.tenantId)
      .where('id', '=', input.patientId)
      .executeTakeFirst();
    if (!patient) throw notFound('Patient');
    const row = await tx
      .insertInto('contact_log')
      .values({
        tenant_id: ctx.tenantId,
        patient_id: patient.id,
        occurred_at: input.occurredAt ?? ctx.now(),
        user_id: ctx.actor.userId,
        username: ctx.actor.username ?? 'system',
        channel: input.channel,
        direction: input.direction,
        outcome: input.outcome,
        note: input.note ?? '',
        promise_date: input.promiseDate ?? null,
        promise_cents: input.promiseCents ?? null,
        follow_up_date: input.followUpDate ?? null,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    await recordAudit(tx, ctx.auditKey, ctx.actor, {
      action: 'create',
      resourceType: 'contact_log',
      resourceId: row.id,
      patientId: patient.id,
      dataCategory: 'account',
      details: { channel: row.channel, outcome: row.outcome },
    });
    return contactView(row);
  });
}

export function contactView(row: {
  id: number;
  patient_id: number;
  occurred_at: Date | string;
  username: string;
  channel: string;
  direction: string;
  outcome: string;
  note: string;
  promise_date: string | null;
  promise_cents: number | null;
  follow_up_date: string | null;
}): ContactView {
  return {
    id: row.id,
    patientId: row.patient_id,
    occurredAt: new Date(row.occurred_at).toISOString(),
    username: row.username,
    channel: row.channel,
    direction: row.direction,
    outcome: row.outcome,
    note: row.note,
    promiseDate: row.promise_date,
    promiseCents: row.promise_cents,
    followUpDate: row.follow_up_date,
  };
}
