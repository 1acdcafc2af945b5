import { registerAuditRoutes } from '../audit/audit-routes.ts';
import { registerAuthRoutes } from '../auth/auth-routes.ts';
import { registerMfaRoutes } from '../auth/mfa-routes.ts';
import { registerUserRoutes } from '../auth/user-routes.ts';
import { registerBatchRoutes } from '../claims/batch-routes.ts';
import { registerQuarantineRoutes } from '../claims/quarantine-routes.ts';
import { registerClaimRoutes } from '../claims/claim-routes.ts';
import { registerEncounterRoutes } from '../coding/encounter-routes.ts';
import { registerFeeScheduleRoutes } from '../coding/fee-schedule-routes.ts';
import { registerCodesRoutes } from '../codes/codes-routes.ts';
import { registerSuggestionRoutes } from '../coding/suggestion-routes.ts';
import { registerDenialRoutes } from '../denials/denial-routes.ts';
import { registerFollowUpRoutes } from '../follow-up/follow-up-routes.ts';
import { registerEraRoutes } from '../remittance/era-routes.ts';
import { registerDepositRoutes } from '../remittance/deposit-routes.ts';
import { registerEligibilityRoutes } from '../eligibility/eligibility-routes.ts';
import { registerContactRoutes } from '../accounts/contact-routes.ts';
import { registerAccountRoutes } from '../accounts/account-routes.ts';
import { registerCollectionRoutes } from '../accounts/collection-routes.ts';
import { registerStatementRunRoutes } from '../accounts/statement-run-routes.ts';
import { registerEstimateRoutes } from '../estimates/estimate-routes.ts';
import { getTenant } from '../tenants/get-tenant.ts';
import { actorOf } from './request-context.ts';
import { registerCoverageRoutes } from '../registration/coverage-routes.ts';
import { registerEntityRoutes } from '../registration/entity-routes.ts';
import { REGISTRATION_SPECS } from '../registration/specs.ts';
import { health, tenantView } from '@medbill/api';
import type { AppDeps } from '../deps.ts';
import type { App } from './app-types.ts';

export async function registerRoutes(app: App, deps: AppDeps): Promise<void> {
  app.get(
    '/api/health',
    {
      schema: {
        tags: ['system'],
        summary: 'Liveness, database kind and schema version',
        response: { 200: health },
      },
      config: { public: true },
    },
    async () => ({ status: 'ok' as const, database: deps.store.kind, schemaVersion: deps.schemaVersion }),
  );

  registerAuthRoutes(app, deps);
  registerMfaRoutes(app, deps);
  registerUserRoutes(app, deps);
  registerAuditRoutes(app, deps);
  for (const spec of REGISTRATION_SPECS) registerEntityRoutes(app, deps, spec);
  registerCoverageRoutes(app, deps);
  registerEncounterRoutes(app, deps);
  registerClaimRoutes(app, deps);
  registerFollowUpRoutes(app, deps);
  registerBatchRoutes(app, deps);
  registerQuarantineRoutes(app, deps);
  registerFeeScheduleRoutes(app, deps);
  registerCodesRoutes(app, deps);
  registerSuggestionRoutes(app, deps);
  registerEligibilityRoutes(app, deps);
  registerContactRoutes(app, deps);
  registerAccountRoutes(app, deps);
  registerCollectionRoutes(app, deps);
  registerEstimateRoutes(app, deps);
  registerStatementRunRoutes(app, deps);
  registerDenialRoutes(app, deps);
  registerEraRoutes(app, deps);
  registerDepositRoutes(app, deps);

  app.get(
    '/api/tenant',
    {
      schema: { tags: ['admin'], summary: 'The tenant you work in', response: { 200: tenantView } },
      config: { permission: 'practice:read' },
    },
    (req) => getTenant(deps, actorOf(req)),
  );
}
