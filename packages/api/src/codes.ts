/** Code sets over HTTP: search, coding edits, loaded releases, one code's validity on a date, a release diff. */
import { z } from 'zod';
import { date } from './common.ts';
import { codingEdit } from './issues.ts';

export const codeEntry = z.object({
  code: z.string(),
  billable: z.boolean(),
  shortTitle: z.string(),
  longTitle: z.string(),
  effectiveFrom: date.optional(),
  effectiveTo: date.optional(),
  attrs: z.record(z.string(), z.string()).optional(),
});
export type CodeEntryView = z.infer<typeof codeEntry>;

export const codeSearchAnswer = z.object({
  items: z.array(
    z.object({
      code: z.string(),
      codeSet: z.string(),
      title: z.string(),
      billable: z.boolean(),
      score: z.number(),
      matchedBy: z.enum(['code', 'title', 'index', 'see', 'table']),
      indexPath: z.string().optional(),
    }),
  ),
  notices: z.array(z.string()),
});
export type CodeSearchAnswer = z.infer<typeof codeSearchAnswer>;

export const codeCheckAnswer = z.object({ edits: z.array(codingEdit) });

export const releaseMeta = z.object({
  codeSet: z.string(),
  releaseId: z.string(),
  effectiveFrom: date,
  effectiveTo: date.nullable(),
  source: z.string().nullable(),
});
export const codeReleases = z.object({
  demo: z.boolean(),
  notices: z.array(z.string()),
  items: z.array(releaseMeta),
});
export type CodeReleases = z.infer<typeof codeReleases>;

export const codeLookup = z.object({
  code: z.string(),
  codeSet: z.string(),
  on: date,
  validity: z.object({
    status: z.enum(['valid', 'header', 'not-in-force', 'unknown-code', 'no-release']),
    /** the release in force on the date, when one is loaded */
    release: releaseMeta.optional(),
  }),
  entry: codeEntry.nullable(),
  notice: z.string().nullable(),
});
export type CodeLookup = z.infer<typeof codeLookup>;

const titleChange = z.object({ code: z.string(), from: codeEntry, to: codeEntry });
export const releaseDiffAnswer = z.object({
  from: z.string(),
  to: z.string(),
  added: z.array(codeEntry),
  deleted: z.array(codeEntry),
  titleChanged: z.array(titleChange),
  billableChanged: z.array(titleChange),
});
