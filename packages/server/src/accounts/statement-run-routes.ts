/** Statement runs, the account worklists and agencies over HTTP: parse, call the use case, answer. */
import {
  accountWorklist as accountWorklistSchema,
  accountWorklistQuery,
  collectionAgency,
  collectionAgencyInput,
  collectionAgencyList,
  csvFile,
  idParams,
  startStatementRunBody,
  statementRunDetail,
  statementRunList,
  statementRunQuery,
  statementRunView,
} from '@medbill/api';
import type { AppDeps } from '../deps.ts';
import type { App } from '../http/app-types.ts';
import { actorOf } from '../http/request-context.ts';
import { accountWorklist } from './account-worklist.ts';
import { createCollectionAgency, listCollectionAgencies } from './collection-agencies.ts';
import { startStatementRunJob } from './statement-run-job.ts';
import { getStatementRun, listStatementRuns, printVendorFile } from './statement-run-views.ts';

const csv = csvFile("the print vendor's file (layout in docs/accounts-files.md)");

export function registerStatementRunRoutes(app: App, deps: AppDeps): void {
  app.post(
    '/api/statement-runs',
    {
      schema: {
        tags: ['accounts'],
        summary: 'Start a statement run as of a date (rules applied): answers after the first batch, the rest follows',
        body: startStatementRunBody,
        response: { 202: statementRunView },
      },
      config: { permission: 'account:write' },
    },
    async (req, reply) => reply.status(202).send(await startStatementRunJob(deps, actorOf(req), req.body)),
  );
  app.get(
    '/api/statement-runs',
    {
      schema: {
        tags: ['accounts'],
        summary: 'Recent statement runs and their progress',
        response: { 200: statementRunList },
      },
      config: { permission: 'account:read' },
    },
    (req) => listStatementRuns(deps, actorOf(req)),
  );
  app.get(
    '/api/statement-runs/:id',
    {
      schema: {
        tags: ['accounts'],
        summary: 'One statement run: progress and a page of its statements',
        params: idParams,
        querystring: statementRunQuery,
        response: { 200: statementRunDetail },
      },
      config: { permission: 'account:read' },
    },
    (req) => getStatementRun(deps, actorOf(req), { runId: req.params.id, ...req.query }),
  );
  app.get(
    '/api/statement-runs/:id/print-vendor.csv',
    {
      schema: {
        tags: ['accounts'],
        summary: "The run's print-and-mail vendor file (CSV)",
        params: idParams,
        response: { 200: csv },
      },
      config: { permission: 'account:read' },
    },
    async (req, reply) => {
      const file = await printVendorFile(deps, actorOf(req), { runId: req.params.id });
      return reply
        .type('text/csv; charset=utf-8')
        .header('Content-Disposition', `attachment; filename="${file.fileName}"`)
        .send(file.csv);
    },
  );
  app.get(
    '/api/accounts/worklist',
    {
      schema: {
        tags: ['accounts'],
        summary: 'Account worklists: balances due, payment plans late or broken, accounts with an agency',
        querystring: accountWorklistQuery,
        response: { 200: accountWorklistSchema },
      },
      config: { permission: 'account:read' },
    },
    (req) => accountWorklist(deps, actorOf(req), req.query),
  );
  app.get(
    '/api/collection-agencies',
    {
      schema: {
        tags: ['accounts'],
        summary: 'Collection agencies and what is placed with each',
        response: { 200: collectionAgencyList },
      },
      config: { permission: 'account:read' },
    },
    (req) => listCollectionAgencies(deps, actorOf(req)),
  );
  app.post(
    '/api/collection-agencies',
    {
      schema: {
        tags: ['accounts'],
        summary: 'Add a collection agency the office places accounts with (name, file code, fee)',
        body: collectionAgencyInput,
        response: { 201: collectionAgency },
      },
      config: { permission: 'account:approve' },
    },
    async (req, reply) => reply.code(201).send(await createCollectionAgency(deps, actorOf(req), req.body)),
  );
}
