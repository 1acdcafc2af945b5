import { describe, expect, it } from 'vitest';
import { summarizeContacts, type ContactEntry } from './contacts.ts';

const e = (occurredAt: string, over: Partial<ContactEntry> = {}): ContactEntry => ({
  occurredAt,
  channel: 'call',
  outcome: 'no_answer',
  ...over,
});

describe('summarizeContacts', () => {
  it('counts, last contact, the promise still to come and the next follow-up', () => {
    const s = summarizeContacts(
      [
        e('2026-09-01T15:00:00Z', { channel: 'letter', outcome: 'sent', followUpDate: '2026-09-15' }),
        e('2026-11-10T16:00:00Z', {
          outcome: 'promise_to_pay',
          promiseDate: '2026-12-01',
          promiseCents: 5000,
          followUpDate: '2026-12-02',
        }),
        e('2026-11-20T10:00:00Z', { channel: 'text', outcome: 'sent' }),
      ],
      '2026-11-23',
    );
    expect(s).toEqual({
      count: 3,
      last30Days: 2,
      lastAt: '2026-11-20T10:00:00Z',
      lastChannel: 'text',
      lastOutcome: 'sent',
      promise: { date: '2026-12-01', cents: 5000 },
      nextFollowUp: '2026-12-02',
      followUpOverdue: false,
    });
  });

  it('an overdue follow-up and a broken promise are told apart from an empty log', () => {
    const s = summarizeContacts(
      [e('2026-10-01T10:00:00Z', { promiseDate: '2026-10-15', promiseCents: 2000, followUpDate: '2026-10-16' })],
      '2026-11-23',
    );
    expect(s).toMatchObject({ promise: null, nextFollowUp: '2026-10-16', followUpOverdue: true, last30Days: 0 });
    expect(summarizeContacts([], '2026-11-23')).toMatchObject({ count: 0, lastAt: null, nextFollowUp: null });
  });
});
