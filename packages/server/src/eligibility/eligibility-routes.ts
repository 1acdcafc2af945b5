/** Eligibility routes: parse, call the use case, answer. */
import type { AppDeps } from '../deps.ts';
import type { App } from '../http/app-types.ts';
import { routeContext } from '../accounts/route-context.ts';
import { idParams } from '../registration/fields.ts';
import { checkEligibility } from './check-eligibility.ts';
import { eligibilityCheckList, eligibilityCheckSchema } from '@medbill/api';
import { checkEligibilityBody } from './eligibility-schemas.ts';
import { listEligibilityChecks, loadEligibilityCheck } from './list-eligibility-checks.ts';

export function registerEligibilityRoutes(app: App, deps: AppDeps): void {
  app.post(
    '/api/patients/:id/eligibility-checks',
    {
      schema: {
        tags: ['eligibility'],
        summary: 'Ask the payer (270 through the clearinghouse) and wait briefly for its 271; the answer explained',
        params: idParams,
        body: checkEligibilityBody,
        response: { 201: eligibilityCheckSchema },
      },
      config: { permission: 'eligibility:check' },
    },
    async (req, reply) => {
      const view = await checkEligibility(
        routeContext(req, deps),
        { adapterFor: deps.claims.adapterFor, waitMs: deps.eligibilityWaitMs },
        { ...req.body, patientId: req.params.id },
      );
      return reply.status(201).send(view);
    },
  );

  app.get(
    '/api/patients/:id/eligibility-checks',
    {
      schema: {
        tags: ['eligibility'],
        summary: "A patient's eligibility answers, newest first",
        params: idParams,
        response: { 200: eligibilityCheckList },
      },
      config: { permission: 'patient:read' },
    },
    async (req) => ({ items: await listEligibilityChecks(routeContext(req, deps), req.params.id) }),
  );

  app.get(
    '/api/eligibility-checks/:id',
    {
      schema: {
        tags: ['eligibility'],
        summary: 'One eligibility check: the answer as received, explained',
        params: idParams,
        response: { 200: eligibilityCheckSchema },
      },
      config: { permission: 'patient:read' },
    },
    async (req) => loadEligibilityCheck(routeContext(req, deps), req.params.id),
  );
}
