/** Admins manage the users of their own tenant; every role change or disabling is audited as a privilege change. */
import { managedUser, userList } from '@medbill/api';
import type { AppDeps } from '../deps.ts';
import type { App } from '../http/app-types.ts';
import { actorOf } from '../http/request-context.ts';
import { idParams } from '../registration/fields.ts';
import { changeUser } from './change-user.ts';
import { createUser } from './create-user.ts';
import { listUsers } from './list-users.ts';
import { userCreate, userPatch } from './user-schemas.ts';

export function registerUserRoutes(app: App, deps: AppDeps): void {
  app.get(
    '/api/users',
    {
      schema: { tags: ['admin'], summary: 'List users', response: { 200: userList } },
      config: { permission: 'user:read' },
    },
    (req) => listUsers(deps, actorOf(req)),
  );

  app.post(
    '/api/users',
    {
      schema: { tags: ['admin'], summary: 'Create a user', body: userCreate, response: { 201: managedUser } },
      config: { permission: 'user:manage' },
    },
    async (req, reply) => reply.status(201).send(await createUser(deps, actorOf(req), req.body)),
  );

  app.patch(
    '/api/users/:id',
    {
      schema: {
        tags: ['admin'],
        summary: 'Change a user (role, disable, password)',
        params: idParams,
        body: userPatch,
        response: { 200: managedUser },
      },
      config: { permission: 'user:manage' },
    },
    (req) => changeUser(deps, actorOf(req), { ...req.body, userId: req.params.id }),
  );
}
