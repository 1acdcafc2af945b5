/** What an audit search asks: a period, filters on every field, a sort and a page. */
import { z } from 'zod';
import { id, wholeNumber } from '../registration/fields.ts';

const SORTABLE = [
  'seq',
  'occurred_at',
  'username',
  'action',
  'resource_type',
  'resource_id',
  'patient_id',
  'data_category',
  'source_ip',
  'outcome',
] as const;

export const auditQuery = z.strictObject({
  from: z.iso.datetime({ offset: true }).or(z.iso.date()).optional(),
  to: z.iso.datetime({ offset: true }).or(z.iso.date()).optional(),
  username: z.string().trim().max(100).optional(),
  action: z.string().trim().max(40).optional(),
  resourceType: z.string().trim().max(40).optional(),
  patientId: id.optional(),
  outcome: z.enum(['success', 'failure', 'denied']).optional(),
  sort: z.enum(SORTABLE).default('seq'),
  order: z.enum(['asc', 'desc']).default('desc'),
  limit: wholeNumber(1, 1000).default(100),
  offset: wholeNumber(0, Number.MAX_SAFE_INTEGER).default(0),
});
export type AuditQuery = z.infer<typeof auditQuery>;

export const auditExportQuery = auditQuery.omit({ limit: true, offset: true });
export type AuditExportQuery = z.infer<typeof auditExportQuery>;
