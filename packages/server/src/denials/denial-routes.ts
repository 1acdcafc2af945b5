/** Denials over HTTP: each route parses, calls the denial use case, and answers through its contract. */
import {
  appealLetterBody,
  appealTemplate,
  appealTemplateBody,
  appealTemplatePreview,
  assignDenialBody,
  denialActionResult,
  denialDetail,
  denialList,
  denialNoteBody,
  denialReasonBody,
  idParams,
  listDenialsQuery,
  contractRateBody,
  contractRateSaved,
  payerContractBody,
  payerContractDetail,
  payerContractList,
  payerContractParams,
  payerContractSaved,
  pdfFile,
  replaceDeniedClaimBody,
} from '@medbill/api';
import type { AppDeps } from '../deps.ts';
import type { App } from '../http/app-types.ts';
import { actorOf } from '../http/request-context.ts';
import {
  getPayerContract,
  listPayerContracts,
  savePayerContract,
  setContractRate,
} from '../remittance/payer-contracts.ts';
import { appealDenial, getAppealTemplate, previewAppealTemplate, saveAppealTemplate } from './appeal-denial.ts';
import { getDenial, listDenials } from './list-denials.ts';
import {
  addDenialNote,
  assignDenial,
  replaceDeniedClaim,
  transferDenialToPatient,
  writeOffDenial,
} from './work-denial.ts';

const tags = ['denials'];
const pdf = pdfFile('the appeal letter');

export function registerDenialRoutes(app: App, deps: AppDeps): void {
  app.get(
    '/api/denials',
    {
      schema: {
        tags,
        summary: 'The denial worklist, highest priority first',
        querystring: listDenialsQuery,
        response: { 200: denialList },
      },
      config: { permission: 'remittance:read' },
    },
    (req) => listDenials(deps, actorOf(req), req.query),
  );
  app.get(
    '/api/denials/:id',
    {
      schema: { tags, summary: 'One denial with its notes', params: idParams, response: { 200: denialDetail } },
      config: { permission: 'remittance:read' },
    },
    (req) => getDenial(deps, actorOf(req), { denialId: req.params.id }),
  );
  app.patch(
    '/api/denials/:id',
    {
      schema: {
        tags,
        summary: 'Assign a denial, set its follow-up date',
        params: idParams,
        body: assignDenialBody,
        response: { 200: denialActionResult },
      },
      config: { permission: 'denial:work' },
    },
    (req) => assignDenial(deps, actorOf(req), { denialId: req.params.id, ...req.body }),
  );
  app.post(
    '/api/denials/:id/notes',
    {
      schema: {
        tags,
        summary: 'Add a note',
        params: idParams,
        body: denialNoteBody,
        response: { 200: denialActionResult },
      },
      config: { permission: 'denial:work' },
    },
    (req) => addDenialNote(deps, actorOf(req), { denialId: req.params.id, note: req.body.note }),
  );
  app.post(
    '/api/denials/:id/write-off',
    {
      schema: {
        tags,
        summary: 'Write off what the payer still owes for this denial',
        params: idParams,
        body: denialReasonBody,
        response: { 200: denialActionResult },
      },
      config: { permission: 'denial:write_off' },
    },
    (req) => writeOffDenial(deps, actorOf(req), { denialId: req.params.id, reason: req.body.reason }),
  );
  app.post(
    '/api/denials/:id/transfer-to-patient',
    {
      schema: {
        tags,
        summary: "Move the denied amount to the patient's responsibility",
        params: idParams,
        body: denialReasonBody,
        response: { 200: denialActionResult },
      },
      config: { permission: 'denial:work' },
    },
    (req) => transferDenialToPatient(deps, actorOf(req), { denialId: req.params.id, reason: req.body.reason }),
  );
  app.post(
    '/api/denials/:id/replacement-claim',
    {
      schema: {
        tags,
        summary: 'Make a corrected (7) or void (8) claim for the denied claim',
        params: idParams,
        body: replaceDeniedClaimBody,
        response: { 200: denialActionResult },
      },
      config: { permission: 'denial:work' },
    },
    (req) => replaceDeniedClaim(deps, actorOf(req), { denialId: req.params.id, ...req.body }),
  );
  app.post(
    '/api/denials/:id/appeal',
    {
      schema: {
        tags,
        summary: 'Print the appeal letter (PDF) and mark the denial appealed',
        params: idParams,
        body: appealLetterBody,
        response: { 200: pdf },
      },
      config: { permission: 'denial:work' },
    },
    async (req, reply) => {
      const r = await appealDenial(deps, actorOf(req), { denialId: req.params.id, ...req.body });
      return reply
        .type('application/pdf')
        .header('Content-Disposition', `inline; filename="${r.fileName}"`)
        .send(Buffer.from(r.pdf) as unknown as string); // bytes: the schema describes them for the OpenAPI document
    },
  );
  app.get(
    '/api/appeal-template',
    {
      schema: { tags, summary: 'The appeal letter template', response: { 200: appealTemplate } },
      config: { permission: 'denial:work' },
    },
    (req) => getAppealTemplate(deps, actorOf(req)),
  );
  app.put(
    '/api/appeal-template',
    {
      schema: {
        tags,
        summary: 'Change the appeal letter template',
        body: appealTemplateBody,
        response: { 200: appealTemplate },
      },
      config: { permission: 'denial:work' },
    },
    (req) => saveAppealTemplate(deps, actorOf(req), req.body),
  );
  app.get(
    '/api/payers/:id/contracts',
    {
      schema: {
        tags,
        summary: "A payer's contracts (allowed amounts per code, effective-dated)",
        params: idParams,
        response: { 200: payerContractList },
      },
      config: { permission: 'payer:read' },
    },
    async (req) => ({ items: await listPayerContracts(deps, actorOf(req), { payerId: req.params.id }) }),
  );
  app.post(
    '/api/payers/:id/contracts',
    {
      schema: {
        tags,
        summary: 'Add a contract: what the payer allows per code from a date',
        params: idParams,
        body: payerContractBody,
        response: { 200: payerContractSaved },
      },
      config: { permission: 'payer:write' },
    },
    (req) => savePayerContract(deps, actorOf(req), { payerId: req.params.id, ...req.body }),
  );
  app.get(
    '/api/payers/:id/contracts/:contractId',
    {
      schema: {
        tags,
        summary: 'One contract: what the payer allows per code and modifier',
        params: payerContractParams,
        response: { 200: payerContractDetail },
      },
      config: { permission: 'payer:read' },
    },
    (req) => getPayerContract(deps, actorOf(req), { payerId: req.params.id, contractId: req.params.contractId }),
  );
  app.put(
    '/api/payers/:id/contracts/:contractId/rates',
    {
      schema: {
        tags,
        summary: 'Set what a contract allows for one code (and modifier): a new rate or a changed one',
        params: payerContractParams,
        body: contractRateBody,
        response: { 200: contractRateSaved },
      },
      config: { permission: 'payer:write' },
    },
    (req) =>
      setContractRate(deps, actorOf(req), { payerId: req.params.id, contractId: req.params.contractId, ...req.body }),
  );
  app.post(
    '/api/appeal-template/preview',
    {
      schema: {
        tags,
        summary: 'The letter a template prints, filled with an example claim and denial (nothing saved)',
        body: appealTemplateBody,
        response: { 200: appealTemplatePreview },
      },
      config: { permission: 'denial:work' },
    },
    async (req) => previewAppealTemplate(req.body),
  );
}
