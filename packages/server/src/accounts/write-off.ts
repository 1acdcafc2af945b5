/**
 * writeOffSmallBalance: the tenant's small-balance rule (the whole patient balance at most the limit, nothing
 * pending with insurance) turned into `write_off` postings, one per line. Needs `account:write_off`.
 */
import { accounts } from '@medbill/core';
import { writeOffPosting } from '@medbill/core/ledger';
import { recordAuditForPatients } from '../audit/record-audit.ts';
import { withTenant } from '../db/open-database.ts';
import { AppError } from '../app-error.ts';
import { appendPostings } from '../ledger/index.ts';
import { accountOfPatient } from './account-of.ts';
import { openItems } from './open-items.ts';
import { isoDay, type UseCaseContext } from './use-case-context.ts';

export const SMALL_BALANCE_LIMIT_CENTS = 500;

export async function writeOffSmallBalance(
  ctx: UseCaseContext,
  patientId: number,
  limitCents = SMALL_BALANCE_LIMIT_CENTS,
) {
  return withTenant(ctx.db, ctx.tenantId, async (tx) => {
    const account = await accountOfPatient(tx, ctx.tenantId, patientId);
    const items = await openItems(tx, ctx.tenantId, account.patientIds);
    const lines = accounts.smallBalanceWriteOffs(items, limitCents);
    if (!lines.length)
      throw new AppError(
        'conflict',
        `The small-balance rule does not apply: the balance is over ${accounts.dollars(limitCents)}, nothing is owed, or insurance is still pending`,
      );
    const date = isoDay(ctx.now());
    const ids = await appendPostings(
      tx,
      ctx.tenantId,
      lines.map((a) =>
        writeOffPosting(
          {
            serviceLineId: a.item.lineId,
            claimId: a.item.claimId,
            patientId: a.item.patientId,
            practiceId: a.item.practiceId,
          },
          { kind: 'patient' },
          a.amountCents,
          'small_balance',
          date,
          `small balance written off (at most ${accounts.dollars(limitCents)})`,
        ),
      ),
      { userId: ctx.actor.userId, username: ctx.actor.username },
    );
    const total = lines.reduce((t, a) => t + a.amountCents, 0);
    await recordAuditForPatients(
      tx,
      ctx.auditKey,
      ctx.actor,
      {
        action: 'create',
        resourceType: 'write_off',
        dataCategory: 'account',
        details: { postingIds: ids, totalCents: total, accountId: account.accountId },
      },
      account.patientIds,
    );
    return { postingIds: ids, totalCents: total };
  });
}
