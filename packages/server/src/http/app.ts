/**
 * The HTTP API: Fastify with zod schemas (one contract for validation and the OpenAPI document),
 * session auth, role checks and tenant walls in hooks that every /api route passes through.
 */
import { errorBody, issueAt } from '@medbill/api';
import { notFoundAudit } from './not-found-audit.ts';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import cookie from '@fastify/cookie';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify from 'fastify';
import { jsonSchemaTransform, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppDeps } from '../deps.ts';
import type { App, RouteEntry } from './app-types.ts';
import { recordAudit } from '../audit/record-audit.ts';
import { LoginThrottle } from '../auth/login-throttle.ts';
import { can } from '../auth/permissions.ts';
import { resolveSession, SESSION_COOKIE } from '../auth/sessions.ts';
import { withTenant } from '../db/open-database.ts';
import { AppError } from '../app-error.ts';
import { errorHandler, frameworkErrorHandler, stderrErrorLog } from './error-handler.ts';
import { findNulField } from './find-nul-field.ts';
import { hostAllowed } from './public-origin.ts';
import { registerJsonBodyParser } from './json-body.ts';
import { responseSerializer } from './response-serializer.ts';
import './request-context.ts';
import { registerRoutes } from './routes.ts';

export type { App, RouteEntry } from './app-types.ts';
export type { AppDeps } from '../deps.ts';

/**
 * Request logs carry no patient data (SECURITY.md C6): the query string (a name searched for, a date of birth)
 * is cut from logged URLs, cookies and authorization are redacted, and bodies are never logged.
 */
function requestLogger(stream?: NodeJS.WritableStream) {
  return {
    level: 'info',
    ...(stream ? { stream } : {}),
    redact: ['req.headers.cookie', 'req.headers.authorization'],
    serializers: {
      req: (req: { method: string; url: string; ip?: string }) => ({
        method: req.method,
        url: req.url.split('?')[0],
        remoteAddress: req.ip,
      }),
    },
  };
}

