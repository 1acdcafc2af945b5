/** The code-suggestion contract (issue 13): a note in, ICD-10-CM suggestions with their evidence out; a coder's decisions. */
import { dateProblem } from '@medbill/core';
import { z } from 'zod';
import { id, timestamp, wholeNumber } from './common.ts';

const isoDate = (label: string) =>
  z.string().superRefine((v, ctx) => {
    const p = dateProblem(v, { label });
    if (p) ctx.addIssue({ code: 'custom', message: p });
  });

const icd = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^[A-Z][0-9][0-9A-Z](\.?[0-9A-Z]{1,4})?$/, 'is not an ICD-10-CM code');

export const suggestCodesBody = z.strictObject({
  encounterId: id.optional(),
  note: z.string().max(100_000, 'is longer than 100,000 characters').optional(),
  on: isoDate('Date of service').optional(),
  age: z.number().int().min(0).max(124).optional(),
  sex: z.enum(['F', 'M']).optional(),
  limit: z.number().int().min(1).max(100).optional(),
});

const span = z.object({ start: z.number().int(), end: z.number().int(), text: z.string() });
const traits = z.object({
  negated: z.boolean(),
  uncertain: z.boolean(),
  hypothetical: z.boolean(),
  family: z.boolean(),
  history: z.boolean(),
  laterality: z.enum(['right', 'left', 'bilateral']).optional(),
});

export const codeSuggestionSchema = z.object({
  code: z.string(),
  codeSet: z.literal('icd10cm'),
  title: z.string(),
  confidence: z.number(),
  spans: z.array(span),
  reason: z.object({ indexPath: z.string(), matched: z.array(z.string()), checks: z.array(z.string()) }),
  traits,
  needs: z.array(z.string()),
  pairs: z.array(
    z.object({ code: z.string(), rule: z.enum(['use-additional', 'code-first', 'manifestation']), note: z.string() }),
  ),
  excludes: z.array(z.object({ code: z.string(), note: z.string() })),
  warnings: z.array(z.string()),
  section: z.string(),
});

export const procedureSuggestionSchema = z.object({
  code: z.string(),
  codeSet: z.enum(['hcpcs', 'cpt']),
  title: z.string(),
  confidence: z.number(),
  spans: z.array(span),
  reason: z.object({
    source: z.enum(['description', 'code number']),
    matched: z.array(z.string()),
    checks: z.array(z.string()),
  }),
  traits,
  units: z.number().optional(),
  section: z.string(),
});

/** Whether the suggestions are adapted to this office's own coded notes, and since when. */
export const officeModelStatus = z.object({
  /** a model has been learnt (and the suggester uses it) */
  learned: z.boolean(),
  /** coded notes it was learnt from (0 before the first) */
  notes: z.number().int(),
  /** patients whose notes it read */
  patients: z.number().int(),
  /** distinct codes it knows */
  codes: z.number().int(),
  /** phrases of the office's own that it reads as codes */
  phrases: z.number().int(),
  builtAt: timestamp.nullable(),
  builtBy: z.string().nullable(),
  /** how long the learning took (ms) */
  learnMs: z.number().int().nullable(),
  /** coded notes the office has now (coded or billed encounters with a note and diagnoses): what a rebuild would read */
  available: z.number().int(),
});

/** POST /api/coding/office-model: nothing to say (the office's coded notes are what it reads). */
export const rebuildOfficeModelBody = z.strictObject({});

export const suggestCodesResult = z.object({
  suggestions: z.array(codeSuggestionSchema),
  procedures: z.array(procedureSuggestionSchema),
  notCoded: z.array(
    z.object({
      text: z.string(),
      spans: z.array(span),
      code: z.string().optional(),
      why: z.string(),
      traits,
    }),
  ),
  release: z.string(),
  notices: z.array(z.string()),
  on: z.string(),
  encounterId: z.number().nullable(),
  note: z.string(),
  decisions: z.array(
    z.object({
      code: z.string(),
      decision: z.enum(['accepted', 'rejected']),
      decidedAt: timestamp,
      username: z.string(),
    }),
  ),
  demo: z.boolean(),
  /** the office's model these suggestions used: null when none has been learnt */
  office: z.object({ notes: z.number().int(), builtAt: timestamp }).nullable(),
});

export const decideSuggestionBody = z.strictObject({
  code: icd,
  decision: z.enum(['accepted', 'rejected']),
  confidence: z.number().min(0).max(1).optional(),
  rank: z.number().int().min(1).max(1000).optional(),
  indexPath: z.string().max(500).optional(),
  evidence: z.string().max(2000).optional(),
  release: z.string().max(40).optional(),
  reason: z.string().trim().max(500).optional(),
});

export const decideSuggestionResult = z.object({
  encounterId: z.number(),
  code: z.string(),
  decision: z.enum(['accepted', 'rejected']),
  diagnoses: z.array(z.string()),
});

export const suggestionDecisionsQuery = z.strictObject({
  from: isoDate('From').optional(),
  to: isoDate('To').optional(),
  decision: z.enum(['accepted', 'rejected']).optional(),
  limit: wholeNumber(1, 500).optional(),
});

export const suggestionDecisionList = z.object({
  items: z.array(
    z.object({
      id: z.number(),
      encounterId: z.number(),
      code: z.string(),
      decision: z.enum(['accepted', 'rejected']),
      confidence: z.number().nullable(),
      rank: z.number().nullable(),
      indexPath: z.string(),
      evidence: z.string(),
      release: z.string(),
      reason: z.string().nullable(),
      username: z.string(),
      decidedAt: timestamp,
    }),
  ),
  totals: z.object({ accepted: z.number(), rejected: z.number(), acceptanceRate: z.number().nullable() }),
  byCode: z.array(
    z.object({ code: z.string(), accepted: z.number(), rejected: z.number(), acceptanceRate: z.number() }),
  ),
});

export type SuggestCodesBody = z.infer<typeof suggestCodesBody>;
export type CodeSuggestionView = z.infer<typeof codeSuggestionSchema>;
export type ProcedureSuggestionView = z.infer<typeof procedureSuggestionSchema>;
export type SuggestCodesResponse = z.infer<typeof suggestCodesResult>;
export type OfficeModelStatus = z.infer<typeof officeModelStatus>;
export type DecideSuggestionBody = z.infer<typeof decideSuggestionBody>;
export type DecideSuggestionResponse = z.infer<typeof decideSuggestionResult>;
export type SuggestionDecisionsQuery = z.infer<typeof suggestionDecisionsQuery>;
export type SuggestionDecisionListResponse = z.infer<typeof suggestionDecisionList>;
