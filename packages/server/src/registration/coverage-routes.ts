/**
 * Ending and removing a coverage, the two ways a billing office takes a policy off a patient:
 * - end it (POST /api/coverages/:id/end): the policy stopped on a date; it stays on file for the
 *   claims it paid, and claims for later dates of service are listed so they can be billed elsewhere;
 * - delete it (DELETE /api/coverages/:id): it was entered by mistake and no claim has used it; a
 *   coverage on any claim is refused with the claim numbers (end it instead).
 * Both are audited with the patient and what the record held; both answer 404 across tenants.
 */
import { z } from 'zod';
import { endedCoverage, noContent } from '@medbill/api';
import type { AppDeps } from '../deps.ts';
import type { App } from '../http/app-types.ts';
import { actorOf } from '../http/request-context.ts';
import { deleteCoverage } from './delete-coverage.ts';
import { endCoverage } from './end-coverage.ts';
import { idParams, isoDate } from './fields.ts';

const endBody = z.strictObject({ endDate: isoDate('End date') });

export function registerCoverageRoutes(app: App, deps: AppDeps): void {
  app.post(
    '/api/coverages/:id/end',
    {
      schema: {
        tags: ['patients'],
        summary: 'End a coverage on a date (the policy stays on file); lists claims for later dates of service',
        params: idParams,
        body: endBody,
        response: { 200: endedCoverage },
      },
      config: { permission: 'patient:write' },
    },
    (req) => endCoverage(deps, actorOf(req), { coverageId: req.params.id, endDate: req.body.endDate }),
  );

  app.delete(
    '/api/coverages/:id',
    {
      schema: {
        tags: ['patients'],
        summary: 'Delete a coverage entered by mistake (refused once a claim uses it: end it instead)',
        params: idParams,
        response: { 204: noContent },
      },
      config: { permission: 'patient:write' },
    },
    async (req, reply) => {
      await deleteCoverage(deps, actorOf(req), { coverageId: req.params.id });
      return reply.status(204).send(null);
    },
  );
}
