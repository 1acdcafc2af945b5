/** Statement-run and collections routes: parse, call the use case, answer. */
import {
  agencyReportImported,
  collectionsWorklist as collectionsWorklistSchema,
  finalNoticeSent,
  placementMade,
  pdfFile,
  placementRecalled,
} from '@medbill/api';
import { z } from 'zod';
import type { App, AppDeps } from '../http/app.ts';
import { idParams } from '../registration/fields.ts';
import { actorOf } from '../http/request-context.ts';
import { printStatement } from './print-statement.ts';
import {
  collectionsWorklist,
  importAgencyReport,
  placeWithAgency,
  recallPlacement,
  sendFinalNotice,
} from './collections.ts';
import { routeContext } from './route-context.ts';

export function registerCollectionRoutes(app: App, deps: AppDeps): void {
  app.get(
    '/api/statements/:id/pdf',
    {
      schema: {
        tags: ['accounts'],
        summary: 'One statement as printed (PDF)',
        params: idParams,
        response: {
          200: pdfFile('the statement as printed'),
        },
      },
      config: { permission: 'account:read' },
    },
    async (req, reply) => {
      const pdf = await printStatement(deps, actorOf(req), { statementId: req.params.id });
      return reply.type('application/pdf').send(Buffer.from(pdf) as unknown as string); // bytes: the schema describes them for the OpenAPI document
    },
  );
  app.get(
    '/api/collections/worklist',
    {
      schema: {
        tags: ['accounts'],
        summary: 'Accounts past the collection rules, with contacts and final-notice state',
        response: { 200: collectionsWorklistSchema },
      },
      config: { permission: 'account:read' },
    },
    async (req) => ({ items: await collectionsWorklist(routeContext(req, deps)) }),
  );
  app.post(
    '/api/patients/:id/final-notice',
    {
      schema: {
        tags: ['accounts'],
        summary: 'Send the final notice before placement (logged as a letter)',
        params: idParams,
        body: z.strictObject({}),
        response: { 201: finalNoticeSent },
      },
      config: { permission: 'account:write' },
    },
    async (req, reply) => reply.status(201).send(await sendFinalNotice(routeContext(req, deps), req.params.id)),
  );
  app.post(
    '/api/collection-placements',
    {
      schema: {
        tags: ['accounts'],
        summary: "Place accounts with an agency; answers the agency's CSV",
        body: z.strictObject({
          agencyId: z.number().int().positive(),
          patientIds: z.array(z.number().int().positive()).min(1).max(500),
        }),
        response: { 201: placementMade },
      },
      config: { permission: 'account:write' },
    },
    async (req, reply) => reply.status(201).send(await placeWithAgency(routeContext(req, deps), req.body)),
  );
  app.post(
    '/api/collection-placements/:id/recall',
    {
      schema: {
        tags: ['accounts'],
        summary: 'Recall an account from the agency',
        params: idParams,
        body: z.strictObject({ reason: z.string().trim().min(1).max(300) }),
        response: { 200: placementRecalled },
      },
      config: { permission: 'account:write' },
    },
    async (req) => recallPlacement(routeContext(req, deps), req.params.id, req.body.reason),
  );
  app.post(
    '/api/collection-agencies/:id/reports',
    {
      schema: {
        tags: ['accounts'],
        summary: "Import the agency's payment and status report (CSV text)",
        params: idParams,
        body: z.strictObject({ fileName: z.string().trim().min(1).max(200), csv: z.string().max(5_000_000) }),
        response: { 201: agencyReportImported },
      },
      config: { permission: 'account:write' },
    },
    async (req, reply) =>
      reply
        .status(201)
        .send(await importAgencyReport(routeContext(req, deps), req.params.id, req.body.fileName, req.body.csv)),
  );
}
