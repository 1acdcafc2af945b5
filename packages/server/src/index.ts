/**
 * @medbill/server — the public entry. The CLI (and anything else outside this package) imports from here only:
 * the use cases of each stage, what opens the store and starts the server, and the types they take.
 */
// ---- running it ----
export { loadConfig, describeStore, type MedbillConfig } from './config.ts';
export { openConfiguredStore, type AuditKeyNeed } from './open-configured-store.ts';
export { openStore, withTenant, type Db, type Store, type Tx } from './db/open-database.ts';
export { DataFolderLockedError } from './db/data-lock.ts';
export { listMigrations, migrate } from './db/migrate.ts';
export { startServer } from './start-server.ts';
export { buildApp } from './http/app.ts';
export type { Actor } from './actor.ts';
export type { AppDeps, ClaimsDeps, Deps } from './deps.ts';
export { AppError, databaseErrorInWords, fromDatabaseError, type ErrorCode } from './app-error.ts';

// ---- tenants, audit, demo ----
export { createTenant, type CreateTenantInput } from './tenants/create-tenant.ts';
export { passwordProblem } from './auth/password.ts';
export { resetUserMfa } from './auth/reset-user-mfa.ts';
export { resolveTenant } from './tenants/resolve-tenant.ts';
export { verifyAudit } from './audit/verify-audit.ts';
export { recordFailure } from './audit/record-failure.ts';
export type { AuditRecord } from './audit/record-audit.ts';
export { seedDemo } from './demo/seed-demo.ts';

// ---- code sets ----
export { loadCodesService, type CodesService } from './codes/codes-service.ts';
export { codeCacheDir } from './codes/code-cache.ts';
export { importCodeFile, unpack } from './codes/code-files.ts';

// ---- claims ----
export { defaultClaimServices, type ClaimServices } from './claims/claim-services.ts';
export { listClaims } from './claims/list-claims.ts';
export { claimSummary } from './claims/claim-summary.ts';
export { getClaim } from './claims/get-claim.ts';
export { findClaimIds } from './claims/find-claims.ts';
export { printClaim, type PrintedClaim } from './claims/print-claim.ts';
export { scrubOpenClaims } from './claims/scrub-open-claims.ts';
export { correctOrVoidClaim } from './claims/correct-or-void-claim.ts';
export { buildClaimBatches } from './claims/build-claim-batches.ts';
export { submitBatches } from './claims/submit-batches.ts';
export { pollClearinghouse } from './claims/poll-clearinghouse.ts';
export { listFollowUp } from './follow-up/list-follow-up.ts';
export { sendStatusInquiries, type StatusInquiryProgress } from './follow-up/send-status-inquiries.ts';
export { claimStatusHistory } from './follow-up/claim-status-history.ts';
export { exportBatchFile, type ExportedBatchFile } from './claims/export-batch-file.ts';
export { listBatches } from './claims/list-batches.ts';
export { getBatch } from './claims/get-batch.ts';

// ---- patient accounts: estimates ----
export { createEstimate, type EstimateInput } from './estimates/create-estimate.ts';
export { getEstimate, listEstimates } from './estimates/read-estimates.ts';
export { printGoodFaithEstimate } from './estimates/print-good-faith-estimate.ts';

// ---- patient accounts: statement runs ----
export { processStatementRun, startStatementRun } from './accounts/run-statements.ts';
export { StatementFolderPrinter } from './accounts/statement-files.ts';

// ---- patient accounts: collection agencies ----
export { createCollectionAgency, listCollectionAgencies } from './accounts/collection-agencies.ts';

// ---- eligibility ----
export { checkEligibility } from './eligibility/check-eligibility.ts';

// ---- clearinghouse exchange and the payer simulator ----
export { FolderAdapter } from './clearinghouse/folder-adapter.ts';
export { storeClearinghouseSecret } from './clearinghouse/set-clearinghouse-secret.ts';
export { startPayerSftpSite } from './clearinghouse/payer-sftp-site.ts';
export { demoPayerContracts } from './payer-sim/demo-contracts.ts';
export { startDemoPayers } from './payer-sim/demo-payer.ts';
export { createPayerSimResponder } from './payer-sim/payer-sim-responder.ts';
export { withDelayedRemittances } from './payer-sim/delayed-remittances.ts';

// ---- code suggestions (issue 13) ----
export { suggestCodes } from './coding/suggest-codes.ts';
export { getOfficeModelStatus, rebuildOfficeModel, LEARNED_STATUSES } from './coding/office-model.ts';
export { decideSuggestion } from './coding/decide-suggestion.ts';
export { listSuggestionDecisions } from './coding/list-suggestion-decisions.ts';
export type { CodingDeps } from './coding/coding-deps.ts';
// ---- denials ----
export type { DenialDeps } from './denials/denial-deps.ts';
export { listDenials, getDenial } from './denials/list-denials.ts';
export {
  assignDenial,
  addDenialNote,
  writeOffDenial,
  transferDenialToPatient,
  replaceDeniedClaim,
} from './denials/work-denial.ts';
export { appealDenial, getAppealTemplate, saveAppealTemplate } from './denials/appeal-denial.ts';
export {
  getPayerContract,
  listPayerContracts,
  savePayerContract,
  setContractRate,
} from './remittance/payer-contracts.ts';
export { listUnmatched } from './remittance/unmatched-worklist.ts';
export { dismissUnmatched, matchUnmatched } from './remittance/match-unmatched.ts';
export { postUnmatchedLine } from './remittance/unmatched-line-posting.ts';
export { postUnmatchedServices } from './remittance/post-unmatched-services.ts';
export { applyClaimDifference } from './remittance/apply-claim-difference.ts';
export { listEras, getEra, postEraFile, releaseEra } from './remittance/era-use-cases.ts';
export { getClaimLedger } from './remittance/get-claim-ledger.ts';
export { recordDeposit, listDeposits } from './remittance/deposits.ts';
export { reconcileDeposits, depositReconciliation } from './remittance/reconcile-deposits.ts';
