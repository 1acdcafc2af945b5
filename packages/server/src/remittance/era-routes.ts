/** Remittances (835) over HTTP: each route parses, calls the remittance use case, and answers through its contract. */
import {
  claimLedger as claimLedgerView,
  dismissUnmatchedBody,
  idParams,
  listUnmatchedQuery,
  matchUnmatchedBody,
  postUnmatchedLineBody,
  postUnmatchedServicesBody,
  applyClaimDifferenceBody,
  unmatchedActionResult,
  unmatchedList,
  listRemittancesQuery,
  postRemittanceBody,
  postRemittanceResult,
  releaseRemittanceBody,
  remittanceDetail,
  remittanceList,
} from '@medbill/api';
import type { AppDeps } from '../deps.ts';
import type { App } from '../http/app-types.ts';
import { actorOf } from '../http/request-context.ts';
import { claimLedger, getEra, listEras, postEraFile, releaseEra } from './era-use-cases.ts';
import { dismissUnmatched, matchUnmatched } from './match-unmatched.ts';
import { applyClaimDifference } from './apply-claim-difference.ts';
import { postUnmatchedServices } from './post-unmatched-services.ts';
import { postUnmatchedLine } from './unmatched-line-posting.ts';
import { listUnmatched } from './unmatched-worklist.ts';

const tags = ['remittances'];

export function registerEraRoutes(app: App, deps: AppDeps): void {
  app.get(
    '/api/remittances',
    {
      schema: {
        tags,
        summary: 'ERAs: file, payer, check/EFT, amount, posted or held',
        querystring: listRemittancesQuery,
        response: { 200: remittanceList },
      },
      config: { permission: 'remittance:read' },
    },
    (req) => listEras(deps, actorOf(req), req.query),
  );
  app.get(
    '/api/remittances/:id',
    {
      schema: {
        tags,
        summary: "An ERA's posting view: each claim and line, adjustments and remarks in words",
        params: idParams,
        response: { 200: remittanceDetail },
      },
      config: { permission: 'remittance:read' },
    },
    (req) => getEra(deps, actorOf(req), { remittanceId: req.params.id }),
  );
  app.post(
    '/api/remittances',
    {
      schema: {
        tags,
        summary: 'Post an uploaded 835 (held for review when it does not balance)',
        body: postRemittanceBody,
        response: { 200: postRemittanceResult },
      },
      config: { permission: 'remittance:post' },
      bodyLimit: 6 * 1024 * 1024,
    },
    (req) => postEraFile(deps, actorOf(req), req.body),
  );
  app.post(
    '/api/remittances/:id/release',
    {
      schema: {
        tags,
        summary: 'Post a held ERA with its difference visible, or dismiss it, with the reason',
        params: idParams,
        body: releaseRemittanceBody,
        response: { 200: postRemittanceResult },
      },
      config: { permission: 'remittance:post' },
    },
    (req) => releaseEra(deps, actorOf(req), { remittanceId: req.params.id, ...req.body }),
  );
  app.get(
    '/api/unmatched',
    {
      schema: {
        tags,
        summary: '835 claims and lines that matched none of ours, across all ERAs, with suggested matches',
        querystring: listUnmatchedQuery,
        response: { 200: unmatchedList },
      },
      config: { permission: 'remittance:read' },
    },
    (req) => listUnmatched(deps, actorOf(req), req.query),
  );
  app.post(
    '/api/unmatched/:id/match',
    {
      schema: {
        tags,
        summary: 'Confirm the claim an unmatched 835 claim pays: it posts to that claim (once)',
        params: idParams,
        body: matchUnmatchedBody,
        response: { 200: unmatchedActionResult },
      },
      config: { permission: 'remittance:post' },
    },
    (req) => matchUnmatched(deps, actorOf(req), { unmatchedId: req.params.id, ...req.body }),
  );
  app.post(
    '/api/unmatched/:id/post-to-line',
    {
      schema: {
        tags,
        summary:
          'Post an unmatched 835 service line to the line of its claim it pays: payment and adjustments, out of unapplied (once)',
        params: idParams,
        body: postUnmatchedLineBody,
        response: { 200: unmatchedActionResult },
      },
      config: { permission: 'remittance:post' },
    },
    (req) => postUnmatchedLine(deps, actorOf(req), { unmatchedId: req.params.id, ...req.body }),
  );
  app.post(
    '/api/unmatched/:id/post-services',
    {
      schema: {
        tags,
        summary:
          'Post each service line of a claim none of whose services matched a line to the line it pays, out of unapplied (once)',
        params: idParams,
        body: postUnmatchedServicesBody,
        response: { 200: unmatchedActionResult },
      },
      config: { permission: 'remittance:post' },
    },
    (req) => postUnmatchedServices(deps, actorOf(req), { unmatchedId: req.params.id, ...req.body }),
  );
  app.post(
    '/api/unmatched/:id/apply-difference',
    {
      schema: {
        tags,
        summary:
          "Apply what a claim's lines do not explain of its payment to lines, amounts adding up to it to the cent (once)",
        params: idParams,
        body: applyClaimDifferenceBody,
        response: { 200: unmatchedActionResult },
      },
      config: { permission: 'remittance:post' },
    },
    (req) => applyClaimDifference(deps, actorOf(req), { unmatchedId: req.params.id, ...req.body }),
  );
  app.post(
    '/api/unmatched/:id/dismiss',
    {
      schema: {
        tags,
        summary: 'Dismiss an unmatched payment with the reason (the money stays unapplied)',
        params: idParams,
        body: dismissUnmatchedBody,
        response: { 200: unmatchedActionResult },
      },
      config: { permission: 'remittance:post' },
    },
    (req) => dismissUnmatched(deps, actorOf(req), { unmatchedId: req.params.id, ...req.body }),
  );
  app.get(
    '/api/claims/:id/ledger',
    {
      schema: {
        tags: ['claims'],
        summary:
          "A claim's payment history: every ledger entry (adjustments with CARC and RARC in words), the totals and its ERAs",
        params: idParams,
        response: { 200: claimLedgerView },
      },
      config: { permission: 'claim:read' },
    },
    (req) => claimLedger(deps, actorOf(req), { claimId: req.params.id }),
  );
}
