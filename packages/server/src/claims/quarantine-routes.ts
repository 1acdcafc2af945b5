/** Held inbound files (the quarantine) and the server's long work in progress, over HTTP. */
import {
  idParams,
  jobList,
  quarantineDecision,
  quarantineDecisionBody,
  quarantineList,
  quarantineListQuery,
} from '@medbill/api';
import type { AppDeps } from '../deps.ts';
import type { App } from '../http/app-types.ts';
import { actorOf } from '../http/request-context.ts';
import { listJobs } from '../jobs/list-jobs.ts';
import { discardQuarantined, listQuarantine, releaseQuarantined } from './inbound/quarantine-cases.ts';

export function registerQuarantineRoutes(app: App, deps: AppDeps): void {
  app.get(
    '/api/inbound-quarantine',
    {
      schema: {
        tags: ['claims'],
        summary: 'Received files held back, with the reason (not X12 text, for another submitter, failed to apply)',
        querystring: quarantineListQuery,
        response: { 200: quarantineList },
      },
      config: { permission: 'claim:read' },
    },
    (req) => listQuarantine(deps, actorOf(req), { status: req.query.status }),
  );

  app.post(
    '/api/inbound-quarantine/:id/release',
    {
      schema: {
        tags: ['claims'],
        summary:
          'Take a held file in as received (the receiver check waived); still held, with the reason, if it fails',
        params: idParams,
        body: quarantineDecisionBody,
        response: { 200: quarantineDecision },
      },
      config: { permission: 'tenant:manage' },
    },
    (req) => releaseQuarantined(deps, actorOf(req), { id: req.params.id, note: req.body.note }),
  );

  app.post(
    '/api/inbound-quarantine/:id/discard',
    {
      schema: {
        tags: ['claims'],
        summary: 'Discard a held file (kept on record as discarded)',
        params: idParams,
        body: quarantineDecisionBody,
        response: { 200: quarantineDecision },
      },
      config: { permission: 'tenant:manage' },
    },
    (req) => discardQuarantined(deps, actorOf(req), { id: req.params.id, note: req.body.note }),
  );

  app.get(
    '/api/jobs',
    {
      schema: {
        tags: ['claims'],
        summary:
          'Long work in progress (a poll reading a large 835, a statement run) and work finished in the last ten minutes',
        response: { 200: jobList },
      },
      config: { permission: 'claim:read' },
    },
    async (req) => ({ items: await listJobs(deps, actorOf(req)) }),
  );
}
