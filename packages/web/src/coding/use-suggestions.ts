/**
 * Code suggestions for one encounter's note: loaded once per encounter, and the coder's decisions (accept, reject,
 * replace by another code) sent to the server, which puts accepted codes on the encounter and keeps every decision.
 */
import type { CodeSuggestionView, DecideSuggestionResponse, SuggestCodesResponse } from '@medbill/api';
import { useCallback, useEffect, useState } from 'react';
import { api, ApiError, describeError } from '../api/client.ts';

export type Decision = SuggestCodesResponse['decisions'][number];

export interface Suggestions {
  data: SuggestCodesResponse | null;
  error: string | null;
  loading: boolean;
  /** the decision last taken on each code (accepted codes become diagnoses) */
  decided: Map<string, Decision['decision']>;
  /** the suggestion whose evidence is set apart in the note */
  active: string | null;
  setActive: (code: string | null) => void;
  /** accept or reject a suggestion; `replacement`: reject it and accept this code instead */
  decide: (s: CodeSuggestionView, decision: Decision['decision'], replacement?: string) => Promise<boolean>;
  busy: string | null;
  message: string | null;
  /** ask for the suggestions again (after the office's model was learnt again) */
  reload: () => void;
}

export function useSuggestions(encounterId: number, onAccepted: () => void): Suggestions {
  const [data, setData] = useState<SuggestCodesResponse | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const [decisions, setDecisions] = useState<Decision[]>([]);
  const [active, setActive] = useState<string | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [tick, setTick] = useState(0);
  const reload = useCallback(() => setTick((t) => t + 1), []);

  // biome-ignore lint/correctness/useExhaustiveDependencies: `tick` asks again
  useEffect(() => {
    let live = true;
    setLoading(true);
    api
      .post<SuggestCodesResponse>('/api/coding/suggest', { encounterId })
      .then((r) => {
        if (!live) return;
        setData(r);
        setDecisions(r.decisions);
        setError(null);
      })
      .catch((e: unknown) => live && setError(describeError(e)))
      .finally(() => live && setLoading(false));
    return () => {
      live = false;
    };
  }, [encounterId, tick]);

  const send = useCallback(
    async (s: CodeSuggestionView, code: string, decision: Decision['decision'], reason?: string) => {
      const rank = (data?.suggestions.findIndex((x) => x.code === s.code) ?? -1) + 1;
      const r = await api.post<DecideSuggestionResponse>(`/api/encounters/${encounterId}/suggestion-decisions`, {
        code,
        decision,
        confidence: s.confidence,
        ...(rank ? { rank } : {}),
        indexPath: s.reason.indexPath.slice(0, 500),
        evidence: s.spans
          .map((x) => x.text)
          .join(' … ')
          .slice(0, 2000),
        release: data?.release ?? '',
        ...(reason ? { reason } : {}),
      });
      const d: Decision = { code: r.code, decision, decidedAt: new Date().toISOString(), username: '' };
      setDecisions((all) => [...all.filter((x) => x.code !== r.code), d]);
    },
    [data, encounterId],
  );

  const decide = useCallback(
    async (s: CodeSuggestionView, decision: Decision['decision'], replacement?: string) => {
      setBusy(s.code);
      setMessage(null);
      try {
        if (replacement) {
          await send(s, s.code, 'rejected', `replaced by ${replacement}`);
          await send(s, replacement, 'accepted', `in place of ${s.code}`);
        } else await send(s, s.code, decision);
        if (decision === 'accepted' || replacement) onAccepted();
        return true;
      } catch (e) {
        const issues = e instanceof ApiError && e.issues.length ? ` ${e.issues.map((x) => x.message).join('; ')}` : '';
        setMessage(`${replacement ?? s.code}: ${describeError(e)}${issues}`);
        return false;
      } finally {
        setBusy(null);
      }
    },
    [send, onAccepted],
  );

  const decided = new Map(decisions.map((d) => [d.code, d.decision]));
  return { data, error, loading, decided, active, setActive, decide, busy, message, reload };
}
