/**
 * Appealing a denial: the letter from the tenant's template, filled and printed as PDF; the denial becomes
 * `appealed` and the claim too (when it may), with a note naming the attachments and an audit row. The
 * template is edited by the tenant (placeholders it does not know are refused).
 */
import type { DenialActionResult } from '@medbill/api';
import { formatCents } from '@medbill/core/ledger';
import { canTransition, isClaimState } from '@medbill/core';
import type { Actor } from '../actor.ts';
import { AppError, invalid } from '../app-error.ts';
import { recordAudit } from '../audit/record-audit.ts';
import { transitionClaim } from '../claims/claim-events.ts';
import { withTenant, type Tx } from '../db/open-database.ts';
import { getDenial } from './list-denials.ts';
import {
  APPEAL_PLACEHOLDERS,
  DEFAULT_APPEAL_TEMPLATE,
  fillTemplate,
  renderAppealPdf,
  unknownPlaceholders,
  type AppealFields,
} from './appeal-letter.ts';
import type { DenialDeps } from './denial-deps.ts';
import { addNote, auditDenial, onDenial, setStatus } from './work-denial.ts';

const TEMPLATE_NAME = 'appeal';

async function templateBody(tx: Tx, tenantId: number) {
  return tx
    .selectFrom('appeal_template')
    .select(['body', 'updated_at'])
    .where('tenant_id', '=', tenantId)
    .where('name', '=', TEMPLATE_NAME)
    .executeTakeFirst();
}

export async function getAppealTemplate(deps: DenialDeps, actor: Actor) {
  return withTenant(deps.db, actor.tenantId, async (tx) => {
    const t = await templateBody(tx, actor.tenantId);
    return {
      name: TEMPLATE_NAME,
      body: t?.body ?? DEFAULT_APPEAL_TEMPLATE,
      updatedAt: t ? new Date(t.updated_at).toISOString() : null,
      placeholders: [...APPEAL_PLACEHOLDERS],
    };
  });
}

/** An example claim and denial, to show what a template prints before it is saved (no patient's data). */
export const EXAMPLE_APPEAL_FIELDS: AppealFields = {
  practiceName: 'Example Family Practice',
  practiceAddress: '100 Main St, Austin, TX 78701',
  practiceNpi: '1234567893',
  practicePhone: '512-555-0100',
  today: '2026-12-07',
  payerName: 'Example Health Plan',
  patientName: 'Jane Example',
  patientBirthDate: '1970-05-05',
  memberId: 'XMP123456789',
  claimNumber: 'C000123',
  payerClaimNumber: '2026340000123',
  serviceDate: '2026-10-05',
  procedure: '99214-25',
  billed: '150.00',
  deniedOn: '2026-11-02',
  denialReason: 'CO-16 Claim/service lacks information or has submission/billing error(s)',
  remarks: 'MA130 Your claim contains incomplete and/or invalid information',
  amount: '150.00',
  argument: '(your argument for this appeal)',
  attachments: '- Visit note of 2026-10-05',
  signedBy: 'Alex Analyst',
};

/** The letter a template prints, filled with the example: what the template editor previews. */
export function previewAppealTemplate(input: { body: string }) {
  return {
    text: fillTemplate(input.body, EXAMPLE_APPEAL_FIELDS),
    unknownPlaceholders: unknownPlaceholders(input.body),
  };
}

export async function saveAppealTemplate(deps: DenialDeps, actor: Actor, input: { body: string }) {
  const unknown = unknownPlaceholders(input.body);
  if (unknown.length)
    throw invalid(
      'body',
      `unknown placeholder${unknown.length > 1 ? 's' : ''} ${unknown.map((u) => `{{${u}}}`).join(', ')}`,
    );
  return withTenant(deps.db, actor.tenantId, async (tx) => {
    const now = deps.claims.now();
    await tx
      .insertInto('appeal_template')
      .values({
        tenant_id: actor.tenantId,
        name: TEMPLATE_NAME,
        body: input.body,
        updated_by: actor.username,
        updated_at: now,
      })
      .onConflict((oc) =>
        oc
          .columns(['tenant_id', 'name'])
          .doUpdateSet({ body: input.body, updated_by: actor.username, updated_at: now }),
      )
      .execute();
    await recordAudit(
      tx,
      deps.auditKey,
      actor,
      { action: 'update', resourceType: 'appeal_template', resourceId: TEMPLATE_NAME },
      now,
    );
    return {
      name: TEMPLATE_NAME,
      body: input.body,
      updatedAt: now.toISOString(),
      placeholders: [...APPEAL_PLACEHOLDERS],
    };
  });
}

