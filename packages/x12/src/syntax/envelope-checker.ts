import type { Segment, X12Issue } from './types.ts';
import { segmentLocation, syntaxIssue } from './issues.ts';

export const ENVELOPE_CODES = {
  ieaControlMismatch: 'IEA_CONTROL_MISMATCH',
  ieaCountMismatch: 'IEA_COUNT_MISMATCH',
  ieaMissing: 'IEA_MISSING',
  geControlMismatch: 'GE_CONTROL_MISMATCH',
  geCountMismatch: 'GE_COUNT_MISMATCH',
  geMissing: 'GE_MISSING',
  seControlMismatch: 'SE_CONTROL_MISMATCH',
  seCountMismatch: 'SE_COUNT_MISMATCH',
  seMissing: 'SE_MISSING',
  unexpectedSegment: 'ENVELOPE_UNEXPECTED_SEGMENT',
  segmentOutsideTransaction: 'SEGMENT_OUTSIDE_TRANSACTION',
  duplicateControlNumber: 'DUPLICATE_CONTROL_NUMBER',
  isaFieldInvalid: 'ISA_FIELD_INVALID',
} as const;

/** What a segment is to the envelope. */
export type EnvelopeRole = 'isa' | 'iea' | 'gs' | 'ge' | 'st' | 'se' | 'body' | 'ta1' | 'stray';

interface Open {
  seg: Segment;
  control: string;
  count: number;
}

/**
 * Incremental envelope checker: feed segments in order with `accept`, then call `end`.
 * Checks ISA13=IEA02, GS06=GE02, ST02=SE02, IEA01 (groups), GE01 (transactions), SE01 (segments),
 * and nesting. Used by `readEnvelopes` and by the streaming transaction readers.
 */
export class EnvelopeChecker {
  readonly issues: X12Issue[] = [];
  private isa: Open | null = null;
  private gs: Open | null = null;
  private st: Open | null = null;
  private stControls = new Set<string>();
  private last: Segment | null = null;

  constructor(private readonly file?: string) {}

  private issue(
    code: string,
    seg: Segment,
    message: string,
    element?: number,
    expected?: string,
    found?: string,
  ): void {
    const extra: { expected?: string; found?: string } = {};
    if (expected !== undefined) extra.expected = expected;
    if (found !== undefined) extra.found = found;
    this.issues.push(syntaxIssue(code, message, segmentLocation(seg, this.file, element), 'error', extra));
  }

  accept(seg: Segment): EnvelopeRole {
    this.last = seg;
    switch (seg.id) {
      case 'ISA':
        return this.openIsa(seg);
      case 'GS':
        return this.openGs(seg);
      case 'ST':
        return this.openSt(seg);
      case 'SE':
        return this.closeSe(seg);
      case 'GE':
        return this.closeGe(seg);
      case 'IEA':
        return this.closeIea(seg);
      default:
        if (this.st) {
          this.st.count++;
          return 'body';
        }
        if (seg.id === 'TA1' && this.isa && !this.gs) return 'ta1'; // TA1 sits directly in the interchange
        this.issue(ENVELOPE_CODES.segmentOutsideTransaction, seg, `${seg.id} is outside any ST/SE transaction`);
        return 'stray';
    }
  }

  /** Input finished: report envelopes left open. */
  end(): void {
    const at = this.last ?? { id: '', elements: [] };
    if (this.st)
      this.issue(
        ENVELOPE_CODES.seMissing,
        at,
        `transaction ${this.st.control} (ST at segment ${this.st.seg.loc?.index ?? '?'}) has no SE`,
      );
    if (this.gs)
      this.issue(
        ENVELOPE_CODES.geMissing,
        at,
        `group ${this.gs.control} (GS at segment ${this.gs.seg.loc?.index ?? '?'}) has no GE`,
      );
    if (this.isa)
      this.issue(
        ENVELOPE_CODES.ieaMissing,
        at,
        `interchange ${this.isa.control} (ISA at segment ${this.isa.seg.loc?.index ?? '?'}) has no IEA`,
      );
    this.st = this.gs = this.isa = null;
  }

  private openIsa(seg: Segment): EnvelopeRole {
    if (this.isa) this.end();
    const control = seg.elements[12] ?? '';
    if (!/^\d{9}$/.test(control))
      this.issue(ENVELOPE_CODES.isaFieldInvalid, seg, 'ISA13 must be 9 digits', 13, '9 digits', control);
    const usage = seg.elements[14] ?? '';
    if (usage !== 'P' && usage !== 'T')
      this.issue(ENVELOPE_CODES.isaFieldInvalid, seg, 'ISA15 must be P (production) or T (test)', 15, 'P|T', usage);
    this.isa = { seg, control, count: 0 };
    return 'isa';
  }

