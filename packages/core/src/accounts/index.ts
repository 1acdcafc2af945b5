/** Patient accounts: eligibility in words, estimates, statements, payment plans, collections. Pure. */
export * from './money-text.ts';
export * from './service-types.ts';
export * from './explain-benefits.ts';
export * from './eligibility-request.ts';
export * from './estimate.ts';
export * from './contacts.ts';