const STATE_CHANGING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export async function buildApp(givenDeps: AppDeps): Promise<App & { routeTable: RouteEntry[] }> {
  // one log-in brake for the password and the second factor
  const deps: AppDeps = { ...givenDeps, throttle: givenDeps.throttle ?? new LoginThrottle() };
  const app = Fastify({
    logger: deps.logger ? requestLogger(deps.logStream) : false,
    trustProxy: deps.trustProxy?.length ? deps.trustProxy : false,
    bodyLimit: 5 * 1024 * 1024,
    genReqId: () => crypto.randomUUID(),
    frameworkErrors: frameworkErrorHandler,
  }).withTypeProvider<ZodTypeProvider>() as unknown as App & { routeTable: RouteEntry[] };
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(
    responseSerializer({
      strict: deps.strictResponses ?? Boolean(process.env.VITEST),
      onUndescribed: (route, field) =>
        app.log.warn({ route, field }, 'answer field left out: not in the response schema'),
    }),
  );
  app.decorateRequest('user', null);
  registerJsonBodyParser(app);

  const routeTable: RouteEntry[] = [];
  app.routeTable = routeTable;
  app.addHook('onRoute', (r) => {
    if (!r.url.startsWith('/api') || r.url.startsWith('/api/docs')) return;
    // every route's refusals (4xx) answer @medbill/api's errorBody, its issues the one issue shape: declared here
    // once so the OpenAPI document shows it on each route and the strict serialiser checks every refusal
    r.schema = { ...r.schema, response: { '4XX': errorBody, ...(r.schema?.response as object | undefined) } };
    for (const method of [r.method].flat()) {
      if (method === 'HEAD') continue;
      const querystring = r.schema?.querystring as { shape?: Record<string, unknown> } | undefined;
      routeTable.push({
        method,
        url: r.url,
        permission: r.config?.permission,
        public: Boolean(r.config?.public),
        query: Object.keys(querystring?.shape ?? {}),
        response: r.schema?.response as Record<string, unknown> | undefined,
      });
    }
  });

  await app.register(cookie);
  await app.register(swagger, {
    openapi: {
      info: {
        title: 'medbill API',
        version: '0.1.0',
        description: 'Medical billing and coding. Authenticate with POST /api/auth/login (session cookie).',
      },
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs' });

  app.addHook('onRequest', async (req, reply) => {
    reply.header('X-Request-Id', req.id);
    reply.header('X-Content-Type-Options', 'nosniff');
    reply.header('Referrer-Policy', 'no-referrer');
    reply.header('X-Frame-Options', 'DENY');
    if (!req.url.startsWith('/api/docs')) {
      reply.header(
        'Content-Security-Policy',
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'",
      );
    }
    if (!hostAllowed(req.host, deps.publicOrigins))
      throw new AppError('misdirected', 'This server does not answer for that host name (see MEDBILL_PUBLIC_ORIGIN)');
    if (!req.url.startsWith('/api') || req.url.startsWith('/api/docs')) return;
    reply.header('Cache-Control', 'no-store');
    checkCsrf(req.method, req.headers, req.host);
    const token = req.cookies[SESSION_COOKIE];
    if (token) req.user = await resolveSession(deps.db, token);
    // no such API route (or only the web UI's catch-all matched): 404, never an auth or permission error
    if (!req.routeOptions.url?.startsWith('/api/'))
      throw new AppError('not_found', `No route ${req.method} ${req.url.split('?')[0]}`);
    const cfg = req.routeOptions.config;
    if (cfg?.public) return;
    if (!req.user) throw new AppError('unauthenticated', 'Log in first (or your session has ended)');
    if (!cfg?.permission) throw new AppError('internal', 'This route declares no permission');
    if (!can(req.user.role, cfg.permission)) {
      const u = req.user;
      await withTenant(deps.db, u.tenantId, (tx) =>
        recordAudit(
          tx,
          deps.auditKey,
          { tenantId: u.tenantId, userId: u.userId, username: u.username, sourceIp: req.ip },
          {
            action: 'access_denied',
            resourceType: 'route',
            resourceId: `${req.method} ${req.routeOptions.url}`,
            outcome: 'denied',
            details: { permission: cfg.permission },
          },
        ),
      );
      throw new AppError('forbidden', `Your role (${u.role}) may not do this (needs ${cfg.permission})`);
    }
  });

  app.addHook('preValidation', async (req) => {
    const field = findNulField(req.query) ?? findNulField(req.body) ?? findNulField(req.params);
    if (field)
      throw new AppError('validation', `${field}: contains a NUL character`, [
        issueAt(field, 'nul-character', 'contains a NUL character'),
      ]);
  });

  app.setErrorHandler(errorHandler(deps.errorLog ?? stderrErrorLog()));
  app.addHook('onSend', notFoundAudit(deps, deps.errorLog ?? stderrErrorLog()));

  await registerRoutes(app, deps);

  const webDist = deps.webDistDir;
  if (webDist && fs.existsSync(path.join(webDist, 'index.html'))) {
    await app.register(fastifyStatic, { root: webDist, prefix: '/', index: ['index.html'] });
  }
  app.setNotFoundHandler((req, reply) => {
    if (
      req.method === 'GET' &&
      !req.url.startsWith('/api') &&
      webDist &&
      fs.existsSync(path.join(webDist, 'index.html'))
    ) {
      return reply.type('text/html').sendFile('index.html');
    }
    return reply.status(404).send({ error: 'not_found', message: `No route ${req.method} ${req.url.split('?')[0]}` });
  });
  return app;
}

/**
 * CSRF (SECURITY.md A8): the session cookie is SameSite=Strict, and a state-changing request must be
 * JSON (a cross-site form cannot send that without a CORS preflight we never allow) from our origin.
 */
function checkCsrf(method: string, headers: Record<string, string | string[] | undefined>, host: string): void {
  if (!STATE_CHANGING.has(method)) return;
  const type = String(headers['content-type'] ?? '');
  if (!type.startsWith('application/json'))
    throw new AppError('unsupported_media_type', 'Send JSON (Content-Type: application/json)');
  const origin = headers.origin;
  if (origin && typeof origin === 'string') {
    // `host` is the Host header, or X-Forwarded-Host when the request came through a trusted proxy
    let originHost = '';
    try {
      originHost = new URL(origin).host;
    } catch {
      /* fall through */
    }
    if (originHost !== host) throw new AppError('forbidden', 'Cross-site request refused');
  }
}
