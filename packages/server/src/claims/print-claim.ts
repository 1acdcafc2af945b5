/**
 * A claim printed on CMS-1500 (02/12, professional) or UB-04 (institutional) as PDF, from the same mapping the
 * 837 uses. Audited as `print` before the PDF leaves (the caller names where it goes, e.g. a file).
 */
import { claimToSend } from '@medbill/core';
import { claimFileFromClaims } from '@medbill/x12/837';
import type { Actor } from '../actor.ts';
import { recordAudit, type AuditRecord } from '../audit/record-audit.ts';
import { withTenant } from '../db/open-database.ts';
import type { ClaimsDeps } from '../deps.ts';
import { claimPdf } from '../print/index.ts';
import { loadClaimContext } from './load-claim-context.ts';

export interface PrintedClaim {
  pdf: Uint8Array;
  form: string;
  claimNumber: string;
  patientId: number;
  /** the audit row written, so a caller whose own delivery fails can record that too */
  audit: AuditRecord;
}

export async function printClaim(
  deps: ClaimsDeps,
  actor: Actor,
  input: { claimId: number; mode: 'full' | 'overlay'; destination?: string },
): Promise<PrintedClaim> {
  const today = deps.claims.today();
  return withTenant(deps.db, actor.tenantId, async (tx) => {
    const ctx = await loadClaimContext(tx, actor.tenantId, input.claimId);
    const file = claimFileFromClaims(
      {
        kind: ctx.kind,
        controlNumber: '0001',
        header: {
          purpose: '00',
          referenceId: ctx.claimNumber,
          date: today.replace(/-/g, ''),
          time: '0000',
          claimType: 'CH',
        },
        submitter: { name: { entityType: '2', lastName: ctx.practice.legalName.toUpperCase() } },
        receiver: { name: { entityType: '2', lastName: ctx.payer.name.toUpperCase() } },
      },
      [claimToSend(ctx)],
    );
    // box 31 and FL45 print CCYYMMDD; the clock gives YYYY-MM-DD
    const printed = await claimPdf(file, ctx.claimNumber, input.mode, { date: today.replace(/-/g, '') });
    const audit = {
      action: 'print',
      resourceType: 'claim',
      resourceId: input.claimId,
      patientId: ctx.patient.id,
      dataCategory: 'claim',
      details: { form: printed.form, mode: input.mode, ...(input.destination ? { to: input.destination } : {}) },
    } satisfies AuditRecord;
    await recordAudit(tx, deps.auditKey, actor, audit);
    return { pdf: printed.pdf, form: printed.form, claimNumber: ctx.claimNumber, patientId: ctx.patient.id, audit };
  });
}
