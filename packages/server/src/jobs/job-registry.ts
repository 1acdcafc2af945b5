/**
 * Long work in progress, per tenant, in this process: what a poll is doing (file 2 of 3, 40,000 of 170,000 claims
 * read), for the web UI (GET /api/jobs) and the CLI's progress bar. Finished jobs stay listed for ten minutes.
 */
import { messageForPeople } from '../app-error.ts';
import type { Job, JobProgress } from '@medbill/api';

export const KEEP_FINISHED_MS = 10 * 60 * 1000;

interface Entry extends Job {
  tenantId: number;
}

export interface JobHandle {
  progress(p: JobProgress): void;
  finish(): void;
  fail(e: unknown): void;
}

export class JobRegistry {
  private readonly entries: Entry[] = [];
  private nextId = 1;

  start(tenantId: number, kind: Job['kind'], label: string, now = new Date()): JobHandle {
    const e: Entry = {
      id: this.nextId++,
      tenantId,
      kind,
      label,
      state: 'running',
      startedAt: now.toISOString(),
      finishedAt: null,
      progress: null,
      error: null,
    };
    this.entries.push(e);
    const end = (state: Job['state'], error: string | null) => {
      e.state = state;
      e.error = error;
      e.finishedAt = new Date().toISOString();
    };
    return {
      progress: (p) => {
        e.progress = p;
      },
      finish: () => end('done', null),
      fail: (err) => end('failed', messageForPeople(err)),
    };
  }

  /** The tenant's running jobs and those finished in the last ten minutes, newest first. */
  list(tenantId: number, now = Date.now()): Job[] {
    for (let i = this.entries.length - 1; i >= 0; i--) {
      const f = this.entries[i].finishedAt;
      if (f && now - Date.parse(f) > KEEP_FINISHED_MS) this.entries.splice(i, 1);
    }
    return this.entries
      .filter((e) => e.tenantId === tenantId)
      .map(({ tenantId: _, ...job }) => ({ ...job, progress: job.progress ? { ...job.progress } : null }))
      .reverse();
  }
}

/** The server's one registry. */
export const jobs = new JobRegistry();
