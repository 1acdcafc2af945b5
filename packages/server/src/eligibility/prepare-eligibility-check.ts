/**
 * The first half of a check, in one transaction: choose the coverage (the one asked for, else the primary in
 * force on the date), the practice asking and the clearinghouse, record the check, build the 270 and store it
 * as sent. Audited as an export before the bytes leave.
 */
import type { ClearinghouseRow } from '../claims/claim-services.ts';
import { loadClearinghouseCredential, type ClearinghouseCredential } from '../clearinghouse/clearinghouse-secrets.ts';
import { accounts } from '@medbill/core';
import { recordAudit } from '../audit/record-audit.ts';
import { nextControlNumber } from '../claims/control-numbers.ts';
import { storeEdiFile } from '../claims/edi-files.ts';
import type { Tx } from '../db/open-database.ts';
import { AppError, invalid, notFound } from '../app-error.ts';
import { isoDay, type UseCaseContext } from '../accounts/use-case-context.ts';

export interface CheckEligibilityInput {
  patientId: number;
  coverageId?: number;
  /** YYYY-MM-DD; default today */
  serviceDate?: string;
  serviceTypes?: string[];
  procedures?: string[];
  practiceId?: number;
  clearinghouseId?: number;
}

export interface PreparedCheck {
  checkId: number;
  patientId: number;
  fileName: string;
  text: string;
  clearinghouse: ClearinghouseRow;
  /** the SFTP password or key from the tenant's secret store (security: clearinghouse-secrets.ts) */
  credential: ClearinghouseCredential | null;
}

