/** List / create / read / change routes for a registration record kind: parse, call its use case, answer. */
import { z } from 'zod';
import type { AppDeps } from '../deps.ts';
import type { App } from '../http/app-types.ts';
import { actorOf } from '../http/request-context.ts';
import { entityRecords } from './entity-records.ts';
import type { EntitySpec } from './entity-spec.ts';
import { idParams, listQuery } from './fields.ts';

export type { EntitySpec } from './entity-spec.ts';
export { escapeLike } from './entity-spec.ts';

export function registerEntityRoutes(app: App, deps: AppDeps, spec: EntitySpec): void {
  const records = entityRecords(spec);

  app.get(
    spec.path,
    {
      schema: {
        tags: [spec.tag],
        summary: `List or search ${spec.label.toLowerCase()}s`,
        querystring: z.strictObject({ ...listQuery, ...(spec.filters ?? {}) }),
        response: { 200: spec.list },
      },
      config: { permission: spec.read },
    },
    (req) => records.list(deps, actorOf(req), req.query as Record<string, any> & { limit: number; offset: number }),
  );

  app.post(
    spec.path,
    {
      schema: {
        tags: [spec.tag],
        summary: `Create a ${spec.label.toLowerCase()}`,
        body: spec.create,
        response: { 201: spec.record },
      },
      config: { permission: spec.write },
    },
    async (req, reply) =>
      reply.status(201).send(await records.create(deps, actorOf(req), req.body as Record<string, unknown>)),
  );

  app.get(
    `${spec.path}/:id`,
    {
      schema: {
        tags: [spec.tag],
        summary: `Read one ${spec.label.toLowerCase()}`,
        params: idParams,
        response: { 200: spec.detail ?? spec.record },
      },
      config: { permission: spec.read },
    },
    (req) => records.get(deps, actorOf(req), { id: req.params.id }),
  );

  app.patch(
    `${spec.path}/:id`,
    {
      schema: {
        tags: [spec.tag],
        summary: `Change a ${spec.label.toLowerCase()}`,
        params: idParams,
        body: spec.patch,
        response: { 200: spec.record },
      },
      config: { permission: spec.write },
    },
    (req) => records.change(deps, actorOf(req), { id: req.params.id, patch: req.body as Record<string, unknown> }),
  );
}
