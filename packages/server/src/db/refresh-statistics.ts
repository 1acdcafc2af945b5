/**
 * PGlite has no autovacuum, so nothing updates the planner's statistics: a table that grew from empty
 * keeps "a few rows" estimates and gets plans that sort the whole table (we saw a page of the audit log
 * take 1 s at 200k entries). The server runs ANALYZE shortly after start (not before it answers: on PGlite every
 * query waits behind it, and the statistics of the last run are still there) and then periodically. PostgreSQL's
 * autovacuum does this itself.
 */
import { sql } from 'kysely';
import type { Store } from './open-database.ts';

export const STATISTICS_REFRESH_MS = 10 * 60 * 1000;
export const STATISTICS_FIRST_REFRESH_MS = 30 * 1000;

export async function refreshStatistics(store: Store): Promise<void> {
  if (store.kind !== 'pglite') return;
  await sql`ANALYZE`.execute(store.db);
}

/** ANALYZE after `firstMs`, then every `everyMs`, on PGlite; the returned function stops it. Failures are reported, never thrown. */
export function startStatisticsRefresh(
  store: Store,
  onError: (e: unknown) => void,
  everyMs = STATISTICS_REFRESH_MS,
  firstMs = everyMs,
): () => void {
  if (store.kind !== 'pglite') return () => {};
  let running = false;
  const refresh = () => {
    if (running) return;
    running = true;
    refreshStatistics(store)
      .catch(onError)
      .finally(() => {
        running = false;
      });
  };
  let interval: NodeJS.Timeout | undefined;
  const first = setTimeout(() => {
    refresh();
    interval = setInterval(refresh, everyMs);
    interval.unref();
  }, firstMs);
  first.unref();
  return () => {
    clearTimeout(first);
    clearInterval(interval);
  };
}
