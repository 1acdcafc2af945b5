/** Fee schedules over HTTP: what a practice charges per code (and modifier), effective-dated. */
import { created, feeItemsReplaced, feeScheduleDetail, feeScheduleList } from '@medbill/api';
import type { AppDeps } from '../deps.ts';
import type { App } from '../http/app-types.ts';
import { actorOf } from '../http/request-context.ts';
import { idParams } from '../registration/fields.ts';
import { createFeeSchedule } from './create-fee-schedule.ts';
import { feeItemsBody, feeScheduleBody, feeScheduleQuery } from './fee-schedule-schemas.ts';
import { getFeeSchedule } from './get-fee-schedule.ts';
import { listFeeSchedules } from './list-fee-schedules.ts';
import { replaceFeeItems } from './replace-fee-items.ts';

export function registerFeeScheduleRoutes(app: App, deps: AppDeps): void {
  app.get(
    '/api/fee-schedules',
    {
      schema: {
        tags: ['claims'],
        summary: "Practices' fee schedules",
        querystring: feeScheduleQuery,
        response: { 200: feeScheduleList },
      },
      config: { permission: 'practice:read' },
    },
    (req) => listFeeSchedules(deps, actorOf(req), req.query),
  );

  app.get(
    '/api/fee-schedules/:id',
    {
      schema: {
        tags: ['claims'],
        summary: 'One fee schedule with its fees',
        params: idParams,
        response: { 200: feeScheduleDetail },
      },
      config: { permission: 'practice:read' },
    },
    (req) => getFeeSchedule(deps, actorOf(req), { feeScheduleId: req.params.id }),
  );

  app.post(
    '/api/fee-schedules',
    {
      schema: { tags: ['claims'], summary: 'Create a fee schedule', body: feeScheduleBody, response: { 201: created } },
      config: { permission: 'practice:write' },
    },
    async (req, reply) => reply.status(201).send(await createFeeSchedule(deps, actorOf(req), req.body)),
  );

  app.put(
    '/api/fee-schedules/:id/items',
    {
      schema: {
        tags: ['claims'],
        summary: "Replace a fee schedule's fees",
        params: idParams,
        body: feeItemsBody,
        response: { 200: feeItemsReplaced },
      },
      config: { permission: 'practice:write' },
    },
    (req) => replaceFeeItems(deps, actorOf(req), { feeScheduleId: req.params.id, items: req.body.items }),
  );
}
