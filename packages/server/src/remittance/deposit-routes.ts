/** Deposits over HTTP: each route parses, calls the deposit use case, and answers through its contract. */
import { depositBody, depositItem, depositList, depositReconciliation, listDepositsQuery } from '@medbill/api';
import type { AppDeps } from '../deps.ts';
import type { App } from '../http/app-types.ts';
import { actorOf } from '../http/request-context.ts';
import { listDeposits, recordDeposit } from './deposits.ts';
import { depositReconciliation as reconciliationView, reconcileDeposits } from './reconcile-deposits.ts';

const tags = ['deposits'];

export function registerDepositRoutes(app: App, deps: AppDeps): void {
  app.get(
    '/api/deposits',
    {
      schema: {
        tags,
        summary: 'Bank deposits with the 835s each one paid',
        querystring: listDepositsQuery,
        response: { 200: depositList },
      },
      config: { permission: 'remittance:read' },
    },
    (req) => listDeposits(deps, actorOf(req), req.query),
  );
  app.post(
    '/api/deposits',
    {
      schema: {
        tags,
        summary: 'Record a bank deposit (EFT or check); it is reconciled at once',
        body: depositBody,
        response: { 200: depositItem },
      },
      config: { permission: 'remittance:post' },
    },
    (req) => recordDeposit(deps, actorOf(req), req.body),
  );
  app.get(
    '/api/deposits/reconciliation',
    {
      schema: {
        tags,
        summary: 'What is unmatched on each side: deposits without an 835, 835s without a deposit, differences',
        response: { 200: depositReconciliation },
      },
      config: { permission: 'remittance:read' },
    },
    (req) => reconciliationView(deps, actorOf(req)),
  );
  app.post(
    '/api/deposits/reconcile',
    {
      schema: {
        tags,
        summary: 'Match deposits to 835s by trace number (TRN02) and compare the amounts',
        response: { 200: depositReconciliation },
      },
      config: { permission: 'remittance:post' },
    },
    (req) => reconcileDeposits(deps, actorOf(req)),
  );
}
