/**
 * The note cut into runs of text, each with the suggestions whose evidence covers it, so the note can be shown with
 * every supporting word highlighted (overlapping spans included) and the active suggestion's words set apart.
 */

export interface EvidenceMark {
  start: number;
  end: number;
  /** the suggested code, or the finding's text for what was read but not coded */
  key: string;
  kind: 'suggested' | 'not-coded';
  /** said on hover: "E11.22 Type 2 diabetes …" or "negated: not coded" */
  label: string;
}

export interface NoteRun {
  text: string;
  start: number;
  marks: EvidenceMark[];
}

/** Runs covering the whole note in order; spans outside the note or empty are ignored. */
export function noteRuns(note: string, marks: EvidenceMark[]): NoteRun[] {
  const inside = marks.filter((m) => m.start >= 0 && m.end <= note.length && m.start < m.end);
  const cuts = new Set([0, note.length]);
  for (const m of inside) {
    cuts.add(m.start);
    cuts.add(m.end);
  }
  const points = [...cuts].sort((a, b) => a - b);
  const runs: NoteRun[] = [];
  for (let i = 0; i < points.length - 1; i++) {
    const [start, end] = [points[i], points[i + 1]];
    runs.push({ text: note.slice(start, end), start, marks: inside.filter((m) => m.start <= start && m.end >= end) });
  }
  return runs;
}
