/**
 * Received files held back (not X12 text, addressed to another submitter, failed to apply), with the reason; an
 * admin releases one (taken in as received) or discards it.
 */
import type { QuarantineDecision, QuarantineEntry, QuarantineList } from '@medbill/api';
import { useState } from 'react';
import { api, describeError } from '../api/client.ts';
import { useAuth } from '../auth/auth-context.tsx';
import { Alert } from '../components/field.tsx';
import { formatDateTime } from '../components/format.ts';
import { useApi } from '../components/use-api.ts';

export function InboundQuarantine() {
  const { can } = useAuth();
  const list = useApi(() => api.get<QuarantineList>('/api/inbound-quarantine', { status: 'held' }), []);
  const [message, setMessage] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);
  const decide = async (q: QuarantineEntry, what: 'release' | 'discard') => {
    try {
      const r = await api.post<QuarantineDecision>(`/api/inbound-quarantine/${q.id}/${what}`, {});
      setMessage(
        r.status === 'held'
          ? { kind: 'error', text: `${q.fileName} is still held: ${r.reason}` }
          : { kind: 'ok', text: `${q.fileName} ${r.status === 'released' ? 'was taken in' : 'was discarded'}.` },
      );
    } catch (e) {
      setMessage({ kind: 'error', text: describeError(e) });
    }
    list.reload();
  };
  const items = list.data?.items ?? [];
  if (!items.length && !message) return null;
  return (
    <section aria-label="Held inbound files">
      <h2>Held inbound files</h2>
      <Alert>{list.error}</Alert>
      <Alert kind={message?.kind ?? 'ok'}>{message?.text}</Alert>
      {items.length ? (
        <table className="grid" aria-label="Held inbound files">
          <thead>
            <tr>
              <th scope="col">File</th>
              <th scope="col">Why it is held</th>
              <th scope="col">Received</th>
              {can('tenant:manage') ? <th scope="col">Decide</th> : null}
            </tr>
          </thead>
          <tbody>
            {items.map((q) => (
              <tr key={q.id}>
                <td className="mono">{q.fileName}</td>
                <td>{q.reason}</td>
                <td>{formatDateTime(q.receivedAt)}</td>
                {can('tenant:manage') ? (
                  <td className="buttons">
                    <button type="button" onClick={() => void decide(q, 'release')}>
                      Release
                    </button>
                    <button type="button" onClick={() => void decide(q, 'discard')}>
                      Discard
                    </button>
                  </td>
                ) : null}
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </section>
  );
}
