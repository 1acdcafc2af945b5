/**
 * Every answer goes out through its route's response schema (zod, from @medbill/api): what the schema does not
 * describe is dropped, so a column added to a table never leaks by accident. With `strict` (tests), an answer
 * carrying anything its schema does not describe fails instead, so the contract and the code cannot drift.
 */
import type { FastifySerializerCompiler } from 'fastify';
import { ResponseSerializationError } from 'fastify-type-provider-zod';
import { ZodError } from 'zod';
import { safeEncode, type $ZodType } from 'zod/v4/core';

/** The first path (a.b.0.c) present in `given` but gone from `sent`, or null. */
export function firstUndescribed(given: unknown, sent: unknown, path = ''): string | null {
  if (Array.isArray(given) && Array.isArray(sent)) {
    for (let i = 0; i < given.length; i++) {
      const found = firstUndescribed(given[i], sent[i], `${path}${path ? '.' : ''}${i}`);
      if (found) return found;
    }
    return null;
  }
  if (!isPlainObject(given) || !isPlainObject(sent)) return null;
  for (const [k, v] of Object.entries(given)) {
    if (v === undefined) continue;
    const at = `${path}${path ? '.' : ''}${k}`;
    if (!(k in sent)) return at;
    const found = firstUndescribed(v, sent[k], at);
    if (found) return found;
  }
  return null;
}

const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && Object.getPrototypeOf(v) === Object.prototype;

export function responseSerializer(opts: {
  strict: boolean;
  onUndescribed?: (route: string, path: string) => void;
}): FastifySerializerCompiler<$ZodType> {
  return ({ schema, method, url }) =>
    (data) => {
      const result = safeEncode(schema, data);
      if (result.error) throw new ResponseSerializationError(method, url, { cause: result.error });
      const extra = firstUndescribed(data, result.data);
      if (extra) {
        if (opts.strict)
          throw new ResponseSerializationError(method, url, {
            cause: new ZodError([
              {
                code: 'custom',
                path: extra.split('.'),
                message: `the answer holds ${extra}, which its response schema does not describe`,
                input: undefined,
              },
            ]),
          });
        opts.onUndescribed?.(`${method} ${url}`, extra);
      }
      return JSON.stringify(result.data);
    };
}
