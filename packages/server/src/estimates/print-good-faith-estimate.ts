/**
 * printGoodFaithEstimate: the PDF of a stored Good Faith Estimate (an uninsured or self-pay patient's), with the
 * practice, clinician and patient as on file now. An insured estimate has no Good Faith Estimate: refused.
 * Audited as an export naming the patient.
 */
import type { Actor } from '../actor.ts';
import { AppError, notFound } from '../app-error.ts';
import { recordAudit } from '../audit/record-audit.ts';
import { describerFor } from '../accounts/describe-codes.ts';
import { withTenant } from '../db/open-database.ts';
import type { Deps } from '../deps.ts';
import { renderGoodFaithEstimatePdf } from '../print/good-faith-estimate-pdf.ts';
import { estimateView } from './estimate-view.ts';

export interface PrintedEstimate {
  fileName: string;
  pdf: Uint8Array;
}

export async function printGoodFaithEstimate(
  deps: Pick<Deps, 'db' | 'auditKey' | 'codes'>,
  actor: Actor,
  input: { estimateId: number },
): Promise<PrintedEstimate> {
  const t = actor.tenantId;
  return withTenant(deps.db, t, async (tx) => {
    const view = await estimateView(tx, t, input.estimateId, describerFor(deps));
    if (!view.goodFaith)
      throw new AppError(
        'conflict',
        `Estimate ${view.id} is for an insured visit: a Good Faith Estimate is for uninsured or self-pay patients`,
      );
    const row = await tx
      .selectFrom('patient_estimate as x')
      .innerJoin('patient as p', (j) => j.onRef('p.tenant_id', '=', 'x.tenant_id').onRef('p.id', '=', 'x.patient_id'))
      .innerJoin('practice as r', (j) => j.onRef('r.tenant_id', '=', 'x.tenant_id').onRef('r.id', '=', 'x.practice_id'))
      .leftJoin('provider as v', (j) => j.onRef('v.tenant_id', '=', 'x.tenant_id').onRef('v.id', '=', 'x.provider_id'))
      .select([
        'x.created_at',
        'p.birth_date',
        'p.line1',
        'p.city',
        'p.state',
        'p.zip',
        'p.phone',
        'r.legal_name',
        'r.npi',
        'r.tin',
        'r.service_line1',
        'r.service_city',
        'r.service_state',
        'r.service_zip',
        'r.phone as practice_phone',
        'v.first_name as v_first',
        'v.last_name as v_last',
        'v.credential',
        'v.npi as v_npi',
      ])
      .where('x.tenant_id', '=', t)
      .where('x.id', '=', view.id)
      .executeTakeFirst();
    if (!row) throw notFound('Estimate');
    const icd = (code: string) => deps.codes.catalog.lookup('icd10cm', code.replace('.', ''))?.shortTitle ?? '';
    const pdf = await renderGoodFaithEstimatePdf({
      estimateNumber: `GFE-${view.id}`,
      issuedDate: new Date(row.created_at).toISOString().slice(0, 10),
      serviceDate: view.serviceDate,
      patient: {
        name: view.patientName,
        birthDate: row.birth_date,
        line1: row.line1,
        city: row.city,
        state: row.state,
        zip: row.zip,
        phone: row.phone,
      },
      provider: {
        name: row.legal_name,
        npi: row.npi,
        tin: row.tin,
        line1: row.service_line1,
        city: row.service_city,
        state: row.service_state,
        zip: row.service_zip,
        phone: row.practice_phone,
      },
      clinician: row.v_npi
        ? { name: `${row.v_first} ${row.v_last}${row.credential ? `, ${row.credential}` : ''}`, npi: row.v_npi }
        : null,
      description: view.description,
      diagnoses: view.diagnosisCodes.map((code) => ({ code, description: icd(code) })),
      items: view.lines.map((l) => ({
        code: l.code,
        description: l.description,
        units: l.units,
        chargeCents: l.chargeCents,
      })),
      totalCents: view.chargeCents,
    });
    await recordAudit(tx, deps.auditKey, actor, {
      action: 'export',
      resourceType: 'patient_estimate',
      resourceId: view.id,
      patientId: view.patientId,
      dataCategory: 'account',
      details: { document: 'good_faith_estimate' },
    });
    return { fileName: `GFE-${view.id}.pdf`, pdf };
  });
}
