/**
 * One answer shape for every failure (@medbill/api's errorBody: { error, message, issues? }, its issues in the one
 * issue shape), from our code, the database, the schema validators and Fastify's own router alike. Input never yields a 500; a 500 that still happens
 * is logged with the request id, and the answer names that id so a person can report it.
 */
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { type ApiIssue, issueAt, issueCode, issueInWords } from '@medbill/api';
import { ClearinghouseUnavailableError } from '../clearinghouse/clearinghouse-adapter.ts';
import { AppError, fromDatabaseError, withoutServerPaths } from '../app-error.ts';

/** Where unexpected failures are written: one JSON line each, with the request id and no request body. */
export type ErrorLog = (entry: { requestId: string; method: string; url: string; error: unknown }) => void;

export function stderrErrorLog(stream: NodeJS.WritableStream = process.stderr): ErrorLog {
  return ({ requestId, method, url, error }) => {
    const e = error as { name?: string; message?: string; code?: string; stack?: string };
    stream.write(
      `${JSON.stringify({
        level: 'error',
        time: new Date().toISOString(),
        requestId,
        method,
        url: url.split('?')[0],
        error: { name: e?.name, code: e?.code, message: e?.message, stack: e?.stack },
      })}\n`,
    );
  };
}

export function errorHandler(log: ErrorLog) {
  return (err: FastifyError, req: FastifyRequest, reply: FastifyReply) => {
    if (hasZodFastifySchemaValidationErrors(err)) {
      const where = (err as { validationContext?: string }).validationContext ?? 'body';
      const issues = err.validation.map((v): ApiIssue => {
        const field = v.instancePath.replace(/^\//, '').replace(/\//g, '.') || where;
        const raw = { field, code: v.keyword, message: v.message ?? 'is not valid', params: v.params };
        return { code: issueCode(raw), severity: 'error', message: issueInWords(raw), location: { field } };
      });
      return reply.status(400).send({ error: 'validation', message: issues.map((i) => i.message).join('; '), issues });
    }
    if (err instanceof ClearinghouseUnavailableError)
      return reply.status(502).send({
        error: 'bad_gateway',
        message: `The clearinghouse did not answer: ${withoutServerPaths(err.message)}`,
      });
    const appErr = err instanceof AppError ? err : fromDatabaseError(err);
    if (appErr && appErr.status < 500) return reply.status(appErr.status).send(appErr.toBody());
    const status = err.statusCode;
    if (!appErr && status && status >= 400 && status < 500) {
      return reply
        .status(status)
        .send({ error: status === 415 ? 'unsupported_media_type' : 'bad_request', message: safeClientMessage(err) });
    }
    log({ requestId: req.id, method: req.method, url: req.url, error: err });
    return reply.status(500).send({
      error: 'internal',
      message: `Something went wrong on our side; it has been logged as request ${req.id}`,
      requestId: req.id,
    });
  };
}

/**
 * Errors Fastify's router raises before any route or hook runs (a bad %-escape, a path parameter over the
 * length limit): answered in our shape, never echoing the URL.
 */
export function frameworkErrorHandler(err: FastifyError, _req: FastifyRequest, reply: FastifyReply) {
  const tooLong = err.code === 'FST_ERR_MAX_PARAM_LENGTH';
  reply.header('Content-Security-Policy', "default-src 'none'; frame-ancestors 'none'");
  reply.header('X-Content-Type-Options', 'nosniff');
  reply.header('Cache-Control', 'no-store');
  return reply.status(400).send({
    error: 'validation',
    message: tooLong ? 'id: is too long (an id is a decimal number)' : 'The address is not valid (a bad % escape)',
    issues: [
      tooLong ? issueAt('id', 'too-long', 'is too long') : issueAt('url', 'invalid-address', 'is not a valid address'),
    ],
  });
}

/** Fastify's own 4xx messages are safe; anything else is replaced so no internals leak. */
function safeClientMessage(err: unknown): string {
  const msg = (err as Error).message ?? '';
  return msg.length < 200 && !/at \S+ \(|SELECT|INSERT/i.test(msg) && withoutServerPaths(msg) === msg
    ? msg
    : 'The request is not valid';
}
