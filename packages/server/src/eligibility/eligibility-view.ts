/** A stored check as people read it: the answer as received, explained in words (computed on every read). */
import { accounts } from '@medbill/core';
import type { Member, Rejection } from '@medbill/x12/270-271';
import type { Selectable } from 'kysely';
import type { EligibilityCheckTable } from '../db/schema.ts';

export type EligibilityCheckRow = Selectable<EligibilityCheckTable>;

export interface StoredResponse {
  payerName: string;
  sourceRejections: Rejection[];
  receiverRejections: Rejection[];
  member: Member | null;
}

export interface EligibilityCheckView {
  id: number;
  patientId: number;
  coverageId: number;
  payerId: number;
  payerName: string;
  serviceDate: string;
  serviceTypes: string[];
  procedures: string[];
  traceNumber: string;
  status: EligibilityCheckRow['status'];
  requestedBy: string;
  requestedAt: string;
  answeredAt: string | null;
  problem: string | null;
  requestFileId: number | null;
  responseFileId: number | null;
  benefits: accounts.BenefitsView | null;
}

export function eligibilityCheckView(row: EligibilityCheckRow, payerName: string): EligibilityCheckView {
  const response = row.response as StoredResponse | null;
  let benefits: accounts.BenefitsView | null = null;
  if (response) {
    const above = [...(response.sourceRejections ?? []), ...(response.receiverRejections ?? [])];
    const member: Member = response.member ?? { member: { name: { entityType: '1', lastName: '' } } };
    benefits = accounts.explainBenefits(
      above.length ? { ...member, rejections: [...above, ...(member.rejections ?? [])] } : member,
      row.service_date,
    );
  }
  return {
    id: row.id,
    patientId: row.patient_id,
    coverageId: row.coverage_id,
    payerId: row.payer_id,
    payerName: response?.payerName || payerName,
    serviceDate: row.service_date,
    serviceTypes: row.service_types,
    procedures: row.procedures,
    traceNumber: row.trace_number,
    status: row.status,
    requestedBy: row.requested_by,
    requestedAt: new Date(row.requested_at).toISOString(),
    answeredAt: row.answered_at ? new Date(row.answered_at).toISOString() : null,
    problem: row.problem,
    requestFileId: row.request_file_id,
    responseFileId: row.response_file_id,
    benefits,
  };
}
