/** Encounters over HTTP: record, list, read, re-code, and make a claim from one. */
import { created, encounterDetail, encounterList } from '@medbill/api';
import type { AppDeps } from '../deps.ts';
import type { App } from '../http/app-types.ts';
import { actorOf } from '../http/request-context.ts';
import { idParams } from '../registration/fields.ts';
import { claimFromEncounter } from '../claims/claim-from-encounter.ts';
import { claimFromEncounterBody, codingBody, encounterBody, encounterQuery } from './encounter-schemas.ts';
import { getEncounter } from './get-encounter.ts';
import { listEncounters } from './list-encounters.ts';
import { recodeEncounter } from './recode-encounter.ts';
import { recordEncounter } from './record-encounter.ts';

export function registerEncounterRoutes(app: App, deps: AppDeps): void {
  app.post(
    '/api/encounters',
    {
      schema: {
        tags: ['coding'],
        summary: 'Record an encounter with its diagnoses and service lines',
        body: encounterBody,
        response: { 201: created },
      },
      config: { permission: 'encounter:write' },
    },
    async (req, reply) => reply.status(201).send(await recordEncounter(deps, actorOf(req), req.body)),
  );

  app.get(
    '/api/encounters',
    {
      schema: {
        tags: ['coding'],
        summary: 'Encounters (the coding queue with status=to_code)',
        querystring: encounterQuery,
        response: { 200: encounterList },
      },
      config: { permission: 'encounter:read' },
    },
    (req) => listEncounters(deps, actorOf(req), req.query),
  );

  app.get(
    '/api/encounters/:id',
    {
      schema: {
        tags: ['coding'],
        summary: 'One encounter: note, diagnoses, lines, claims',
        params: idParams,
        response: { 200: encounterDetail },
      },
      config: { permission: 'encounter:read' },
    },
    (req) => getEncounter(deps, actorOf(req), { encounterId: req.params.id }),
  );

  app.put(
    '/api/encounters/:id/coding',
    {
      schema: {
        tags: ['coding'],
        summary: "The coder's save: replace the diagnoses and service lines",
        params: idParams,
        body: codingBody,
        response: { 200: created },
      },
      config: { permission: 'encounter:write' },
    },
    (req) => recodeEncounter(deps, actorOf(req), { ...req.body, encounterId: req.params.id }),
  );

  app.post(
    '/api/encounters/:id/claims',
    {
      schema: {
        tags: ['claims'],
        summary: 'Make a claim from an encounter (primary coverage by default)',
        params: idParams,
        body: claimFromEncounterBody,
        response: { 201: created },
      },
      config: { permission: 'claim:write' },
    },
    async (req, reply) =>
      reply.status(201).send(await claimFromEncounter(deps, actorOf(req), { encounterId: req.params.id, ...req.body })),
  );
}
