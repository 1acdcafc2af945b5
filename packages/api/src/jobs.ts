/** Long work for a tenant (a poll reading a large 835, a statement run…), with its progress. */
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
  /** unique within its kind (a statement run's job is the run's id) */
  id: z.number().int(),
  /**
   * inbound: a poll reading responses; statements: a statement run (also one the CLI runs); status_inquiry: 276s sent
   * and their 277s awaited; office_model: the code suggester learning from the office's coded notes
   */
  kind: z.enum(['inbound', 'statements', 'status_inquiry', 'office_model']),
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
