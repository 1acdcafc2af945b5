/** Batches, clearinghouses and X12 files over HTTP: parse, call the use case, answer through the contract. */
import {
  batchDetail,
  batchList,
  buildBatchesBody,
  builtBatches,
  clearinghouseSecretBody,
  clearinghouseList,
  createClearinghouseBody,
  createdClearinghouse,
  ediFile,
  idParams,
  pollBody,
  pollResult,
  storedClearinghouseSecret,
  submitBatchesBody,
  submitResult,
} from '@medbill/api';
import { createClearinghouse } from '../clearinghouse/create-clearinghouse.ts';
import { listClearinghouses } from '../clearinghouse/list-clearinghouses.ts';
import { storeClearinghouseSecret } from '../clearinghouse/set-clearinghouse-secret.ts';
import type { AppDeps } from '../deps.ts';
import type { App } from '../http/app-types.ts';
import { actorOf } from '../http/request-context.ts';
import { buildClaimBatches } from './build-claim-batches.ts';
import { getBatch } from './get-batch.ts';
import { getEdiFile } from './get-edi-file.ts';
import { listBatches } from './list-batches.ts';
import { pollClearinghouse } from './poll-clearinghouse.ts';
import { submitBatches } from './submit-batches.ts';

export function registerBatchRoutes(app: App, deps: AppDeps): void {
  app.get(
    '/api/clearinghouses',
    {
      schema: {
        tags: ['claims'],
        summary: 'Clearinghouses this office sends to',
        response: { 200: clearinghouseList },
      },
      config: { permission: 'claim:read' },
    },
    (req) => listClearinghouses(deps, actorOf(req)),
  );

  app.post(
    '/api/clearinghouses',
    {
      schema: {
        tags: ['claims'],
        summary: 'Set up a clearinghouse (SFTP or a local folder)',
        body: createClearinghouseBody,
        response: { 201: createdClearinghouse },
      },
      config: { permission: 'practice:write' },
    },
    async (req, reply) => reply.status(201).send(await createClearinghouse(deps, actorOf(req), req.body)),
  );

  app.put(
    '/api/clearinghouses/:id/secret',
    {
      schema: {
        tags: ['claims'],
        summary: "Set or replace an SFTP clearinghouse's password or private key (write-only: never sent back)",
        params: idParams,
        body: clearinghouseSecretBody,
        response: { 200: storedClearinghouseSecret },
      },
      config: { permission: 'practice:write' },
    },
    (req) => storeClearinghouseSecret(deps, actorOf(req), { clearinghouseId: req.params.id, secret: req.body }),
  );

  app.get(
    '/api/batches',
    {
      schema: {
        tags: ['claims'],
        summary: 'Batches with their acknowledgment state',
        response: { 200: batchList },
      },
      config: { permission: 'claim:read' },
    },
    (req) => listBatches(deps, actorOf(req)),
  );

  app.get(
    '/api/batches/:id',
    {
      schema: {
        tags: ['claims'],
        summary: 'One batch: its claims and files',
        params: idParams,
        response: { 200: batchDetail },
      },
      config: { permission: 'claim:read' },
    },
    (req) => getBatch(deps, actorOf(req), { batchId: req.params.id }),
  );

  app.post(
    '/api/batches',
    {
      schema: {
        tags: ['claims'],
        summary: 'Put ready claims into batches (one 837 per payer and kind)',
        body: buildBatchesBody,
        response: { 201: builtBatches },
      },
      config: { permission: 'claim:submit' },
    },
    async (req, reply) => reply.status(201).send(await buildClaimBatches(deps, actorOf(req), req.body)),
  );

  app.post(
    '/api/clearinghouses/:id/submit',
    {
      schema: {
        tags: ['claims'],
        summary: 'Send built batches to this clearinghouse',
        params: idParams,
        body: submitBatchesBody,
        response: { 200: submitResult },
      },
      config: { permission: 'claim:submit' },
    },
    (req) => submitBatches(deps, actorOf(req), { clearinghouseId: req.params.id, batchIds: req.body.batchIds }),
  );

  app.post(
    '/api/clearinghouses/:id/poll',
    {
      schema: {
        tags: ['claims'],
        summary: 'Fetch and process 999, 277CA and 835 files from this clearinghouse',
        params: idParams,
        body: pollBody,
        response: { 200: pollResult },
      },
      config: { permission: 'claim:submit' },
    },
    (req) => pollClearinghouse(deps, actorOf(req), { clearinghouseId: req.params.id }),
  );

  app.get(
    '/api/edi-files/:id',
    {
      schema: {
        tags: ['claims'],
        summary: 'An X12 file as sent or received',
        params: idParams,
        response: { 200: ediFile },
      },
      config: { permission: 'edi:read' },
    },
    (req) => getEdiFile(deps, actorOf(req), { fileId: req.params.id }),
  );
}
