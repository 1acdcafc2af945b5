/** Code-suggestion routes: parse, call the coding stage's use case, answer through its contract. */
import {
  decideSuggestionBody,
  decideSuggestionResult,
  idParams,
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
}
