/** Checks on a user change: a password easy to guess (issue 8 item 10) and the last active admin (item 12). */
import { AppError, invalid } from '../app-error.ts';
import type { Tx } from '../db/open-database.ts';
import { weakPasswordProblem } from './password-strength.ts';

/** Refuses a password that is easy to guess, also from the user's own names and the office's. */
export async function checkPasswordStrength(tx: Tx, tenantId: number, password: string, names: string[]) {
  const t = await tx.selectFrom('tenant').select(['name', 'slug']).where('id', '=', tenantId).executeTakeFirst();
  const problem = weakPasswordProblem(password, [...names, ...(t ? [t.name, t.slug] : [])]);
  if (problem) throw invalid('password', problem);
}

/** A tenant is never left without an active admin: the last one cannot be disabled or given another role. */
export async function guardLastAdmin(tx: Tx, tenantId: number, userId: number): Promise<void> {
  const admins = await tx
    .selectFrom('app_user')
    .select('id')
    .where('tenant_id', '=', tenantId)
    .where('role', '=', 'admin')
    .where('disabled', '=', false)
    .forUpdate()
    .execute();
  if (admins.length === 1 && admins[0]!.id === userId)
    throw new AppError(
      'conflict',
      'This is the last active admin of your organisation: make another user admin first, so someone can still manage users',
    );
}
