/** Patient-account routes: parse, call the use case, answer. */
import {
  patientAccount,
  paymentPlanCreated,
  paymentRecorded,
  refundRequestView,
  smallBalanceWrittenOff,
} from '@medbill/api';
import { z } from 'zod';
import type { App, AppDeps } from '../http/app.ts';
import { idParams, isoDate } from '../registration/fields.ts';
import { getPatientAccount } from './get-account.ts';
import { createPaymentPlan } from './payment-plans.ts';
import { PAYMENT_METHODS, recordPatientPayment } from './record-payment.ts';
import { decideRefund, requestRefund } from './refunds.ts';
import { routeContext } from './route-context.ts';
import { describerFor } from './describe-codes.ts';
import { writeOffSmallBalance } from './write-off.ts';

const cents = z.number().int('is whole cents').positive('must be more than zero').max(100_000_000);
const idList = z.array(z.number().int().positive()).max(200);

export function registerAccountRoutes(app: App, deps: AppDeps): void {
  app.get(
    '/api/patients/:id/account',
    {
      schema: {
        tags: ['accounts'],
        summary: "The patient's account: every charge in plain words, payments, balance, aging, plan, statements",
        params: idParams,
        response: { 200: patientAccount },
      },
      config: { permission: 'account:read' },
    },
    async (req) => getPatientAccount(routeContext(req, deps), req.params.id, describerFor(deps)),
  );
  app.post(
    '/api/patients/:id/payments',
    {
      schema: {
        tags: ['accounts'],
        summary:
          'Record a patient payment (cash, check, card reference): chosen lines or oldest first, the rest as credit',
        params: idParams,
        body: z.strictObject({
          amountCents: cents,
          method: z.enum(PAYMENT_METHODS),
          reference: z.string().trim().max(60).optional(),
          lineIds: idList.optional(),
          date: isoDate('Payment date').optional(),
        }),
        response: { 201: paymentRecorded },
      },
      config: { permission: 'account:write' },
    },
    async (req, reply) =>
      reply
        .status(201)
        .send(await recordPatientPayment(routeContext(req, deps), { ...req.body, patientId: req.params.id })),
  );
  app.post(
    '/api/patients/:id/refund-requests',
    {
      schema: {
        tags: ['accounts'],
        summary: "Ask to refund the patient's credit (someone else approves)",
        params: idParams,
        body: z.strictObject({ amountCents: cents, reason: z.string().trim().min(1).max(300) }),
        response: { 201: refundRequestView },
      },
      config: { permission: 'account:write' },
    },
    async (req, reply) =>
      reply.status(201).send(await requestRefund(routeContext(req, deps), { ...req.body, patientId: req.params.id })),
  );
  app.post(
    '/api/refund-requests/:id/decision',
    {
      schema: {
        tags: ['accounts'],
        summary: 'Approve (money goes out) or reject a refund request',
        params: idParams,
        body: z.strictObject({ approve: z.boolean() }),
        response: { 200: refundRequestView },
      },
      config: { permission: 'account:approve' },
    },
    async (req) => decideRefund(routeContext(req, deps), { refundId: req.params.id, approve: req.body.approve }),
  );
  app.post(
    '/api/patients/:id/small-balance-write-off',
    {
      schema: {
        tags: ['accounts'],
        summary: "Write off the account's small balance under the tenant's rule",
        params: idParams,
        body: z.strictObject({}),
        response: { 201: smallBalanceWrittenOff },
      },
      config: { permission: 'account:write_off' },
    },
    async (req, reply) => reply.status(201).send(await writeOffSmallBalance(routeContext(req, deps), req.params.id)),
  );
  app.post(
    '/api/patients/:id/payment-plans',
    {
      schema: {
        tags: ['accounts'],
        summary: 'Put the account on a payment plan (schedule returned)',
        params: idParams,
        body: z.strictObject({
          totalCents: cents.optional(),
          downPaymentCents: z.number().int().min(0).optional(),
          installments: z.number().int().min(1).max(120),
          firstDueDate: isoDate('First due date'),
          frequency: z.enum(['monthly', 'biweekly']).optional(),
          graceDays: z.number().int().min(0).max(60).optional(),
          maxMisses: z.number().int().min(1).max(12).optional(),
        }),
        response: { 201: paymentPlanCreated },
      },
      config: { permission: 'account:write' },
    },
    async (req, reply) =>
      reply
        .status(201)
        .send(await createPaymentPlan(routeContext(req, deps), { ...req.body, patientId: req.params.id })),
  );
}
