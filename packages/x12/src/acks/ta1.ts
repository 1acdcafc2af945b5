import type { ValidateFileResult } from '../guides/validate.ts';
import { interchangeSegments } from '../syntax/envelope.ts';
import { tokenize } from '../syntax/tokenizer.ts';
import { DEFAULT_DELIMITERS, type Segment, type X12Issue } from '../syntax/types.ts';
import { writeSegments } from '../syntax/writer.ts';
import { TA105_BY_CODE, TA105_BY_ISA_ELEMENT } from './ack-codes.ts';
import { copyValue } from './ack-from-validation.ts';
import type { Ta1 } from './ack-types.ts';
import { copyParty, type AckEnvelopeOptions } from './build-999.ts';

function noteCode(issue: X12Issue): string | undefined {
  if (issue.code === 'ISA_FIELD_INVALID') return TA105_BY_ISA_ELEMENT[issue.location.element ?? 0] ?? '022';
  return TA105_BY_CODE[issue.code];
}

/** TA1 for each interchange of a validated file, from its envelope-level issues (ISA/IEA). */
export function ta1FromValidation(result: ValidateFileResult): Ta1[] {
  return result.interchanges.map((ic, i) => {
    const start = ic.isa.loc?.index ?? 0;
    const end = result.interchanges[i + 1]?.isa.loc?.index ?? Infinity;
    const issues = result.issues.filter((x) => {
      const at = x.location.segmentIndex;
      return at === undefined ? result.interchanges.length === 1 : at >= start && at < end;
    });
    const noted = issues
      .map((x) => ({ x, code: noteCode(x) }))
      .filter((n): n is { x: X12Issue; code: string } => n.code !== undefined);
    const firstError = noted.find((n) => n.x.severity === 'error');
    const status: Ta1['status'] = firstError ? 'R' : noted.length > 0 ? 'E' : 'A';
    const isa = ic.isa.elements;
    const copy = (v: string | undefined) => copyValue(v ?? '');
    return {
      controlNumber: copy(isa[12]),
      date: copy(isa[8]),
      time: copy(isa[9]),
      status,
      noteCode: (firstError ?? noted[0])?.code ?? '000',
    };
  });
}

export function ta1Segment(t: Ta1): Segment {
  return { id: 'TA1', elements: [t.controlNumber, t.date, t.time, t.status, t.noteCode] };
}

/** An interchange holding only TA1 segments (IEA01 = 0 groups). */
export function writeTa1(ta1s: readonly Ta1[], opts: AckEnvelopeOptions): string {
  const delims = opts.delimiters ?? DEFAULT_DELIMITERS;
  const segs = interchangeSegments(
    {
      sender: opts.sender ?? 'MEDBILL',
      receiver: opts.receiver ?? 'SENDER',
      controlNumber: opts.controlNumber,
      date: opts.date,
      time: opts.time,
      usage: opts.usage ?? 'P',
      groups: [],
    },
    delims,
  );
  const iea = segs.pop()!;
  return writeSegments([...segs, ...ta1s.map(ta1Segment), iea], delims, { lineBreak: opts.lineBreak });
}

/** Build the TA1 interchange for a validated file; null when no ISA could be read. */
export function buildTa1(result: ValidateFileResult, opts: AckEnvelopeOptions): string | null {
  const ta1s = ta1FromValidation(result);
  if (ta1s.length === 0) return null;
  const isa = result.interchanges[0].isa.elements;
  return writeTa1(ta1s, {
    ...opts,
    sender: opts.sender ?? copyParty(isa[6], isa[7], 'MEDBILL'),
    receiver: opts.receiver ?? copyParty(isa[4], isa[5], 'SENDER'),
    usage: opts.usage ?? (isa[14] === 'T' ? 'T' : 'P'),
  });
}

/** Read every TA1 segment of an X12 text. */
export function readTa1(text: string, opts: { file?: string } = {}): { ta1s: Ta1[]; issues: X12Issue[] } {
  const tok = tokenize(text, opts);
  const ta1s = tok.segments
    .filter((s) => s.id === 'TA1')
    .map((s) => ({
      controlNumber: s.elements[0] ?? '',
      date: s.elements[1] ?? '',
      time: s.elements[2] ?? '',
      status: (s.elements[3] ?? 'R') as Ta1['status'],
      noteCode: s.elements[4] ?? '',
    }));
  return { ta1s, issues: tok.issues };
}
