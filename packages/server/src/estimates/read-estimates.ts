/** Reading estimates: a patient's, newest first, or one. Each read is audited with the patient. */
import type { EstimateList, EstimateView } from '@medbill/api';
import type { Actor } from '../actor.ts';
import { notFound } from '../app-error.ts';
import { recordAudit } from '../audit/record-audit.ts';
import { describerFor } from '../accounts/describe-codes.ts';
import { withTenant } from '../db/open-database.ts';
import type { Deps } from '../deps.ts';
import { estimateView } from './estimate-view.ts';

type ReadDeps = Pick<Deps, 'db' | 'auditKey' | 'codes'>;

export async function listEstimates(deps: ReadDeps, actor: Actor, input: { patientId: number }): Promise<EstimateList> {
  const t = actor.tenantId;
  return withTenant(deps.db, t, async (tx) => {
    const patient = await tx
      .selectFrom('patient')
      .select('id')
      .where('tenant_id', '=', t)
      .where('id', '=', input.patientId)
      .executeTakeFirst();
    if (!patient) throw notFound('Patient');
    const ids = await tx
      .selectFrom('patient_estimate')
      .select('id')
      .where('tenant_id', '=', t)
      .where('patient_id', '=', input.patientId)
      .orderBy('id', 'desc')
      .limit(50)
      .execute();
    const describe = describerFor(deps);
    const items = [];
    for (const { id } of ids) items.push(await estimateView(tx, t, id, describe));
    await recordAudit(tx, deps.auditKey, actor, {
      action: 'query',
      resourceType: 'patient_estimate',
      patientId: input.patientId,
      dataCategory: 'account',
      details: { estimates: items.length },
    });
    return { items };
  });
}

export async function getEstimate(deps: ReadDeps, actor: Actor, input: { estimateId: number }): Promise<EstimateView> {
  const t = actor.tenantId;
  return withTenant(deps.db, t, async (tx) => {
    const view = await estimateView(tx, t, input.estimateId, describerFor(deps));
    await recordAudit(tx, deps.auditKey, actor, {
      action: 'read',
      resourceType: 'patient_estimate',
      resourceId: view.id,
      patientId: view.patientId,
      dataCategory: 'account',
    });
    return view;
  });
}
