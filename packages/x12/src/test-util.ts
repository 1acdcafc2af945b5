/** Fixtures for other packages' tests (not part of the product): @medbill/x12/test-util. */
export * from './transactions/837/claim-fixtures.test-util.ts';
