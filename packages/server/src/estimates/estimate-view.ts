/** A stored estimate as people read it: the lines in plain words, the totals, the notes, the 271 it used. */
import type { accounts } from '@medbill/core';
import type { EstimateView } from '@medbill/api';
import { notFound } from '../app-error.ts';
import type { Tx } from '../db/open-database.ts';
import { eligibilityCheckView } from '../eligibility/eligibility-view.ts';

export type DescribeCode = (code: string) => string;

/** The newest answered 271 for a coverage, explained. */
export async function latestBenefits(tx: Tx, tenantId: number, coverageId: number) {
  const row = await tx
    .selectFrom('eligibility_check as e')
    .innerJoin('payer as p', (j) => j.onRef('p.tenant_id', '=', 'e.tenant_id').onRef('p.id', '=', 'e.payer_id'))
    .selectAll('e')
    .select('p.name as payer_name')
    .where('e.tenant_id', '=', tenantId)
    .where('e.coverage_id', '=', coverageId)
    .where('e.status', '=', 'answered')
    .orderBy('e.answered_at', 'desc')
    .orderBy('e.id', 'desc')
    .executeTakeFirst();
  return row ? eligibilityCheckView(row, row.payer_name) : null;
}

export async function estimateView(
  tx: Tx,
  tenantId: number,
  estimateId: number,
  describe: DescribeCode,
): Promise<EstimateView> {
  const r = await tx
    .selectFrom('patient_estimate as x')
    .innerJoin('patient as p', (j) => j.onRef('p.tenant_id', '=', 'x.tenant_id').onRef('p.id', '=', 'x.patient_id'))
    .leftJoin('coverage as c', (j) => j.onRef('c.tenant_id', '=', 'x.tenant_id').onRef('c.id', '=', 'x.coverage_id'))
    .leftJoin('payer as y', (j) => j.onRef('y.tenant_id', '=', 'c.tenant_id').onRef('y.id', '=', 'c.payer_id'))
    .leftJoin('eligibility_check as e', (j) =>
      j.onRef('e.tenant_id', '=', 'x.tenant_id').onRef('e.id', '=', 'x.eligibility_check_id'),
    )
    .selectAll('x')
    .select(['p.first_name', 'p.last_name', 'y.name as payer_name', 'e.answered_at'])
    .where('x.tenant_id', '=', tenantId)
    .where('x.id', '=', estimateId)
    .executeTakeFirst();
  if (!r) throw notFound('Estimate');
  const e = r.estimate as accounts.Estimate;
  return {
    id: r.id,
    patientId: r.patient_id,
    patientName: `${r.first_name} ${r.last_name}`,
    serviceDate: r.service_date,
    goodFaith: r.good_faith,
    payerName: r.payer_name ?? null,
    eligibilityCheckId: r.eligibility_check_id,
    eligibilityAnsweredAt: r.answered_at ? new Date(r.answered_at).toISOString() : null,
    diagnosisCodes: r.diagnosis_codes,
    description: r.description,
    lines: e.lines.map((l) => ({ ...l, description: describe(l.code) })),
    chargeCents: e.chargeCents,
    allowedCents: e.allowedCents,
    insurancePaysCents: e.insurancePaysCents,
    patientOwesCents: e.patientOwesCents,
    notes: e.notes,
    createdBy: r.created_by,
    createdAt: new Date(r.created_at).toISOString(),
  };
}
