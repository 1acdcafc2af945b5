/** Long work the server is doing for a tenant (a poll reading a large 835…), with its progress. */
import { z } from 'zod';

export const jobProgress = z.object({
  /** what is being worked on, e.g. the file's name */
  item: z.string(),
  /** 1-based position of `item` among `items` */
  index: z.number().int(),
  items: z.number().int(),
  phase: z.string(),
  done: z.number().int(),
  total: z.number().int(),
});
export type JobProgress = z.infer<typeof jobProgress>;

export const job = z.object({
  id: z.number().int(),
  kind: z.enum(['inbound']),
  label: z.string(),
  state: z.enum(['running', 'done', 'failed']),
  startedAt: z.string(),
  finishedAt: z.string().nullable(),
  progress: jobProgress.nullable(),
  error: z.string().nullable(),
});
export type Job = z.infer<typeof job>;
export const jobList = z.object({ items: z.array(job) });
export type JobList = z.infer<typeof jobList>;