async function letterFacts(tx: Tx, tenantId: number, claimId: number) {
  return tx
    .selectFrom('claim as c')
    .innerJoin('encounter as e', (j) => j.onRef('e.tenant_id', '=', 'c.tenant_id').onRef('e.id', '=', 'c.encounter_id'))
    .innerJoin('patient as p', (j) => j.onRef('p.tenant_id', '=', 'e.tenant_id').onRef('p.id', '=', 'e.patient_id'))
    .innerJoin('practice as pr', (j) =>
      j.onRef('pr.tenant_id', '=', 'e.tenant_id').onRef('pr.id', '=', 'e.practice_id'),
    )
    .innerJoin('coverage as cv', (j) =>
      j.onRef('cv.tenant_id', '=', 'c.tenant_id').onRef('cv.id', '=', 'c.coverage_id'),
    )
    .select([
      'c.payer_claim_number',
      'c.total_charge_cents',
      'p.birth_date',
      'cv.member_id',
      'pr.legal_name',
      'pr.npi',
      'pr.phone',
      'pr.service_line1',
      'pr.service_city',
      'pr.service_state',
      'pr.service_zip',
    ])
    .where('c.tenant_id', '=', tenantId)
    .where('c.id', '=', claimId)
    .executeTakeFirstOrThrow();
}

export interface AppealOutcome extends DenialActionResult {
  pdf: Uint8Array;
  fileName: string;
}

/** Prints the appeal letter and marks the denial (and its claim, when it may) appealed. */
export async function appealDenial(
  deps: DenialDeps,
  actor: Actor,
  input: { denialId: number; argument: string; attachments?: string[] },
): Promise<AppealOutcome> {
  const argument = input.argument.trim();
  if (argument.length < 10) throw invalid('argument', 'state the argument for the appeal');
  const attachments = (input.attachments ?? []).map((a) => a.trim()).filter(Boolean);
  const view = await getDenial(deps, actor, { denialId: input.denialId });
  return onDenial(deps, actor, input.denialId, { open: true }, async (c, d) => {
    if (d.status === 'appealed')
      throw new AppError('conflict', `Claim ${d.claimNumber} is already appealed for this denial`);
    const f = await letterFacts(c.tx, actor.tenantId, d.claimId);
    const tpl = (await templateBody(c.tx, actor.tenantId))?.body ?? DEFAULT_APPEAL_TEMPLATE;
    const fields: AppealFields = {
      practiceName: f.legal_name,
      practiceAddress: `${f.service_line1}, ${f.service_city}, ${f.service_state} ${f.service_zip}`,
      practiceNpi: f.npi,
      practicePhone: f.phone ?? '',
      today: deps.claims.today(),
      payerName: view.payerName,
      patientName: view.patientName,
      patientBirthDate: f.birth_date ?? '',
      memberId: f.member_id,
      claimNumber: view.claimNumber,
      payerClaimNumber: f.payer_claim_number ?? '(none)',
      serviceDate: view.serviceDate ?? '',
      procedure: view.procedure ?? 'the whole claim',
      billed: formatCents(f.total_charge_cents),
      deniedOn: view.deniedOn,
      denialReason: `${view.group ?? ''}-${view.reason ?? ''} ${view.reasonText} (${view.causeLabel})`,
      remarks: view.remarks.length ? view.remarks.map((r) => `${r.code} ${r.text}`).join('; ') : 'none',
      amount: formatCents(view.amountCents),
      argument,
      attachments: attachments.length ? attachments.map((a, i) => `${i + 1}. ${a}`).join('\n') : '(none)',
      signedBy: actor.username ?? '',
    };
    const pdf = await renderAppealPdf(fillTemplate(tpl, fields), `Appeal ${view.claimNumber}`);
    await setStatus(c, d.id, 'appealed');
    if (isClaimState(d.claimState) && canTransition(d.claimState, 'appealed'))
      await transitionClaim(c.tx, actor.tenantId, d.claimId, 'appealed', {
        actor,
        cause: 'appeal',
        reason: `appeal of ${view.group}-${view.reason}`,
      });
    await addNote(
      c,
      d.id,
      `appeal letter printed${attachments.length ? ` with ${attachments.join(', ')}` : ''}: ${argument.slice(0, 300)}`,
    );
    await auditDenial(c, d, { action: 'appeal', attachments });
    return {
      denialId: d.id,
      status: 'appealed',
      claimId: d.claimId,
      claimNumber: d.claimNumber,
      amountCents: d.amountCents,
      message: `Appeal letter for claim ${d.claimNumber} printed; the denial is appealed`,
      pdf,
      fileName: `appeal-${d.claimNumber}-${d.id}.pdf`,
    };
  });
}
