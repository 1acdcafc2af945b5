/** Patient accounts: eligibility in words, estimates, statements, payment plans, collections. Pure. */
export * from './money-text.ts';
export * from './service-types.ts';
export * from './explain-benefits.ts';
export * from './eligibility-request.ts';
export * from './estimate.ts';
export * from './contacts.ts';
export * from './dates.ts';
export * from './aging.ts';
export * from './allocate-payment.ts';
export * from './payment-plan.ts';
export * from './statement-rules.ts';
export * from './explain-adjustment.ts';
export * from './describe-code.ts';
