/** What the code-suggestion use cases need: the database, the audit key, the code sets, and the clock if any. */
import type { Deps } from '../deps.ts';

export type CodingDeps = Pick<Deps, 'db' | 'auditKey' | 'codes'> & {
  /** the claims stage's clock (the server's, a test's); the system clock without one */
  claims?: { now: () => Date };
};

export const nowOf = (deps: CodingDeps): Date => deps.claims?.now() ?? new Date();

/** ICD-10-CM as people write it: a dot after the category. */
export const withDot = (code: string) => (code.length > 3 ? `${code.slice(0, 3)}.${code.slice(3)}` : code);
