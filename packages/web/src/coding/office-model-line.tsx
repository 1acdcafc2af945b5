/**
 * Whether the suggestions are adapted to this office's own coded notes ("learned from 212 coded notes, built
 * 8 Dec 2026"), or not yet; coders and admins may learn again from the notes coded since (a job: its progress
 * shows while it runs).
 */
import type { OfficeModelStatus, SuggestCodesResponse } from '@medbill/api';
import { useState } from 'react';
import { api, describeError } from '../api/client.ts';
import { useAuth } from '../auth/auth-context.tsx';
import { JobProgress, useRunningJob } from '../billing/job-progress.tsx';
import { Alert } from '../components/field.tsx';
import { useApi } from '../components/use-api.ts';

const when = (iso: string) => new Date(iso).toLocaleString('en-US', { dateStyle: 'medium', timeStyle: 'short' });

export function OfficeModelLine({
  office,
  onLearnt,
}: {
  /** the model the suggestions shown used (null: none) */
  office: SuggestCodesResponse['office'];
  /** after a rebuild: ask for the suggestions again */
  onLearnt: () => void;
}) {
  const { can } = useAuth();
  const status = useApi(() => api.get<OfficeModelStatus>('/api/coding/office-model'), []);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const job = useRunningJob(busy, 'office_model');
  const available = status.data?.available;
  const learn = async () => {
    setBusy(true);
    setError(null);
    try {
      await api.post<OfficeModelStatus>('/api/coding/office-model', {});
      status.reload();
      onLearnt();
    } catch (e) {
      setError(describeError(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="office-model" data-testid="office-model">
      <p className="muted small-print">
        {office
          ? `Adapted to this office: learned from ${office.notes.toLocaleString('en-US')} coded notes, built ${when(office.builtAt)}.`
          : "Not yet learned from this office's coded notes: suggestions come from the code books alone."}
        {available !== undefined && available !== (office?.notes ?? 0)
          ? ` ${available.toLocaleString('en-US')} coded notes available.`
          : null}{' '}
        {can('codes:learn') ? (
          <button type="button" className="small" disabled={busy} onClick={() => void learn()}>
            {busy ? 'Learning…' : office ? 'Learn again' : 'Learn from coded notes'}
          </button>
        ) : null}
      </p>
      {busy ? <JobProgress job={job} /> : null}
      <Alert>{error}</Alert>
    </div>
  );
}