  private openGs(seg: Segment): EnvelopeRole {
    if (this.st) this.closeMissing('st', seg);
    if (this.gs) this.closeMissing('gs', seg);
    if (!this.isa) this.issue(ENVELOPE_CODES.unexpectedSegment, seg, 'GS outside an ISA/IEA interchange');
    else this.isa.count++;
    this.gs = { seg, control: seg.elements[5] ?? '', count: 0 };
    this.stControls.clear();
    return 'gs';
  }

  private openSt(seg: Segment): EnvelopeRole {
    if (this.st) this.closeMissing('st', seg);
    if (!this.gs) this.issue(ENVELOPE_CODES.unexpectedSegment, seg, 'ST outside a GS/GE group');
    else this.gs.count++;
    const control = seg.elements[1] ?? '';
    if (this.stControls.has(control))
      this.issue(ENVELOPE_CODES.duplicateControlNumber, seg, `ST02 ${control} repeats within the group`, 2);
    this.stControls.add(control);
    this.st = { seg, control, count: 1 };
    return 'st';
  }

  private closeSe(seg: Segment): EnvelopeRole {
    if (!this.st) {
      this.issue(ENVELOPE_CODES.unexpectedSegment, seg, 'SE without an ST');
      return 'stray';
    }
    const st = this.st;
    st.count++;
    this.matchControl(ENVELOPE_CODES.seControlMismatch, seg, 2, st.control, 'ST02');
    this.matchCount(ENVELOPE_CODES.seCountMismatch, seg, 1, st.count, 'segments from ST to SE');
    this.st = null;
    return 'se';
  }

  private closeGe(seg: Segment): EnvelopeRole {
    if (this.st) this.closeMissing('st', seg);
    if (!this.gs) {
      this.issue(ENVELOPE_CODES.unexpectedSegment, seg, 'GE without a GS');
      return 'stray';
    }
    this.matchControl(ENVELOPE_CODES.geControlMismatch, seg, 2, this.gs.control, 'GS06');
    this.matchCount(ENVELOPE_CODES.geCountMismatch, seg, 1, this.gs.count, 'transactions (ST) in the group');
    this.gs = null;
    return 'ge';
  }

  private closeIea(seg: Segment): EnvelopeRole {
    if (this.st) this.closeMissing('st', seg);
    if (this.gs) this.closeMissing('gs', seg);
    if (!this.isa) {
      this.issue(ENVELOPE_CODES.unexpectedSegment, seg, 'IEA without an ISA');
      return 'stray';
    }
    this.matchControl(ENVELOPE_CODES.ieaControlMismatch, seg, 2, this.isa.control, 'ISA13');
    this.matchCount(
      ENVELOPE_CODES.ieaCountMismatch,
      seg,
      1,
      this.isa.count,
      'functional groups (GS) in the interchange',
    );
    this.isa = null;
    return 'iea';
  }

  private closeMissing(level: 'st' | 'gs', at: Segment): void {
    const open = level === 'st' ? this.st : this.gs;
    if (!open) return;
    const [code, closer] = level === 'st' ? [ENVELOPE_CODES.seMissing, 'SE'] : [ENVELOPE_CODES.geMissing, 'GE'];
    this.issue(
      code,
      at,
      `${at.id} found before the ${closer} closing ${level.toUpperCase()} ${open.control} (segment ${open.seg.loc?.index ?? '?'})`,
    );
    if (level === 'st') this.st = null;
    else this.gs = null;
  }

  private matchControl(code: string, seg: Segment, n: number, expected: string, name: string): void {
    const found = seg.elements[n - 1] ?? '';
    if (found !== expected) {
      this.issue(
        code,
        seg,
        `${seg.id}0${n} ${JSON.stringify(found)} does not match ${name} ${JSON.stringify(expected)}`,
        n,
        expected,
        found,
      );
    }
  }

  private matchCount(code: string, seg: Segment, n: number, actual: number, what: string): void {
    const found = seg.elements[n - 1] ?? '';
    if (!/^\d+$/.test(found) || Number(found) !== actual) {
      this.issue(
        code,
        seg,
        `${seg.id}0${n} says ${JSON.stringify(found)} but there are ${actual} ${what}`,
        n,
        String(actual),
        found,
      );
    }
  }
}
