/**
 * @medbill/api — the HTTP API's contract, one module per workflow stage. The server validates requests and
 * serialises answers through these schemas (and publishes them in /api/docs); the web imports the types.
 */
export * from './common.ts';
export * from './field-words.ts';
export * from './issues.ts';
export * from './coding.ts';
export * from './claims.ts';
export * from './batches.ts';
export * from './clearinghouses.ts';
export * from './estimates.ts';
export * from './jobs.ts';
export * from './code-suggestions.ts';
export * from './statement-runs.ts';
export * from './accounts.ts';
export * from './auth.ts';
export * from './admin.ts';
export * from './registration.ts';
export * from './codes.ts';
export * from './denials.ts';
export * from './remittances.ts';
export * from './deposits.ts';
export * from './follow-up.ts';
export * from './eligibility.ts';
