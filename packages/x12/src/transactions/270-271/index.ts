/** 270/271 eligibility (005010X279A1): typed model, builders, readers and the benefit summary. */
export * from './eligibility-model.ts';
export { build270, build271, type BuildEligibilityOptions } from './build-eligibility.ts';
export { read270, read271, type ReadEligibilityOptions, type ReadEligibilityResult } from './read-eligibility.ts';
export {
  summarizeBenefits,
  type MemberBenefitSummary,
  type ServiceBenefits,
  type Accumulator,
  type Network,
} from './summarize-benefits.ts';
