/**
 * The other payers of many claims at once (2320/2330): every other coverage of the patient active on the
 * date of service, in payer order; for the payers before the claim's own, what they decided (the standing
 * adjudication of their claim for the same encounter).
 */
import type { ContextCoverage, ContextPayer, OtherPayer } from '@medbill/core';
import type { Tx } from '../db/open-database.ts';
import { currentAdjudications } from './payer-adjudications.ts';

export interface ClaimKey {
  claimId: number;
  encounterId: number;
  patientId: number;
  coverageId: number;
  coverageOrder: number;
  serviceDateFrom: string;
}

const addr = (o: any) =>
  o.py_line1 ? { line1: o.py_line1, line2: o.py_line2, city: o.py_city, state: o.py_state, zip: o.py_zip } : null;

export async function loadOtherPayers(tx: Tx, tenantId: number, keys: ClaimKey[]): Promise<Map<number, OtherPayer[]>> {
  const out = new Map<number, OtherPayer[]>();
  if (!keys.length) return out;
  const coverages = await tx
    .selectFrom('coverage as cv')
    .innerJoin('payer as py', (j) => j.onRef('py.tenant_id', '=', 'cv.tenant_id').onRef('py.id', '=', 'cv.payer_id'))
    .selectAll('cv')
    .select([
      'py.name as py_name',
      'py.payer_code',
      'py.claim_filing_indicator',
      'py.timely_filing_days',
      'py.line1 as py_line1',
      'py.line2 as py_line2',
      'py.city as py_city',
      'py.state as py_state',
      'py.zip as py_zip',
    ])
    .where('cv.tenant_id', '=', tenantId)
    .where('cv.patient_id', 'in', [...new Set(keys.map((k) => k.patientId))])
    .where('py.claim_filing_indicator', '<>', '09') // self-pay is not a payer on an 837
    .orderBy('cv.coverage_order')
    .orderBy('cv.effective_date', 'desc')
    .execute();
  const earlierClaims = await tx
    .selectFrom('claim')
    .select(['id', 'encounter_id', 'coverage_id'])
    .where('tenant_id', '=', tenantId)
    .where('encounter_id', 'in', [...new Set(keys.map((k) => k.encounterId))])
    .where('state', '<>', 'voided')
    .where('frequency_code', '<>', '8')
    .orderBy('id')
    .execute();
  const adjudications = await currentAdjudications(
    tx,
    tenantId,
    earlierClaims.map((c) => c.id),
  );
  for (const k of keys) {
    const seenOrders = new Set<number>([k.coverageOrder]);
    const list: OtherPayer[] = [];
    for (const cv of coverages) {
      if (cv.patient_id !== k.patientId || cv.id === k.coverageId || seenOrders.has(cv.coverage_order)) continue;
      if (cv.effective_date > k.serviceDateFrom || (cv.end_date && cv.end_date < k.serviceDateFrom)) continue;
      seenOrders.add(cv.coverage_order);
      const payer: ContextPayer = {
        id: cv.payer_id,
        name: cv.py_name,
        payerCode: cv.payer_code,
        claimFilingIndicator: cv.claim_filing_indicator,
        timelyFilingDays: cv.timely_filing_days,
        address: addr(cv),
      };
      const coverage: ContextCoverage = {
        id: cv.id,
        coverageOrder: cv.coverage_order as 1 | 2 | 3,
        memberId: cv.member_id,
        groupNumber: cv.group_number,
        relationshipCode: cv.relationship_code,
        subscriberFirstName: cv.subscriber_first_name,
        subscriberLastName: cv.subscriber_last_name,
        subscriberBirthDate: cv.subscriber_birth_date,
        subscriberSex: cv.subscriber_sex,
        effectiveDate: cv.effective_date,
        endDate: cv.end_date,
        mspType: cv.msp_type,
      };
      // the newest claim of this encounter to that coverage that has a standing adjudication
      const decided =
        cv.coverage_order < k.coverageOrder
          ? earlierClaims
              .filter((c) => c.encounter_id === k.encounterId && c.coverage_id === cv.id && adjudications.has(c.id))
              .map((c) => adjudications.get(c.id)!)
              .pop()
          : undefined;
      list.push({ payer, coverage, adjudication: decided ?? null });
    }
    out.set(
      k.claimId,
      list.sort((a, b) => a.coverage.coverageOrder - b.coverage.coverageOrder),
    );
  }
  return out;
}
