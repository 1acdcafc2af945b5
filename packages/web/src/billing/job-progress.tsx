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
};

/** Asks GET /api/jobs every second while `active`, for the newest running inbound job. */
export function useRunningJob(active: boolean): Job | null {
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
        .then((r) => live && setJob(r.items.find((j) => j.kind === 'inbound' && j.state === 'running') ?? null))
        .catch(() => {});
    const timer = window.setInterval(() => void tick(), 1000);
    void tick();
    return () => {
      live = false;
      window.clearInterval(timer);
    };
  }, [active]);
  return job;
}

export function JobProgress({ job }: { job: Job | null }) {
  const p = job?.progress;
  if (!job || !p) return null;
  const what = `${p.item} (file ${p.index} of ${p.items}): ${PHASE[p.phase] ?? p.phase}`;
  return (
    <div className="job-progress" role="status" aria-live="polite">
      <span>
        {what}
        {p.total ? ` ${p.done.toLocaleString('en-US')} of ${p.total.toLocaleString('en-US')} claims` : '…'}
      </span>
      {p.total ? <progress value={p.done} max={p.total} aria-label={what} /> : null}
    </div>
  );
}
