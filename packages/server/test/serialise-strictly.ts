/** An answer sent as its route would send it in tests: through the strict serializer and its @medbill/api schema. */
import type { z } from 'zod';
import { responseSerializer } from '../src/http/response-serializer.ts';

/** Throws, naming the field, when the answer misses what the schema requires or holds what it does not describe. */
export function serialiseStrictly<S extends z.ZodType>(schema: S, answer: unknown): z.output<S> {
  const serialise = responseSerializer({ strict: true })({
    schema,
    method: 'GET',
    url: '(test)',
    httpStatus: '200',
  } as never);
  try {
    return JSON.parse(serialise(answer) as string);
  } catch (e) {
    const issues = (e as { cause?: { issues?: Array<{ path: PropertyKey[]; message: string }> } }).cause?.issues;
    if (!issues) throw e;
    throw new Error(issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '));
  }
}
