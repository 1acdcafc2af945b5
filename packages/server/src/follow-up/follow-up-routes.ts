/** The follow-up worklist and claim status inquiries over HTTP: each route parses, calls its use case, answers. */
import {
  claimStatusHistory as claimStatusHistorySchema,
  followUpList,
  followUpQuery,
  idParams,
  statusInquiryBody,
  statusInquiryResult,
} from '@medbill/api';
import type { AppDeps } from '../deps.ts';
import type { App } from '../http/app-types.ts';
import { actorOf } from '../http/request-context.ts';
import { claimStatusHistory } from './claim-status-history.ts';
import { listFollowUp } from './list-follow-up.ts';
import { sendStatusInquiries } from './send-status-inquiries.ts';

export function registerFollowUpRoutes(app: App, deps: AppDeps): void {
  app.get(
    '/api/claims/follow-up',
    {
      schema: {
        tags: ['claims'],
        summary: 'Claims with no 277CA or 835 after their payer’s follow-up days (the follow-up worklist)',
        querystring: followUpQuery,
        response: { 200: followUpList },
      },
      config: { permission: 'claim:read' },
    },
    (req) => listFollowUp(deps, actorOf(req), req.query),
  );

  app.post(
    '/api/claims/status-inquiries',
    {
      schema: {
        tags: ['claims'],
        summary: 'Send 276 claim status requests for the claims named (or the whole follow-up worklist)',
        body: statusInquiryBody,
        response: { 200: statusInquiryResult },
      },
      config: { permission: 'claim:submit' },
    },
    (req) => sendStatusInquiries(deps, actorOf(req), req.body),
  );

  app.get(
    '/api/claims/:id/status-inquiries',
    {
      schema: {
        tags: ['claims'],
        summary: 'A claim’s status inquiries and the payer’s answers',
        params: idParams,
        response: { 200: claimStatusHistorySchema },
      },
      config: { permission: 'claim:read' },
    },
    (req) => claimStatusHistory(deps, actorOf(req), { claimId: req.params.id }),
  );
}
