/** The ledger, pure: money in cents, entry kinds, balanced postings and balance math (no I/O). */
export * from './money.ts';
export * from './ledger-types.ts';
export * from './check-posting.ts';
export * from './entries.ts';
export * from './postings.ts';
export * from './balances.ts';
