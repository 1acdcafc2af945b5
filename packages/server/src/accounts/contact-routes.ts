/** Contact log routes: parse, call the use case, answer. */
import { contactEntry, contactLog } from '@medbill/api';
import { accounts } from '@medbill/core';
import { z } from 'zod';
import type { AppDeps } from '../deps.ts';
import type { App } from '../http/app-types.ts';
import { idParams, isoDate } from '../registration/fields.ts';
import { listContacts } from './list-contacts.ts';
import { logContact } from './log-contact.ts';
import { routeContext } from './route-context.ts';

export const logContactBody = z.strictObject({
  channel: z.enum(accounts.CONTACT_CHANNELS),
  direction: z.enum(['inbound', 'outbound']),
  outcome: z.enum(accounts.CONTACT_OUTCOMES),
  note: z.string().trim().max(4000, 'may have at most 4000 characters').optional(),
  occurredAt: z.iso.datetime({ offset: true, message: 'is not a date and time' }).optional(),
  promiseDate: isoDate('Promise date').nullable().optional(),
  promiseCents: z
    .number()
    .int('is whole cents')
    .positive('must be more than zero')
    .max(100_000_000)
    .nullable()
    .optional(),
  followUpDate: isoDate('Follow-up date').nullable().optional(),
});

export function registerContactRoutes(app: App, deps: AppDeps): void {
  app.post(
    '/api/patients/:id/contacts',
    {
      schema: {
        tags: ['accounts'],
        summary: "Log a call, letter, e-mail, text, portal message or agency contact on the patient's account",
        params: idParams,
        body: logContactBody,
        response: { 201: contactEntry },
      },
      config: { permission: 'account:write' },
    },
    async (req, reply) =>
      reply.status(201).send(await logContact(routeContext(req, deps), { ...req.body, patientId: req.params.id })),
  );
  app.get(
    '/api/patients/:id/contacts',
    {
      schema: {
        tags: ['accounts'],
        summary: "The patient's contact log, newest first, with a summary",
        params: idParams,
        response: { 200: contactLog },
      },
      config: { permission: 'account:read' },
    },
    async (req) => listContacts(routeContext(req, deps), req.params.id),
  );
}
