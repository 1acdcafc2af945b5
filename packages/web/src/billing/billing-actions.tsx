/** Scrub, batch & submit, and check for responses: the biller's buttons above the claim list. */
import { useState } from 'react';
import { api, describeError } from '../api/client.ts';
import type { BuiltBatches, ClearinghouseList, PollResult, ScrubResult, SubmitResult } from '@medbill/api';
import type { ClaimRow } from '../api/claim-types.ts';
import { useAuth } from '../auth/auth-context.tsx';
import { Alert, Field } from '../components/field.tsx';
import { useApi } from '../components/use-api.ts';
import { JobProgress, useRunningJob } from './job-progress.tsx';

interface Props {
  state: string;
  selected: ClaimRow[];
  counts: Record<string, number>;
  onDone: () => void;
}

export function BillingActions({ state, selected, counts, onDone }: Props) {
  const { can } = useAuth();
  const houses = useApi(() => api.get<ClearinghouseList>('/api/clearinghouses'), []);
  const [chId, setChId] = useState('');
  const [busy, setBusy] = useState<string | null>(null);
  const [result, setResult] = useState<{ kind: 'ok' | 'error' | 'info'; text: string } | null>(null);
  const clearinghouseId = chId || String(houses.data?.items[0]?.id ?? '');

  const run = async (what: string, fn: () => Promise<string>) => {
    setBusy(what);
    setResult(null);
    try {
      setResult({ kind: 'ok', text: await fn() });
      onDone();
    } catch (e) {
      setResult({ kind: 'error', text: describeError(e) });
      onDone();
    } finally {
      setBusy(null);
    }
  };

  const scrub = (ids?: number[]) =>
    run('scrub', async () => {
      const r = await api.post<ScrubResult>('/api/claims/scrub', ids ? { claimIds: ids } : {});
      const ready = r.outcomes.filter((o) => o.state === 'ready').length;
      const held = r.outcomes.length - ready;
      return `Scrubbed ${r.outcomes.length} claim(s): ${ready} ready to send${held ? `, ${held} held with errors (open them to see where to fix)` : ''}.`;
    });

  const ready = selected.filter((c) => c.state === 'ready');
  const batchAndSubmit = () =>
    run('submit', async () => {
      const ch = Number(clearinghouseId);
      const built = await api.post<BuiltBatches>('/api/batches', {
        clearinghouseId: ch,
        claimIds: ready.map((c) => c.id),
      });
      if (!built.batches.length) return 'No batch was built: none of the selected claims is ready.';
      let sent: SubmitResult;
      try {
        sent = await api.post<SubmitResult>(`/api/clearinghouses/${ch}/submit`, {
          batchIds: built.batches.map((b) => b.batchId),
        });
      } catch (e) {
        throw new Error(
          `Built ${built.batches.length} batch(es), but sending failed: ${describeError(e)} Send them again from the Batches page.`,
        );
      }
      const n = built.batches.reduce((s, b) => s + b.claimIds.length, 0);
      return `Built ${built.batches.length} batch(es) with ${n} claim(s) (${built.batches.map((b) => b.fileName).join(', ')}); sent ${sent.sent.length} to ${houseName()}.`;
    });

  const poll = () =>
    run('poll', async () => {
      const r = await api.post<PollResult>(`/api/clearinghouses/${Number(clearinghouseId)}/poll`, {});
      const said = [
        ...r.files.map(
          (f) =>
            `${f.fileName} (${f.kind}${f.duplicate ? ', already seen' : ''}): ${f.claimsMoved} claim(s) moved${f.problems.length ? `; problems: ${f.problems.join('; ')}` : ''}`,
        ),
        ...r.quarantined.map((q) => `${q.fileName}: held for review (Batches page): ${q.reason}`),
        ...r.skipped.map((k) => `${k.name}: not picked up: ${k.reason}`),
      ];
      return said.length ? said.join(' · ') : `No new responses from ${houseName()}.`;
    });
  const running = useRunningJob(busy === 'poll');

  const houseName = () => houses.data?.items.find((h) => String(h.id) === clearinghouseId)?.name ?? 'the clearinghouse';
  const options = (houses.data?.items ?? []).map((h) => ({ value: String(h.id), label: h.name }));
  const noHouse = houses.data && !houses.data.items.length;

  return (
    <div className="actions-bar" aria-label="Claim actions" role="group">
      <div className="buttons">
        <span className="muted" role="status">
          {selected.length} selected
        </span>
        {can('claim:write') ? (
          <>
            <button
              type="button"
              onClick={() => void scrub(selected.map((c) => c.id))}
              disabled={busy !== null || !selected.length}
            >
              {busy === 'scrub' ? 'Scrubbing…' : 'Scrub selected'}
            </button>
            {state === 'draft' ? (
              <button type="button" onClick={() => void scrub()} disabled={busy !== null || !counts.draft}>
                Scrub all drafts
              </button>
            ) : null}
          </>
        ) : null}
      </div>
      {can('claim:submit') ? (
        <div className="buttons send">
          <Field
            label="Clearinghouse"
            kind="select"
            size="l"
            required
            options={options}
            value={clearinghouseId}
            onChange={setChId}
          />
          <button
            type="button"
            className="primary"
            onClick={() => void batchAndSubmit()}
            disabled={busy !== null || !ready.length || !clearinghouseId}
          >
            {busy === 'submit' ? 'Sending…' : `Batch & submit${ready.length ? ` ${ready.length}` : ''}`}
          </button>
          <button type="button" onClick={() => void poll()} disabled={busy !== null || !clearinghouseId}>
            {busy === 'poll' ? 'Checking…' : 'Check for responses'}
          </button>
        </div>
      ) : null}
      {noHouse && can('claim:submit') ? (
        <Alert kind="info">No clearinghouse is set up for this office yet.</Alert>
      ) : null}
      {busy === 'poll' ? <JobProgress job={running} /> : null}
      <Alert kind={result?.kind ?? 'ok'}>{result?.text}</Alert>
    </div>
  );
}
