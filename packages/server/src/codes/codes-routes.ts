import type { CodeSet } from '@medbill/codes';
import { codeCheckAnswer, codeLookup, codeReleases, codeSearchAnswer, releaseDiffAnswer } from '@medbill/api';
import { z } from 'zod';
import type { AppDeps } from '../deps.ts';
import type { App } from '../http/app-types.ts';
import { isoDate } from '../registration/fields.ts';
import {
  CODE_SETS,
  SEARCH_KINDS,
  checkCodes,
  diffCodeReleases,
  listCodeReleases,
  lookupCode,
  searchCodes,
} from './code-set-queries.ts';

const checkBody = z.strictObject({
  diagnoses: z.array(z.string().trim().max(10)).max(12),
  procedures: z
    .array(
      z.strictObject({
        code: z.string().trim().max(7),
        modifiers: z.array(z.string().trim().max(2)).max(4).optional(),
        units: z.number().int().min(0).max(9999).optional(),
        date: isoDate('Line date').optional(),
      }),
    )
    .max(50),
  patient: z.strictObject({ birthDate: isoDate('Date of birth'), sex: z.enum(['F', 'M', 'U']) }),
  dateOfService: isoDate('Date of service'),
});

export function registerCodesRoutes(app: App, deps: AppDeps): void {
  const codes = () => deps.codes;

  app.get(
    '/api/codes/search',
    {
      schema: {
        tags: ['codes'],
        summary: 'Search codes as a coder types: codes, words, abbreviations, index terms',
        querystring: z.strictObject({
          q: z.string().max(200),
          kind: z.enum(SEARCH_KINDS).optional(),
          on: isoDate('Date').optional(),
          limit: z.coerce.number().int().min(1).max(50).default(10),
        }),
        response: { 200: codeSearchAnswer },
      },
      config: { permission: 'codes:read' },
    },
    async (req) => searchCodes(codes(), req.query),
  );

  app.post(
    '/api/codes/check',
    {
      schema: {
        tags: ['codes'],
        summary: 'Coding edits for a set of codes on a date of service',
        body: checkBody,
        response: { 200: codeCheckAnswer },
      },
      config: { permission: 'codes:read' },
    },
    async (req) => checkCodes(codes(), req.body),
  );

  app.get(
    '/api/codes/releases',
    {
      schema: {
        tags: ['codes'],
        summary: 'Loaded code-set releases and their effective dates',
        response: { 200: codeReleases },
      },
      config: { permission: 'codes:read' },
    },
    async () => listCodeReleases(codes()),
  );

  app.get(
    '/api/codes/lookup',
    {
      schema: {
        tags: ['codes'],
        summary: 'One code: its title and whether it is valid on a date',
        querystring: z.strictObject({
          codeSet: z.enum(CODE_SETS),
          code: z.string().trim().max(10),
          on: isoDate('Date'),
        }),
        response: { 200: codeLookup },
      },
      config: { permission: 'codes:read' },
    },
    async (req) => lookupCode(codes(), { ...req.query, codeSet: req.query.codeSet as CodeSet }),
  );

  app.get(
    '/api/codes/diff',
    {
      schema: {
        tags: ['codes'],
        summary: 'Codes added, deleted or retitled between two releases (the annual update)',
        querystring: z.strictObject({ codeSet: z.enum(CODE_SETS), from: z.string().max(40), to: z.string().max(40) }),
        response: { 200: releaseDiffAnswer },
      },
      config: { permission: 'codes:read' },
    },
    async (req) => diffCodeReleases(codes(), { ...req.query, codeSet: req.query.codeSet as CodeSet }),
  );
}
