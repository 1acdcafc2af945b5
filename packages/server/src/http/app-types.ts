/** The Fastify instance every `register…Routes` receives, and the route table the tests walk. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';

export type App = FastifyInstance<any, any, any, any, ZodTypeProvider>;

export interface RouteEntry {
  method: string;
  url: string;
  permission?: string;
  public: boolean;
  /** the querystring parameters the route takes (for tests that walk every parameter) */
  query: string[];
  /** the schemas of its answers by status code (zod, from @medbill/api), when the route declares them */
  response?: Record<string, unknown>;
}
