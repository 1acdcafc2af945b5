/** An answer its response schema does not describe fails in tests (strict) and is cut to the schema otherwise. */
import Fastify from 'fastify';
import { validatorCompiler } from 'fastify-type-provider-zod';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { firstUndescribed, responseSerializer } from './response-serializer.ts';

const answer = z.object({ id: z.number(), items: z.array(z.object({ code: z.string() })) });

async function appAnswering(strict: boolean, body: unknown) {
  const seen: string[] = [];
  const app = Fastify();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(responseSerializer({ strict, onUndescribed: (_r, f) => seen.push(f) }) as never);
  app.get('/x', { schema: { response: { 200: answer } } }, async () => body);
  const res = await app.inject({ method: 'GET', url: '/x' });
  await app.close();
  return { res, seen };
}

describe('response serializer', () => {
  it('names the first field the schema does not describe, however deep', () => {
    expect(firstUndescribed({ id: 1, items: [{ code: 'A', secret: 1 }] }, { id: 1, items: [{ code: 'A' }] })).toBe(
      'items.0.secret',
    );
    expect(firstUndescribed({ id: 1 }, { id: 1 })).toBeNull();
  });

  it('strict: an answer holding an undescribed field fails instead of going out', async () => {
    const { res } = await appAnswering(true, { id: 1, items: [{ code: 'A', passwordHash: 'x' }] });
    expect(res.statusCode).toBe(500);
    expect(res.body).not.toContain('passwordHash":"x');
  });

  it('not strict: the field is dropped and logged', async () => {
    const { res, seen } = await appAnswering(false, { id: 1, tenantId: 9, items: [] });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ id: 1, items: [] });
    expect(seen).toEqual(['tenantId']);
  });

  it('an answer missing what the schema requires fails', async () => {
    const { res } = await appAnswering(false, { items: [] });
    expect(res.statusCode).toBe(500);
  });
});
