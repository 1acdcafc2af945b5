/** Estimates over HTTP: each route parses, calls the use case, and answers through its contract. */
import { estimateBody, estimateList, estimateView, idParams, pdfFile } from '@medbill/api';
import type { AppDeps } from '../deps.ts';
import type { App } from '../http/app-types.ts';
import { actorOf } from '../http/request-context.ts';
import { createEstimate } from './create-estimate.ts';
import { printGoodFaithEstimate } from './print-good-faith-estimate.ts';
import { getEstimate, listEstimates } from './read-estimates.ts';

const pdf = pdfFile('the Good Faith Estimate');

export function registerEstimateRoutes(app: App, deps: AppDeps): void {
  app.post(
    '/api/patients/:id/estimates',
    {
      schema: {
        tags: ['accounts'],
        summary:
          'Estimate a planned visit: what insurance is likely to pay and the patient to owe (a Good Faith Estimate when uninsured or self-pay)',
        params: idParams,
        body: estimateBody,
        response: { 201: estimateView },
      },
      config: { permission: 'account:write' },
    },
    async (req, reply) =>
      reply.status(201).send(await createEstimate(deps, actorOf(req), { ...req.body, patientId: req.params.id })),
  );
  app.get(
    '/api/patients/:id/estimates',
    {
      schema: {
        tags: ['accounts'],
        summary: "The patient's estimates, newest first",
        params: idParams,
        response: { 200: estimateList },
      },
      config: { permission: 'account:read' },
    },
    (req) => listEstimates(deps, actorOf(req), { patientId: req.params.id }),
  );
  app.get(
    '/api/estimates/:id',
    {
      schema: { tags: ['accounts'], summary: 'One estimate', params: idParams, response: { 200: estimateView } },
      config: { permission: 'account:read' },
    },
    (req) => getEstimate(deps, actorOf(req), { estimateId: req.params.id }),
  );
  app.get(
    '/api/estimates/:id/good-faith-estimate.pdf',
    {
      schema: {
        tags: ['accounts'],
        summary: 'The Good Faith Estimate of an uninsured or self-pay patient, as PDF',
        params: idParams,
        response: { 200: pdf },
      },
      config: { permission: 'account:read' },
    },
    async (req, reply) => {
      const printed = await printGoodFaithEstimate(deps, actorOf(req), { estimateId: req.params.id });
      return reply
        .type('application/pdf')
        .header('Content-Disposition', `inline; filename="${printed.fileName}"`)
        .send(Buffer.from(printed.pdf) as unknown as string);
    },
  );
}
