/** Fields and shapes every stage's contract uses: ids, paging, timestamps, the error body. */
import { z } from 'zod';
import { apiIssue } from './issues.ts';

/**
 * A whole number written in decimal digits. Paths and query strings carry text, and z.coerce would read
 * `0x27` as 39, `1e1` as 10 and ` 7` as 7, so a probe could reach a record by a name that is not its id.
 */
const DIGITS = /^(0|[1-9][0-9]{0,15})$/;
export const wholeNumber = (min: number, max: number, what = 'a whole number in decimal digits') =>
  z.preprocess(
    (v) => (typeof v === 'string' && DIGITS.test(v) ? Number(v) : v),
    z
      .number({ error: `is not ${what}` })
      .int(`is not ${what}`)
      .min(min, `must be at least ${min}`)
      .max(max, `may be at most ${max}`),
  );
/** A record id in a path, query or body: a positive whole number in decimal digits. */
export const id = wholeNumber(1, Number.MAX_SAFE_INTEGER, 'an id (a positive decimal number)');
export const idParams = z.strictObject({ id });
export const listQuery = {
  limit: wholeNumber(1, 500).default(50),
  offset: wholeNumber(0, 1_000_000).default(0),
};

/** A moment, as the API writes it (ISO 8601, UTC). */
export const timestamp = z.string();
/** A calendar date, YYYY-MM-DD. */
export const date = z.string();
export const cents = z.number().int();

/** One page of a list: the items, how many there are in all, and where the page starts. */
export const page = <T extends z.ZodType>(item: T) =>
  z.object({ items: z.array(item), total: z.number().int(), limit: z.number().int(), offset: z.number().int() });
/** The answer `page(item)` describes, for an item type T. */
export type Page<T> = Omit<z.infer<ReturnType<typeof page<z.ZodUnknown>>>, 'items'> & { items: T[] };

/** A file answer's body, as the OpenAPI document describes it: PDF bytes, or CSV text. */
export const pdfBytes = z.string().meta({ format: 'binary' });
export const csvText = z.string();
/** A route that answers a file (the route sends the bytes with their type; this documents them). */
export const pdfFile = (description: string) => ({ description, content: { 'application/pdf': { schema: pdfBytes } } });
export const csvFile = (description: string) => ({ description, content: { 'text/csv': { schema: csvText } } });
/** The empty answer of a deletion (204). */
export const noContent = z.null().meta({ description: 'Deleted' });

/** The server is up: the database it runs on and the last migration applied. */
export const health = z.object({ status: z.literal('ok'), database: z.string(), schemaVersion: z.number() });

/**
 * Every error answer: a code, a sentence, and the problems at fault in the one issue shape (each located at its
 * field); a 500 names the request id it was logged under.
 */
export const errorBody = z.strictObject({
  error: z.string(),
  message: z.string(),
  issues: z.array(apiIssue).optional(),
  requestId: z.string().optional(),
});
export type ErrorBody = z.infer<typeof errorBody>;
