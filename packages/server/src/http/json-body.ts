/**
 * JSON request bodies with a nesting cap. A body nested 20,000 deep overflowed the stack in the checks
 * that walk it (NUL search, schema validation) and answered 500, even on the unauthenticated log-in; the
 * depth is now counted on the raw text before anything parses it, and a deeper body is a 400.
 */
import { issueAt } from '@medbill/api';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AppError } from '../app-error.ts';

/** Our deepest real body (an encounter's lines and their modifiers) is 4 levels; 32 leaves room. */
export const MAX_JSON_DEPTH = 32;

/** The deepest nesting of arrays and objects in JSON text (strings skipped), stopping once past `limit`. */
export function jsonDepth(text: string, limit = Number.POSITIVE_INFINITY): number {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92)
        i++; // backslash: skip the escaped character
      else if (c === 34) inString = false;
    } else if (c === 34) inString = true;
    else if (c === 91 || c === 123) {
      depth++;
      if (depth > deepest) {
        deepest = depth;
        if (deepest > limit) return deepest;
      }
    } else if (c === 93 || c === 125) depth--;
  }
  return deepest;
}

export function registerJsonBodyParser(app: FastifyInstance): void {
  const parse = app.getDefaultJsonParser('error', 'error');
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (req: FastifyRequest, body, done) => {
    const text = String(body);
    if (jsonDepth(text, MAX_JSON_DEPTH) > MAX_JSON_DEPTH) {
      done(
        new AppError('validation', `body: JSON nested deeper than ${MAX_JSON_DEPTH} levels`, [
          issueAt('body', 'too-deep', `nested deeper than ${MAX_JSON_DEPTH} levels`),
        ]),
        undefined,
      );
      return;
    }
    void parse(req, text, done);
  });
}
