/** Live coding edits from POST /api/codes/check as the coder edits (debounced; a stale answer is dropped). */
import { useEffect, useState } from 'react';
import { api, describeError } from '../api/client.ts';
import type { CodeEdit } from '../api/claim-types.ts';
import type { Coding } from './coding-model.ts';

export interface CheckState {
  edits: CodeEdit[];
  checking: boolean;
  error: string | null;
}

export function useCodeCheck(
  coding: Coding | null,
  patient: { birthDate: string; sex: string } | null,
  dateOfService: string | null,
): CheckState {
  const [state, setState] = useState<CheckState>({ edits: [], checking: false, error: null });
  const key = coding
    ? JSON.stringify({
        d: coding.diagnoses,
        l: coding.lines.map((l) => [l.procedureCode, l.modifiers, l.units, l.serviceDate]),
      })
    : '';

  // biome-ignore lint/correctness/useExhaustiveDependencies: deliberately keyed (see the comment above)
  useEffect(() => {
    if (!coding || !patient || !dateOfService) return;
    const procedures = coding.lines
      .filter((l) => l.procedureCode.trim())
      .map((l) => ({
        code: l.procedureCode.trim().toUpperCase(),
        modifiers: l.modifiers.filter(Boolean),
        units: l.units,
        ...(l.serviceDate ? { date: l.serviceDate } : {}),
      }));
    const ctl = new AbortController();
    const t = window.setTimeout(() => {
      setState((s) => ({ ...s, checking: true }));
      api
        .post<{ edits: CodeEdit[] }>(
          '/api/codes/check',
          {
            diagnoses: coding.diagnoses,
            procedures,
            patient: { birthDate: patient.birthDate, sex: ['F', 'M'].includes(patient.sex) ? patient.sex : 'U' },
            dateOfService,
          },
          ctl.signal,
        )
        .then((r) => setState({ edits: r.edits, checking: false, error: null }))
        .catch((e: unknown) => {
          if (!ctl.signal.aborted) setState((s) => ({ ...s, checking: false, error: describeError(e) }));
        });
    }, 150);
    return () => {
      window.clearTimeout(t);
      ctl.abort();
    };
  }, [key, patient?.birthDate, patient?.sex, dateOfService]);

  return state;
}

/**
 * Edits for one diagnosis or one service line. The check numbers procedures among the lines that have a
 * code, so `procIndex` is the line's position among non-empty lines.
 */
export function editsAt(edits: CodeEdit[], field: 'diagnosis' | 'procedure', index: number): CodeEdit[] {
  const path = `${field === 'diagnosis' ? 'diagnoses' : 'procedures'}[${index}]`;
  return edits.filter((e) => e.location.field === path);
}

/** Edits that name no diagnosis or service line (e.g. a provider's taxonomy): shown once, above the lists. */
export function unplacedEdits(edits: CodeEdit[]): CodeEdit[] {
  return edits.filter((e) => !/^(diagnoses|procedures)\[\d+\]$/.test(e.location.field));
}
