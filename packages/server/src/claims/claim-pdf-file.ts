/** A claim as CMS-1500 (professional) or UB-04 (institutional) PDF, from the same mapping the 837 uses. */
import { claimToSend } from '@medbill/core';
import { claimFileFromClaims } from '@medbill/x12/transactions/837/index.ts';
import type { Tx } from '../db/open-database.ts';
import { claimPdf } from '../print/index.ts';
import { loadClaimContext } from './load-claim-context.ts';

export async function claimPdfFor(tx: Tx, tenantId: number, claimId: number, mode: 'full' | 'overlay', today: string) {
  const ctx = await loadClaimContext(tx, tenantId, claimId);
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
  const printed = await claimPdf(file, ctx.claimNumber, mode, { date: today.replace(/-/g, '') });
  return { ...printed, claimNumber: ctx.claimNumber, patientId: ctx.patient.id };
}
