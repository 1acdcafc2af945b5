/** What a registration record kind declares: its table, permissions, schemas, filters, audit and expansions. */
import type { Kysely, SelectQueryBuilder } from 'kysely';
import type { ZodObject, ZodType } from 'zod';
import type { Permission } from '../auth/permissions.ts';
import type { Tx } from '../db/open-database.ts';

export type EntityTable = 'practice' | 'provider' | 'payer' | 'guarantor' | 'patient' | 'coverage';
export type EntityRow = Record<string, unknown> & { id: number };
type AnyQuery = SelectQueryBuilder<any, any, any>;

export interface EntitySpec {
  table: EntityTable;
  path: string;
  label: string;
  tag: string;
  phi: boolean;
  dataCategory: string;
  read: Permission;
  write: Permission;
  /** the record as the API answers it (from @medbill/api), a page of them, and one record with its expansions */
  record: ZodObject;
  list: ZodObject;
  detail?: ZodObject;
  create: ZodType<Record<string, unknown>>;
  patch: ZodType<Record<string, unknown>>;
  /** extra list filters (querystring fields) and how they narrow the query */
  filters?: Record<string, ZodType>;
  applyFilters?: (q: AnyQuery, query: Record<string, any>) => AnyQuery;
  orderBy: string[];
  /** the patients each row concerns (a patient, a coverage's patient, a guarantor's patients), by row id, for the audit rows */
  patientsOf?: (tx: Tx, tenantId: number, rows: EntityRow[]) => Promise<Map<number, number[]>>;
  /** fills server-side fields before insert (e.g. account numbers) */
  beforeCreate?: (tx: Tx, tenantId: number, values: Record<string, unknown>) => Promise<Record<string, unknown>>;
  /** rules across fields and records (e.g. a coverage's member ID by its payer's kind), on create and on change */
  check?: (tx: Tx, tenantId: number, row: Record<string, unknown>) => Promise<void>;
  /** related records shown with one record (e.g. a patient's coverages) */
  expand?: (tx: Tx, tenantId: number, row: EntityRow) => Promise<Record<string, unknown>>;
}

export const anyTx = (tx: Tx) => tx as unknown as Kysely<any>;

export function escapeLike(s: string): string {
  return s.replace(/[\\%_]/g, (c) => `\\${c}`);
}
