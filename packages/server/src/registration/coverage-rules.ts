/**
 * A coverage is checked against its payer's kind when it is entered or changed: a Medicare member ID is an
 * MBI, a Medicaid or Medicare patient is the subscriber (relationship 18), Medicare paying second needs the
 * secondary payer type. The scrubber applies the same rules to coverages stored before.
 */
import { issueAt } from '@medbill/api';
import { coverageProblems, payerKindOf } from '@medbill/core';
import type { Tx } from '../db/open-database.ts';
import { AppError } from '../app-error.ts';

export async function checkCoverageForPayer(tx: Tx, tenantId: number, row: Record<string, unknown>): Promise<void> {
  const payer = await tx
    .selectFrom('payer')
    .select(['name', 'claim_filing_indicator'])
    .where('tenant_id', '=', tenantId)
    .where('id', '=', Number(row.payer_id))
    .executeTakeFirst();
  if (!payer) return; // the foreign key names a missing payer
  const problems = coverageProblems(payerKindOf(payer.claim_filing_indicator), {
    memberId: String(row.member_id ?? ''),
    relationshipCode: String(row.relationship_code ?? ''),
    coverageOrder: Number(row.coverage_order ?? 1),
    mspType: (row.msp_type as string | null | undefined) ?? null,
  });
  if (problems.length)
    throw new AppError(
      'validation',
      `${payer.name}: ${problems.map((p) => p.message).join('; ')}`,
      problems.map((p) => ({
        ...issueAt(p.location.field, p.code === 'member-id-format' ? 'invalid-format' : 'invalid', p.message),
        ruleId: p.code,
      })),
    );
}
