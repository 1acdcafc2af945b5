/** Fields and shapes every stage's contract uses: ids, paging, timestamps, the error body. */
import { z } from 'zod';

/** A record id in a path, query or body: a positive whole number (written in decimal). */
export const id = z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER);
export const idParams = z.strictObject({ id });
export const listQuery = {
  limit: z.coerce.number().int().min(1).max(500).default(50),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
};

/** A moment, as the API writes it (ISO 8601, UTC). */
export const timestamp = z.string();
/** A calendar date, YYYY-MM-DD. */
export const date = z.string();
export const cents = z.number().int();

/** One page of a list: the items, how many there are in all, and where the page starts. */
export const page = <T extends z.ZodType>(item: T) =>
  z.object({ items: z.array(item), total: z.number().int(), limit: z.number().int(), offset: z.number().int() });

export const fieldIssue = z.object({ field: z.string(), message: z.string() });
/** Every error answer: a code, a sentence, and the fields at fault. */
export const errorBody = z.object({
  error: z.string(),
  message: z.string(),
  issues: z.array(fieldIssue).optional(),
});
export type ErrorBody = z.infer<typeof errorBody>;
