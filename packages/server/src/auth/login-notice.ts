/** What the log-in page says before anyone logs in: the demo office says two-step log-in is off there. */
import { asOwner } from '../db/open-database.ts';
import type { Deps } from '../deps.ts';

/** the demo tenant's slug (the demo office seeded by `medbill serve --demo`) */
const DEMO_SLUG = 'demo';

export async function loginNotice(deps: Pick<Deps, 'db'>): Promise<{ notice: string | null }> {
  // an owner path: the log-in page is shown before anyone has a tenant
  const demo = await asOwner(deps.db, (tx) =>
    tx.selectFrom('tenant').select('mfa_required').where('slug', '=', DEMO_SLUG).executeTakeFirst(),
  );
  return {
    notice:
      demo && !demo.mfa_required
        ? 'Demo office: two-step log-in is off here so the demo users can try medbill. A new office requires it.'
        : null,
  };
}
