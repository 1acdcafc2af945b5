/** While the server works on something long for this office (a poll reading a large 835): what, and how far. */
import type { Job, JobList } from '@medbill/api';
import { useEffect, useState } from 'react';
import { api } from '../api/client.ts';

const PHASE: Record<string, string> = {
  reading: 'reading',
  planning: 'matching claims',
  writing: 'posting',
  applying: 'applying',
  done: 'done',
  building: 'building the 276s',
  sending: 'sending',
  waiting: 'waiting for the 277 answers',
};

/** Asks GET /api/jobs every second while `active`, for the newest running job of `kind` (inbound by default). */
export function useRunningJob(active: boolean, kind: Job['kind'] = 'inbound'): Job | null {
  const [job, setJob] = useState<Job | null>(null);
  useEffect(() => {
    if (!active) {
      setJob(null);
      return;
    }
    let live = true;
    const tick = () =>
      api
        .get<JobList>('/api/jobs')
        .then((r) => live && setJob(r.items.find((j) => j.kind === kind && j.state === 'running') ?? null))
        .catch(() => {});
    const timer = window.setInterval(() => void tick(), 1000);
    void tick();
    return () => {
      live = false;
      window.clearInterval(timer);
    };
  }, [active, kind]);
  return job;
}

export function JobProgress({ job }: { job: Job | null }) {
  const p = job?.progress;
  if (!job || !p) return null;
  const what =
    job.kind === 'status_inquiry'
      ? `Status inquiries: ${PHASE[p.phase] ?? p.phase}`
      : job.kind === 'office_model'
        ? `Learning from the office's coded notes: ${p.phase}`
        : `${p.item} (file ${p.index} of ${p.items}): ${PHASE[p.phase] ?? p.phase}`;
  const unit =
    job.kind !== 'office_model'
      ? 'claims'
      : p.phase === 'measuring phrases'
        ? 'phrases'
        : p.phase === 'reading phrases'
          ? 'notes'
          : 'note readings';
  return (
    <div className="job-progress" role="status" aria-live="polite">
      <span>
        {what}
        {p.total ? ` ${p.done.toLocaleString('en-US')} of ${p.total.toLocaleString('en-US')} ${unit}` : '…'}
      </span>
      {p.total ? <progress value={p.done} max={p.total} aria-label={what} /> : null}
    </div>
  );
}
