/** Code-suggestion routes: parse, call the coding stage's use case, answer through its contract. */
import {
  decideSuggestionBody,
  decideSuggestionResult,
  idParams,
  officeModelStatus,
  rebuildOfficeModelBody,
  suggestCodesBody,
  suggestCodesResult,
  suggestionDecisionList,
  suggestionDecisionsQuery,
} from '@medbill/api';
import type { AppDeps } from '../deps.ts';
import type { App } from '../http/app-types.ts';
import { actorOf } from '../http/request-context.ts';
import { decideSuggestion } from './decide-suggestion.ts';
import { listSuggestionDecisions } from './list-suggestion-decisions.ts';
import { getOfficeModelStatus, rebuildOfficeModel } from './office-model.ts';
import { suggestCodes } from './suggest-codes.ts';

export function registerSuggestionRoutes(app: App, deps: AppDeps): void {
  app.post(
    '/api/coding/suggest',
    {
      schema: {
        tags: ['coding'],
        summary:
          'ICD-10-CM code suggestions for a note (or an encounter’s note): evidence spans, Index path, Tabular checks, traits, confidence',
        body: suggestCodesBody,
        response: { 200: suggestCodesResult },
      },
      config: { permission: 'encounter:read' },
    },
    (req) => suggestCodes(deps, actorOf(req), req.body),
  );

  app.post(
    '/api/encounters/:id/suggestion-decisions',
    {
      schema: {
        tags: ['coding'],
        summary: 'Accept (the code becomes the next diagnosis) or reject a suggested code; kept for measuring',
        params: idParams,
        body: decideSuggestionBody,
        response: { 200: decideSuggestionResult },
      },
      config: { permission: 'encounter:write' },
    },
    (req) => decideSuggestion(deps, actorOf(req), { ...req.body, encounterId: req.params.id }),
  );

  app.get(
    '/api/coding/suggestion-decisions',
    {
      schema: {
        tags: ['coding'],
        summary: 'Accepted and rejected suggestions over a period, with the acceptance rate per code',
        querystring: suggestionDecisionsQuery,
        response: { 200: suggestionDecisionList },
      },
      config: { permission: 'encounter:read' },
    },
    (req) => listSuggestionDecisions(deps, actorOf(req), req.query),
  );

  app.get(
    '/api/coding/office-model',
    {
      schema: {
        tags: ['coding'],
        summary:
          "Whether code suggestions are adapted to this office's own coded notes: notes and codes learnt, when, by whom",
        response: { 200: officeModelStatus },
      },
      config: { permission: 'encounter:read' },
    },
    (req) => getOfficeModelStatus(deps, actorOf(req)),
  );

  app.post(
    '/api/coding/office-model',
    {
      schema: {
        tags: ['coding'],
        summary:
          "Learn again from this office's coded encounters (coded or billed, with a note and diagnoses): its phrases, usual codes and kept suggestions; a job (GET /api/jobs)",
        body: rebuildOfficeModelBody,
        response: { 200: officeModelStatus },
      },
      config: { permission: 'codes:learn' },
    },
    (req) => rebuildOfficeModel(deps, actorOf(req)),
  );
}
