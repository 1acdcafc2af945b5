/** Claims over HTTP: each route parses, calls the claims stage's use case, and answers through its contract. */
import {
  claimDetail,
  claimList,
  claimSummary as claimSummarySchema,
  idParams,
  listClaimsQuery,
  pdfFile,
  printClaimQuery,
  replaceClaimBody,
  replacementResult,
  scrubClaimsBody,
  scrubResult,
} from '@medbill/api';
import type { AppDeps } from '../deps.ts';
import type { App } from '../http/app-types.ts';
import { actorOf } from '../http/request-context.ts';
import { claimSummary } from './claim-summary.ts';
import { correctOrVoidClaim } from './correct-or-void-claim.ts';
import { getClaim } from './get-claim.ts';
import { listClaims } from './list-claims.ts';
import { printClaim } from './print-claim.ts';
import { scrubOpenClaims } from './scrub-open-claims.ts';

const pdf = pdfFile('the printed claim');

export function registerClaimRoutes(app: App, deps: AppDeps): void {
  app.get(
    '/api/claims',
    {
      schema: {
        tags: ['claims'],
        summary: 'Claims by state (the billing worklist)',
        querystring: listClaimsQuery,
        response: { 200: claimList },
      },
      config: { permission: 'claim:read' },
    },
    (req) => listClaims(deps, actorOf(req), req.query),
  );

  app.get(
    '/api/claims/summary',
    {
      schema: {
        tags: ['claims'],
        summary: 'Counts by state and the clean-claim rate',
        response: { 200: claimSummarySchema },
      },
      config: { permission: 'claim:read' },
    },
    (req) => claimSummary(deps, actorOf(req)),
  );

  app.get(
    '/api/claims/:id',
    {
      schema: {
        tags: ['claims'],
        summary: 'One claim: lines, edits, history, files',
        params: idParams,
        response: { 200: claimDetail },
      },
      config: { permission: 'claim:read' },
    },
    (req) => getClaim(deps, actorOf(req), { claimId: req.params.id }),
  );

  app.get(
    '/api/claims/:id/pdf',
    {
      schema: {
        tags: ['claims'],
        summary: 'The claim printed on CMS-1500 (02/12) or UB-04, as PDF',
        params: idParams,
        querystring: printClaimQuery,
        response: { 200: pdf },
      },
      config: { permission: 'claim:read' },
    },
    async (req, reply) => {
      const printed = await printClaim(deps, actorOf(req), { claimId: req.params.id, mode: req.query.mode });
      return reply
        .type('application/pdf')
        .header('Content-Disposition', `inline; filename="${printed.claimNumber}-${printed.form}.pdf"`)
        .send(Buffer.from(printed.pdf) as unknown as string); // bytes: the schema describes them for the OpenAPI document
    },
  );

  app.post(
    '/api/claims/scrub',
    {
      schema: {
        tags: ['claims'],
        summary: 'Scrub claims (given ids, or every draft and ready claim)',
        body: scrubClaimsBody,
        response: { 200: scrubResult },
      },
      config: { permission: 'claim:write' },
    },
    (req) => scrubOpenClaims(deps, actorOf(req), { claimIds: req.body.claimIds }),
  );

  app.post(
    '/api/claims/:id/replacement',
    {
      schema: {
        tags: ['claims'],
        summary: 'Correct (frequency 7) or void (8) a claim the payer holds: a new claim naming its payer claim number',
        params: idParams,
        body: replaceClaimBody,
        response: { 201: replacementResult },
      },
      config: { permission: 'claim:write' },
    },
    async (req, reply) => {
      const made = await correctOrVoidClaim(deps, actorOf(req), { claimId: req.params.id, ...req.body });
      return reply.code(201).send(made);
    },
  );
}
