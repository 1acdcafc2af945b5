/** Fixtures for other packages' tests (not part of the product): @medbill/core/test-util. */
export * from './remittance/era-text.test-util.ts';
export * from './claims/claim-fixtures.test-util.ts';
export * from './ledger/ledger-ops.test-util.ts';
