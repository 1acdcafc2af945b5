/** The clinical note with the words behind each suggestion highlighted; the active suggestion's words stand out. */
import type { SuggestCodesResponse } from '@medbill/api';
import { useMemo } from 'react';
import { type EvidenceMark, noteRuns } from './evidence-marks.ts';

interface Props {
  note: string;
  suggestions: SuggestCodesResponse | null;
  active: string | null;
  onPick: (code: string | null) => void;
}

export function NoteWithEvidence({ note, suggestions, active, onPick }: Props) {
  const runs = useMemo(() => {
    const marks: EvidenceMark[] = [];
    // the spans point into the note the server read: highlight only while it is the note shown
    if (suggestions && suggestions.note === note) {
      for (const s of suggestions.suggestions)
        for (const x of s.spans) marks.push({ ...x, key: s.code, kind: 'suggested', label: `${s.code} ${s.title}` });
      for (const p of suggestions.procedures)
        for (const x of p.spans) marks.push({ ...x, key: p.code, kind: 'suggested', label: `${p.code} ${p.title}` });
      for (const n of suggestions.notCoded)
        for (const x of n.spans) marks.push({ ...x, key: n.text, kind: 'not-coded', label: `${n.why}: not coded` });
    }
    return noteRuns(note, marks);
  }, [note, suggestions]);

  if (!note) return <span className="muted">No note on this encounter.</span>;
  return (
    <>
      {runs.map((r) => {
        if (!r.marks.length) return <span key={r.start}>{r.text}</span>;
        const suggested = r.marks.filter((m) => m.kind === 'suggested');
        const codes = [...new Set(suggested.map((m) => m.key))];
        const isActive = active !== null && codes.includes(active);
        const labels = [...new Set(r.marks.map((m) => m.label))].join('\n');
        return (
          <mark
            key={r.start}
            className={`evidence${suggested.length ? '' : ' not-coded'}${isActive ? ' active' : ''}`}
            title={labels}
            data-codes={codes.join(' ')}
            onMouseEnter={() => codes.length && onPick(codes[0])}
          >
            {r.text}
          </mark>
        );
      })}
    </>
  );
}
