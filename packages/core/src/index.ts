export * from './validation/npi.ts';
export * from './validation/identifiers.ts';
export * from './validation/dates.ts';
