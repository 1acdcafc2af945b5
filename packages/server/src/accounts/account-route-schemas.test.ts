/**
 * Every patient-account route (account, payments, refunds, write-offs, plans, statement runs, worklists,
 * collections, agencies, contacts, eligibility, estimates) answers through a closed response schema from
 * @medbill/api: no open object, no unknown. With the strict serializer tests run under, an answer holding a field
 * its schema does not describe then fails instead of going out.
 */
import { csvText, patientAccount, pdfBytes } from '@medbill/api';
import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { AppDeps } from '../deps.ts';
import type { App } from '../http/app-types.ts';
import { responseSerializer } from '../http/response-serializer.ts';
import { registerEligibilityRoutes } from '../eligibility/eligibility-routes.ts';
import { registerEstimateRoutes } from '../estimates/estimate-routes.ts';
import { registerAccountRoutes } from './account-routes.ts';
import { registerCollectionRoutes } from './collection-routes.ts';
import { registerContactRoutes } from './contact-routes.ts';
import { registerStatementRunRoutes } from './statement-run-routes.ts';

interface Declared {
  route: string;
  response: Record<string, unknown>;
}

/** The routes a register function declares, with their response schemas (nothing is served). */
function declaredRoutes(register: (app: App, deps: AppDeps) => void): Declared[] {
  const found: Declared[] = [];
  const record = (method: string) => (url: string, opts: { schema?: { response?: Record<string, unknown> } }) =>
    found.push({ route: `${method} ${url}`, response: opts.schema?.response ?? {} });
  const app = {
    get: record('GET'),
    post: record('POST'),
    put: record('PUT'),
    patch: record('PATCH'),
    delete: record('DELETE'),
  };
  register(app as unknown as App, {} as AppDeps);
  return found;
}

/** The first place (a.b[]) where a schema lets through what it does not describe, or null. */
function firstOpening(schema: unknown, at = '$'): string | null {
  if (!(schema instanceof z.ZodType)) return null; // a non-JSON answer (PDF, CSV) described by media type
  const def = schema._zod.def as unknown as Record<string, unknown> & { type: string };
  switch (def.type) {
    case 'unknown':
    case 'any':
      return `${at} is ${def.type}`;
    case 'object': {
      const catchall = def.catchall as z.ZodType | undefined;
      if (catchall && catchall._zod.def.type !== 'never') return `${at} lets any other field through`;
      for (const [k, v] of Object.entries(def.shape as Record<string, unknown>)) {
        const found = firstOpening(v, `${at}.${k}`);
        if (found) return found;
      }
      return null;
    }
    case 'array':
      return firstOpening(def.element, `${at}[]`);
    case 'record':
      return firstOpening(def.valueType, `${at}{}`);
    case 'union':
      for (const o of def.options as unknown[]) {
        const found = firstOpening(o, at);
        if (found) return found;
      }
      return null;
    case 'nullable':
    case 'optional':
    case 'default':
    case 'readonly':
    case 'catch':
      return firstOpening(def.innerType, at);
    case 'pipe':
      return firstOpening(def.out, at);
    default:
      return null;
  }
}

const routes = [
  registerAccountRoutes,
  registerCollectionRoutes,
  registerContactRoutes,
  registerStatementRunRoutes,
  registerEligibilityRoutes,
  registerEstimateRoutes,
].flatMap(declaredRoutes);

describe('patient-account routes answer through closed schemas', () => {
  it('finds the routes', () => {
    expect(routes.map((r) => r.route)).toEqual(
      expect.arrayContaining([
        'GET /api/patients/:id/account',
        'POST /api/patients/:id/refund-requests',
        'POST /api/refund-requests/:id/decision',
        'POST /api/patients/:id/payment-plans',
        'POST /api/patients/:id/final-notice',
        'POST /api/collection-placements/:id/recall',
        'GET /api/collections/worklist',
        'GET /api/accounts/worklist',
        'GET /api/collection-agencies',
        'GET /api/patients/:id/contacts',
      ]),
    );
  });

  it.each(routes.map((r) => [r.route, r] as const))('%s declares every answer, closed', (_name, r) => {
    const codes = Object.keys(r.response);
    expect(codes.length, 'declares its answer').toBeGreaterThan(0);
    for (const code of codes) expect(firstOpening(r.response[code], code)).toBeNull();
  });

  it('a file answer (PDF, CSV) is declared through the shared pdfFile/csvFile helpers, never by hand', () => {
    const files = routes.flatMap((r) =>
      Object.values(r.response).flatMap((answer) => {
        const content = (answer as { content?: Record<string, { schema: unknown }> }).content;
        return Object.entries(content ?? {}).map(([type, { schema }]) => ({ route: r.route, type, schema }));
      }),
    );
    expect(files.map((f) => f.route)).toEqual(
      expect.arrayContaining(['GET /api/statements/:id/pdf', 'GET /api/statement-runs/:id/print-vendor.csv']),
    );
    for (const f of files)
      expect(f.schema, `${f.route} ${f.type}`).toBe(f.type === 'application/pdf' ? pdfBytes : csvText);
  });

  it('the walk catches an open object, an unknown and an open record however deep', () => {
    expect(firstOpening(z.object({}).passthrough())).toBe('$ lets any other field through');
    expect(firstOpening(z.object({ a: z.array(z.object({ b: z.unknown() })) }))).toBe('$.a[].b is unknown');
    expect(firstOpening(z.object({ r: z.record(z.string(), z.any()).nullable() }))).toBe('$.r{} is any');
    expect(firstOpening(patientAccount)).toBeNull();
  });

  it('an account answer holding a field the schema does not describe fails (strict, as in tests)', async () => {
    const account: z.input<typeof patientAccount> = {
      accountId: 1,
      guarantor: null,
      patients: [{ id: 1, name: 'Ann Lee', accountNumber: 'A1' }],
      statementHold: false,
      finalNoticeDate: null,
      patientBalanceCents: 0,
      insurancePendingCents: 0,
      creditCents: 0,
      amountOwedCents: 0,
      aging: { current: 0, days31to60: 0, days61to90: 0, days91to120: 0, over120: 0 },
      lines: [],
      statements: [],
      payments: [],
      plan: null,
      placement: null,
      refunds: [],
    };
    const answer = async (body: unknown) => {
      const app = Fastify();
      app.setSerializerCompiler(responseSerializer({ strict: true }) as never);
      app.get('/a', { schema: { response: { 200: patientAccount } } }, async () => body);
      const res = await app.inject({ method: 'GET', url: '/a' });
      await app.close();
      return res;
    };
    expect((await answer(account)).statusCode).toBe(200);
    const leaky = {
      ...account,
      refunds: [
        { id: 1, patientId: 1, amountCents: 5, reason: 'x', status: 'requested', requestedBy: 'amy', tenant_id: 2 },
      ],
    };
    const res = await answer(leaky);
    expect(res.statusCode).toBe(500);
    expect(res.body).not.toContain('tenant_id');
  });
});
