/**
 * suggestCodes: ICD-10-CM code suggestions (and HCPCS, CPT by number where a licensed set is loaded) for a clinician's note (issue 13), from an encounter's note (its date of
 * service, the patient's age and sex) or from a note given as text. Audited: an encounter's read names the patient;
 * a note given as text is recorded without its content. Adapted to the tenant's own coded notes when it has learnt
 * from them (office-model.ts).
 */
import type { SuggestCodesBody, SuggestCodesResponse } from '@medbill/api';
import { ageOn } from '@medbill/core';
import type { Actor } from '../actor.ts';
import { invalid, notFound } from '../app-error.ts';
import { recordAudit } from '../audit/record-audit.ts';
import { withTenant } from '../db/open-database.ts';
import { type CodingDeps, nowOf, withDot } from './coding-deps.ts';
import { suggesterFor } from './office-model.ts';

export async function suggestCodes(
  deps: CodingDeps,
  actor: Actor,
  input: SuggestCodesBody,
): Promise<SuggestCodesResponse> {
  if (input.encounterId === undefined && !input.note?.trim())
    throw invalid('note', 'give the note text or an encounter');
  return withTenant(deps.db, actor.tenantId, async (tx) => {
    let note = input.note ?? '';
    let on = input.on ?? nowOf(deps).toISOString().slice(0, 10);
    let age = input.age;
    let sex = input.sex;
    let patientId: number | null = null;
    let decisions: SuggestCodesResponse['decisions'] = [];
    if (input.encounterId !== undefined) {
      const enc = await tx
        .selectFrom('encounter')
        .innerJoin('patient', (j) =>
          j.onRef('patient.tenant_id', '=', 'encounter.tenant_id').onRef('patient.id', '=', 'encounter.patient_id'),
        )
        .select([
          'encounter.note_text',
          'encounter.service_date_from',
          'patient.id',
          'patient.birth_date',
          'patient.sex',
        ])
        .where('encounter.tenant_id', '=', actor.tenantId)
        .where('encounter.id', '=', input.encounterId)
        .executeTakeFirst();
      if (!enc) throw notFound('Encounter');
      note = input.note ?? enc.note_text;
      on = input.on ?? enc.service_date_from;
      age ??= ageOn(enc.birth_date, on);
      if (!sex && (enc.sex === 'F' || enc.sex === 'M')) sex = enc.sex;
      patientId = enc.id;
      decisions = (
        await tx
          .selectFrom('code_suggestion_decision')
          .select(['code', 'decision', 'decided_at', 'username'])
          .where('tenant_id', '=', actor.tenantId)
          .where('encounter_id', '=', input.encounterId)
          .orderBy('decided_at')
          .execute()
      ).map((d) => ({
        code: withDot(d.code),
        decision: d.decision,
        decidedAt: new Date(d.decided_at).toISOString(),
        username: d.username,
      }));
    }
    // The tenant's own model when it has learnt one (never another tenant's), else the shipped suggester.
    const { suggester, office } = await suggesterFor(deps, tx, actor.tenantId);
    const result = suggester.suggest(note, { on, age, sex, limit: input.limit ?? 20 });
    await recordAudit(tx, deps.auditKey, actor, {
      action: input.encounterId === undefined ? 'query' : 'read',
      resourceType: input.encounterId === undefined ? 'note' : 'encounter',
      resourceId: input.encounterId ?? null,
      patientId,
      dataCategory: 'encounter',
      details: {
        use: 'code suggestions',
        characters: note.length,
        suggestions: result.suggestions.map((s) => s.code),
        procedures: result.procedures.map((p) => p.code),
        release: result.release,
      },
    });
    const { features: _features, ...answer } = result;
    return {
      ...answer,
      on,
      encounterId: input.encounterId ?? null,
      note,
      decisions,
      demo: deps.codes.demo,
      office,
    };
  });
}