export async function prepareEligibilityCheck(
  tx: Tx,
  ctx: UseCaseContext,
  input: CheckEligibilityInput,
): Promise<PreparedCheck> {
  const t = ctx.tenantId;
  const now = ctx.now();
  const serviceDate = input.serviceDate ?? isoDay(now);
  const patient = await tx
    .selectFrom('patient')
    .selectAll()
    .where('tenant_id', '=', t)
    .where('id', '=', input.patientId)
    .executeTakeFirst();
  if (!patient) throw notFound('Patient');
  const coverage = await chooseCoverage(tx, t, patient.id, serviceDate, input.coverageId);
  const payer = await tx
    .selectFrom('payer')
    .selectAll()
    .where('tenant_id', '=', t)
    .where('id', '=', coverage.payer_id)
    .executeTakeFirstOrThrow();
  const practice = await choosePractice(tx, t, patient.id, input.practiceId);
  let chQuery = tx.selectFrom('clearinghouse').selectAll().where('tenant_id', '=', t);
  if (input.clearinghouseId) chQuery = chQuery.where('id', '=', input.clearinghouseId);
  const ch = await chQuery.orderBy('id').executeTakeFirst();
  if (!ch)
    throw input.clearinghouseId
      ? invalid('clearinghouseId', 'no such clearinghouse', 'no-such-record')
      : new AppError(
          'conflict',
          'No clearinghouse is set up: an eligibility check goes through one (add it under clearinghouses)',
        );
  const check = await tx
    .insertInto('eligibility_check')
    .values({
      tenant_id: t,
      patient_id: patient.id,
      coverage_id: coverage.id,
      payer_id: payer.id,
      practice_id: practice.id,
      clearinghouse_id: ch.id,
      service_date: serviceDate,
      service_types: input.serviceTypes?.length ? input.serviceTypes : ['30'],
      procedures: input.procedures ?? [],
      trace_number: `pending-${now.getTime()}-${Math.random()}`,
      requested_by: ctx.actor.username ?? 'system',
      requested_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const trace = `EL${String(check.id).padStart(9, '0')}`;
  const interchange = await nextControlNumber(tx, t, ch.id, 'interchange');
  const group = await nextControlNumber(tx, t, ch.id, 'group');
  const text = accounts.render270Interchange({
    request: {
      controlNumber: '0001',
      traceNumber: trace,
      originatorId: `9${practice.tin}`,
      date: isoDay(now).replace(/-/g, ''),
      time: now.toISOString().slice(11, 16).replace(':', ''),
      payer: { name: payer.name, payerId: payer.payer_code },
      provider: { name: practice.legal_name, npi: practice.npi },
      coverage: {
        memberId: coverage.member_id,
        groupNumber: coverage.group_number,
        relationshipCode: coverage.relationship_code,
      },
      subscriber: {
        firstName: coverage.subscriber_first_name,
        lastName: coverage.subscriber_last_name,
        birthDate: coverage.subscriber_birth_date,
        sex: coverage.subscriber_sex,
      },
      patient: {
        firstName: patient.first_name,
        lastName: patient.last_name,
        birthDate: patient.birth_date,
        sex: patient.sex,
      },
      serviceDate,
      serviceTypes: input.serviceTypes,
      procedures: input.procedures,
    },
    submitterId: ch.submitter_id,
    receiverId: ch.receiver_id,
    interchangeControlNumber: interchange,
    groupControlNumber: group,
    createdAt: now,
    usage: ch.usage_indicator as 'P' | 'T',
  });
  const fileName = `270_${ch.submitter_id}_${String(interchange).padStart(9, '0')}.x12`;
  const file = await storeEdiFile(tx, t, {
    direction: 'outbound',
    kind: '270',
    fileName,
    content: text,
    clearinghouseId: ch.id,
  });
  await tx
    .updateTable('eligibility_check')
    .set({ trace_number: trace, request_file_id: file.id })
    .where('tenant_id', '=', t)
    .where('id', '=', check.id)
    .execute();
  await recordAudit(
    tx,
    ctx.auditKey,
    ctx.actor,
    {
      action: 'export',
      resourceType: 'eligibility_check',
      resourceId: check.id,
      patientId: patient.id,
      dataCategory: 'insurance',
      details: { coverageId: coverage.id, payerId: payer.id, serviceDate, fileId: file.id, fileName, to: ch.name },
    },
    now,
  );
  return {
    checkId: check.id,
    patientId: patient.id,
    fileName,
    text,
    clearinghouse: {
      tenant_id: t,
      id: ch.id,
      name: ch.name,
      transport: ch.transport,
      config: ch.config as Record<string, unknown>,
    },
    credential: ch.transport === 'sftp' ? await loadClearinghouseCredential(tx, ctx.auditKey, t, ch.id) : null,
  };
}

async function chooseCoverage(tx: Tx, t: number, patientId: number, date: string, coverageId?: number) {
  const rows = await tx
    .selectFrom('coverage')
    .selectAll()
    .where('tenant_id', '=', t)
    .where('patient_id', '=', patientId)
    .orderBy('coverage_order')
    .orderBy('id')
    .execute();
  if (coverageId !== undefined) {
    const c = rows.find((r) => r.id === coverageId);
    if (!c) throw invalid('coverageId', 'this patient has no such coverage', 'no-such-record');
    return c;
  }
  const inForce = rows.find((r) => r.effective_date <= date && (!r.end_date || r.end_date >= date));
  const c = inForce ?? rows[0];
  if (!c)
    throw invalid(
      'coverageId',
      'the patient has no insurance on file to ask about (self-pay: give a Good Faith Estimate instead)',
    );
  return c;
}

/** The practice asked for, else the one that saw the patient last, else the tenant's first. */
async function choosePractice(tx: Tx, t: number, patientId: number, practiceId?: number) {
  if (practiceId !== undefined) {
    const p = await tx
      .selectFrom('practice')
      .selectAll()
      .where('tenant_id', '=', t)
      .where('id', '=', practiceId)
      .executeTakeFirst();
    if (!p) throw invalid('practiceId', 'no such practice', 'no-such-record');
    return p;
  }
  const last = await tx
    .selectFrom('encounter')
    .select('practice_id')
    .where('tenant_id', '=', t)
    .where('patient_id', '=', patientId)
    .orderBy('service_date_from', 'desc')
    .executeTakeFirst();
  let q = tx.selectFrom('practice').selectAll().where('tenant_id', '=', t);
  if (last) q = q.where('id', '=', last.practice_id);
  const p = await q.orderBy('id').executeTakeFirst();
  if (!p) throw new AppError('conflict', 'No practice is set up to ask as');
  return p;
}
