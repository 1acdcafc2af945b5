/** The tenant a CLI command works in: the one named by its slug, or the only one there is. */
import { AppError } from '../app-error.ts';
import { asOwner, type Db } from '../db/open-database.ts';

export async function resolveTenant(db: Db, slug?: string): Promise<{ id: number; slug: string }> {
  // an owner path: the CLI names its tenant before it has one
  const rows = await asOwner(db, (tx) => tx.selectFrom('tenant').select(['id', 'slug']).orderBy('id').execute());
  if (slug) {
    const t = rows.find((r) => r.slug === slug);
    if (!t)
      throw new AppError(
        'not_found',
        `No tenant "${slug}" (there are: ${rows.map((r) => r.slug).join(', ') || 'none'})`,
      );
    return t;
  }
  if (rows.length === 1) return rows[0];
  throw new AppError(
    'bad_request',
    rows.length
      ? `Several tenants: choose one with --tenant (${rows.map((r) => r.slug).join(', ')})`
      : 'No tenant yet: run medbill demo, or create one',
  );
}
