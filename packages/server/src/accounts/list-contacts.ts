/** listContacts: a patient's contact log, newest first, with how often and when they were last contacted. */
import { accounts } from '@medbill/core';
import { recordAudit } from '../audit/record-audit.ts';
import { withTenant } from '../db/open-database.ts';
import { notFound } from '../app-error.ts';
import { contactView, type ContactView } from './log-contact.ts';
import { isoDay, type UseCaseContext } from './use-case-context.ts';

export async function listContacts(
  ctx: UseCaseContext,
  patientId: number,
): Promise<{ items: ContactView[]; summary: accounts.ContactSummary }> {
  return withTenant(ctx.db, ctx.tenantId, async (tx) => {
    const patient = await tx
      .selectFrom('patient')
      .select('id')
      .where('tenant_id', '=', ctx.tenantId)
      .where('id', '=', patientId)
      .executeTakeFirst();
    if (!patient) throw notFound('Patient');
    const rows = await tx
      .selectFrom('contact_log')
      .selectAll()
      .where('tenant_id', '=', ctx.tenantId)
      .where('patient_id', '=', patientId)
      .orderBy('occurred_at', 'desc')
      .orderBy('id', 'desc')
      .limit(500)
      .execute();
    await recordAudit(tx, ctx.auditKey, ctx.actor, {
      action: 'query',
      resourceType: 'contact_log',
      patientId,
      dataCategory: 'account',
      details: { entries: rows.length },
    });
    const items = rows.map(contactView);
    const summary = accounts.summarizeContacts(
      items.map((i) => ({
        ...i,
        channel: i.channel as accounts.ContactChannel,
        outcome: i.outcome as accounts.ContactOutcome,
      })),
      isoDay(ctx.now()),
    );
    return { items, summary };
  });
}
