/**
 * decideSuggestion: the coder accepts or rejects one code suggestion on an encounter. An accepted code becomes the
 * encounter's next diagnosis (in the order accepted); every decision is kept (code_suggestion_decision) so the
 * suggestions can be measured. Audited against the encounter's patient.
 */
import { issueAt } from '@medbill/api';
import type { DecideSuggestionBody, DecideSuggestionResponse } from '@medbill/api';
import type { Actor } from '../actor.ts';
import { AppError, invalid, notFound } from '../app-error.ts';
import { recordAudit } from '../audit/record-audit.ts';
import { type Tx, withTenant } from '../db/open-database.ts';
import { type CodingDeps, nowOf, withDot } from './coding-deps.ts';

const MAX_DIAGNOSES = 12;

export async function decideSuggestion(
  deps: CodingDeps,
  actor: Actor,
  input: DecideSuggestionBody & { encounterId: number },
): Promise<DecideSuggestionResponse> {
  const code = input.code.replace(/\./g, '').toUpperCase();
  const { tenantId } = actor;
  return withTenant(deps.db, tenantId, async (tx) => {
    const enc = await tx
      .selectFrom('encounter')
      .select(['id', 'patient_id', 'service_date_from'])
      .where('tenant_id', '=', tenantId)
      .where('id', '=', input.encounterId)
      .forUpdate()
      .executeTakeFirst();
    if (!enc) throw notFound('Encounter');
    const diagnoses = await tx
      .selectFrom('encounter_diagnosis')
      .select(['position', 'code'])
      .where('tenant_id', '=', tenantId)
      .where('encounter_id', '=', enc.id)
      .orderBy('position')
      .execute();
    if (input.decision === 'accepted' && !diagnoses.some((d) => d.code === code)) {
      await assertEditable(tx, tenantId, enc.id);
      const v = deps.codes.catalog.validity('icd10cm', code, enc.service_date_from);
      if (v.status !== 'valid')
        throw invalid('code', `${withDot(code)} is not a billable ICD-10-CM code on ${enc.service_date_from}`);
      if (diagnoses.length >= MAX_DIAGNOSES)
        throw new AppError(
          'conflict',
          `The encounter already has ${MAX_DIAGNOSES} diagnoses, the most a claim carries`,
          [issueAt('code', 'too-many-items', `the encounter already has ${MAX_DIAGNOSES} diagnoses`)],
        );
      const position = (diagnoses.at(-1)?.position ?? 0) + 1;
      await tx
        .insertInto('encounter_diagnosis')
        .values({ tenant_id: tenantId, encounter_id: enc.id, position, code })
        .execute();
      diagnoses.push({ position, code });
    }
    const row = {
      decision: input.decision,
      confidence: input.confidence ?? null,
      rank: input.rank ?? null,
      index_path: (input.indexPath ?? '').slice(0, 500),
      evidence: (input.evidence ?? '').slice(0, 2000),
      release_id: input.release ?? '',
      reason: input.reason ?? null,
      user_id: actor.userId,
      username: actor.username ?? 'system',
      decided_at: nowOf(deps),
    };
    await tx
      .insertInto('code_suggestion_decision')
      .values({ tenant_id: tenantId, encounter_id: enc.id, code, ...row })
      .onConflict((oc) => oc.columns(['tenant_id', 'encounter_id', 'code']).doUpdateSet(row))
      .execute();
    await recordAudit(tx, deps.auditKey, actor, {
      action: 'update',
      resourceType: 'encounter',
      resourceId: enc.id,
      patientId: enc.patient_id,
      dataCategory: 'encounter',
      details: { suggestion: withDot(code), decision: input.decision, diagnoses: diagnoses.map((d) => d.code) },
    });
    return {
      encounterId: enc.id,
      code: withDot(code),
      decision: input.decision,
      diagnoses: diagnoses.map((d) => withDot(d.code)),
    };
  });
}

/** A claim that has left (submitted or later) freezes the encounter's coding: correct it with a replacement claim. */
async function assertEditable(tx: Tx, tenantId: number, encounterId: number) {
  const sent = await tx
    .selectFrom('claim')
    .select(['claim_number', 'state'])
    .where('tenant_id', '=', tenantId)
    .where('encounter_id', '=', encounterId)
    .where('state', 'not in', ['draft', 'ready', 'rejected', 'voided'])
    .executeTakeFirst();
  if (sent)
    throw new AppError(
      'conflict',
      `Claim ${sent.claim_number} is already ${sent.state}: correct it with a replacement claim instead`,
    );
}
