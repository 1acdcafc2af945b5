/**
 * PostgreSQL's wire protocol counts bind parameters in 16 bits, so one statement takes at most 65,535 of
 * them: a 5-column insert of more than 13,107 rows fails (the fee schedule limit the schema allowed was
 * 20,000). Bulk inserts go in chunks that stay under it.
 */
export const MAX_BIND_PARAMETERS = 65_535;

export function chunksFor<T>(rows: readonly T[], parametersPerRow: number): T[][] {
  const size = Math.max(1, Math.floor(MAX_BIND_PARAMETERS / parametersPerRow));
  const out: T[][] = [];
  for (let i = 0; i < rows.length; i += size) out.push(rows.slice(i, i + size));
  return out;
}
