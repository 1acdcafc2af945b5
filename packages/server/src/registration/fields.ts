/** Zod fields for registration, each with the message a person needs; shared by create and patch schemas. */
import type { ApiIssueCode } from '@medbill/api';
import {
  X12_DELIMITERS,
  dateProblem,
  normalizeEin,
  normalizeZip,
  npiProblem,
  phoneProblem,
  stateProblem,
  taxonomyProblem,
  todayIso,
} from '@medbill/core';
import { z } from 'zod';

/** Claim files (X12) separate elements with *, segments with ~, components with : and repeats with ^. */
export const X12_SEPARATOR_MESSAGE = `may not contain ${X12_DELIMITERS.map((d) => `"${d}"`).join(', ')}: claim files use them as separators`;
const x12Safe = (v: string) => !X12_DELIMITERS.some((d) => v.includes(d));
/** The refusal, with its issue code (the error handler reads `params.issue`). */
const X12_SAFE = { message: X12_SEPARATOR_MESSAGE, params: { issue: 'x12-delimiter' satisfies ApiIssueCode } };
const text = (max: number) =>
  z.string().trim().min(1, 'is required').max(max, `may have at most ${max} characters`).refine(x12Safe, X12_SAFE);
export const name = text(60);
export const longName = text(120);
export const optionalText = (max: number) =>
  z.string().trim().max(max, `may have at most ${max} characters`).refine(x12Safe, X12_SAFE).nullable().optional();

export const npi = z
  .string()
  .trim()
  .superRefine((v, ctx) => {
    const p = npiProblem(v);
    if (p === 'format') ctx.addIssue({ code: 'custom', message: 'An NPI has 10 digits and starts with 1 or 2' });
    if (p === 'check_digit')
      ctx.addIssue({
        code: 'custom',
        message: 'This NPI fails the check digit (Luhn with the 80840 prefix): a digit is mistyped',
      });
  });

export const ein = z.string().transform((v, ctx) => {
  const r = normalizeEin(v);
  if (!r.ok) {
    ctx.addIssue({ code: 'custom', message: r.message });
    return z.NEVER;
  }
  return r.ein;
});

export const taxonomy = z
  .string()
  .trim()
  .toUpperCase()
  .superRefine((v, ctx) => {
    const p = taxonomyProblem(v);
    if (p) ctx.addIssue({ code: 'custom', message: p });
  });

export const state = z
  .string()
  .trim()
  .toUpperCase()
  .superRefine((v, ctx) => {
    const p = stateProblem(v);
    if (p) ctx.addIssue({ code: 'custom', message: p });
  });

export const zip = z.string().transform((v, ctx) => {
  const r = normalizeZip(v);
  if (!r.ok) {
    ctx.addIssue({ code: 'custom', message: r.message });
    return z.NEVER;
  }
  return r.zip;
});

export const phone = z
  .string()
  .transform((v, ctx) => {
    const p = phoneProblem(v);
    if (p) {
      ctx.addIssue({ code: 'custom', message: p });
      return z.NEVER;
    }
    return v.replace(/\D/g, '');
  })
  .nullable()
  .optional();

export const email = z.string().trim().email('is not an e-mail address').max(254).nullable().optional();

export const isoDate = (label: string, opts: { notFuture?: boolean } = {}) =>
  z.string().superRefine((v, ctx) => {
    const p = dateProblem(v, { label, notAfter: opts.notFuture ? todayIso() : undefined });
    if (p) ctx.addIssue({ code: 'custom', message: p });
  });

export const sex = z.enum(['F', 'M', 'U'], { message: 'must be F, M or U' });
/** Ids and paging are the API contract's (every stage uses them). */
export { id, idParams, listQuery, wholeNumber } from '@medbill/api';
