/** The account a patient's money belongs to: their guarantor's, else their own; made on first use. */
import type { Tx } from '../db/open-database.ts';
import { notFound } from '../app-error.ts';

export interface AccountRef {
  accountId: number;
  guarantorId: number | null;
  /** every patient whose balance the account answers for */
  patientIds: number[];
  statementHold: boolean;
  finalNoticeDate: string | null;
}

export async function accountOfPatient(tx: Tx, tenantId: number, patientId: number): Promise<AccountRef> {
  const p = await tx
    .selectFrom('patient')
    .select(['id', 'guarantor_id'])
    .where('tenant_id', '=', tenantId)
    .where('id', '=', patientId)
    .executeTakeFirst();
  if (!p) throw notFound('Patient');
  const key = p.guarantor_id ? { guarantor_id: p.guarantor_id } : { patient_id: p.id };
  await tx
    .insertInto('patient_account')
    .values({ tenant_id: tenantId, ...key })
    .onConflict((oc) => oc.columns(['tenant_id', p.guarantor_id ? 'guarantor_id' : 'patient_id']).doNothing())
    .execute();
  return loadAccount(tx, tenantId, p.guarantor_id ? { guarantorId: p.guarantor_id } : { patientId: p.id });
}

export async function loadAccount(
  tx: Tx,
  tenantId: number,
  by: { accountId?: number; guarantorId?: number; patientId?: number },
): Promise<AccountRef> {
  let q = tx.selectFrom('patient_account').selectAll().where('tenant_id', '=', tenantId);
  if (by.accountId) q = q.where('id', '=', by.accountId);
  else if (by.guarantorId) q = q.where('guarantor_id', '=', by.guarantorId);
  else q = q.where('patient_id', '=', by.patientId!);
  const a = await q.executeTakeFirst();
  if (!a) throw notFound('Account');
  const patientIds = a.guarantor_id
    ? (
        await tx
          .selectFrom('patient')
          .select('id')
          .where('tenant_id', '=', tenantId)
          .where('guarantor_id', '=', a.guarantor_id)
          .orderBy('id')
          .execute()
      ).map((r) => r.id)
    : [a.patient_id!];
  return {
    accountId: a.id,
    guarantorId: a.guarantor_id,
    patientIds,
    statementHold: a.statement_hold,
    finalNoticeDate: a.final_notice_date,
  };
}
