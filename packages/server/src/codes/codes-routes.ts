import { releaseDiff, type CodeSet, type ReleaseMeta } from '@medbill/codes';
import { codeCheckAnswer, codeLookup, codeReleases, codeSearchAnswer, releaseDiffAnswer } from '@medbill/api';
import { z } from 'zod';
import type { AppDeps } from '../deps.ts';
import type { App } from '../http/app-types.ts';
import { AppError, notFound } from '../app-error.ts';
import { isoDate } from '../registration/fields.ts';

const CODE_SETS = [
  'icd10cm',
  'icd10pcs',
  'hcpcs',
  'cpt',
  'ncci_ptp',
  'ncci_ptp_hospital',
  'mue',
  'pfs',
  'carc',
  'rarc',
  'pos',
  'taxonomy',
] as const;
const KINDS = ['diagnosis', 'procedure', 'modifier', ...CODE_SETS] as const;

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

/** The code sets a search of this kind looks in, for its coverage notices. */
function setsSearched(kind: (typeof KINDS)[number] | undefined): CodeSet[] {
  if (kind === undefined) return ['icd10cm', 'hcpcs', 'cpt'];
  if (kind === 'diagnosis') return ['icd10cm'];
  if (kind === 'procedure') return ['hcpcs', 'cpt', 'icd10pcs'];
  if (kind === 'modifier') return ['hcpcs'];
  return [kind];
}

const releaseView = (r: ReleaseMeta) => ({
  codeSet: r.codeSet,
  releaseId: r.releaseId,
  effectiveFrom: r.effectiveFrom,
  effectiveTo: r.effectiveTo ?? null,
  source: r.source ?? null,
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
          kind: z.enum(KINDS).optional(),
          on: isoDate('Date').optional(),
          limit: z.coerce.number().int().min(1).max(50).default(10),
        }),
        response: { 200: codeSearchAnswer },
      },
      config: { permission: 'codes:read' },
    },
    async (req) => ({
      items: codes().search.search(req.query.q, { kind: req.query.kind, on: req.query.on, limit: req.query.limit }),
      // "No ICD-10-CM release loaded for dates from 2026-10-01; import FY2027": said once, above the hits
      notices: req.query.on ? codes().coverageNotices(setsSearched(req.query.kind), req.query.on) : [],
    }),
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
    async (req) => ({ edits: codes().check(req.body) }),
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
    async () => ({
      demo: codes().demo,
      notices: codes().notices,
      items: codes().catalog.releases().map(releaseView),
    }),
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
    async (req) => {
      const { codeSet, code, on } = req.query;
      const validity = codes().catalog.validity(codeSet as CodeSet, code, on);
      const release = codes().catalog.releaseOn(codeSet as CodeSet, on);
      const entry =
        codes().catalog.lookup(codeSet as CodeSet, code, release?.releaseId) ??
        codes().catalog.lookup(codeSet as CodeSet, code);
      if (!entry && validity.status === 'unknown-code') throw notFound(`Code ${code}`);
      const gap = codes().catalog.coverageGap(codeSet as CodeSet, on);
      // the release in force is named, not sent whole (its entries are the whole code set)
      const inForce = 'release' in validity ? releaseView(validity.release) : undefined;
      return {
        code,
        codeSet,
        on,
        validity: { status: validity.status, ...(inForce ? { release: inForce } : {}) },
        entry: entry ?? null,
        notice: gap?.message ?? null,
      };
    },
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
    async (req) => {
      const a = codes().catalog.getRelease(req.query.codeSet as CodeSet, req.query.from);
      const b = codes().catalog.getRelease(req.query.codeSet as CodeSet, req.query.to);
      if (!a || !b)
        throw new AppError(
          'not_found',
          `Release ${!a ? req.query.from : req.query.to} of ${req.query.codeSet} is not loaded`,
        );
      return releaseDiff(a, b);
    },
  );
}
