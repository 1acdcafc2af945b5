/**
 * PGlite has no autovacuum, so nothing updates the planner's statistics: a table that grew from empty
 * keeps "a few rows" estimates and gets plans that sort the whole table (we saw a page of the audit log
 * take 1 s at 200k entries). The server runs ANALYZE at start and then periodically. PostgreSQL's
 * autovacuum does this itself.
 */
import { sql } from 'kysely';
import type { Store } from './open-database.ts';

export const STATISTICS_REFRESH_MS = 10 * 60 * 1000;

export async function refreshStatistics(store: Store): Promise<void> {
  if (store.kind !== 'pglite') return;
  await sql`ANALYZE`.execute(store.db);
}

/** ANALYZE every `everyMs` on PGlite; the returned function stops it. Failures are reported, never thrown. */
export function startStatisticsRefresh(
  store: Store,
  onError: (e: unknown) => void,
  everyMs = STATISTICS_REFRESH_MS,
): () => void {
  if (store.kind !== 'pglite') return () => {};
  let running = false;
  const timer = setInterval(() => {
    if (running) return;
    running = true;
    refreshStatistics(store)
      .catch(onError)
      .finally(() => {
        running = false;
      });
  }, everyMs);
  timer.unref();
  return () => clearInterval(timer);
}
