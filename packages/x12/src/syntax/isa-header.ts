import type { Delimiters, IssueLocation, X12Issue } from './types.ts';
import { SYNTAX_CODES, syntaxIssue } from './issues.ts';

/** The fixed widths of ISA01..ISA16 (the ISA is 106 characters including its terminator). */
export const ISA_WIDTHS = [2, 10, 2, 10, 2, 15, 2, 15, 6, 4, 1, 5, 9, 1, 1, 1] as const;
export const ISA_LENGTH = 106;
/** How far we look for a non-fixed-width ISA before giving up. */
const ISA_MAX_SCAN = 512;

export type IsaHeaderResult =
  | { kind: 'ok'; delimiters: Delimiters; elements: string[]; end: number; issues: X12Issue[] }
  | { kind: 'need-more' }
  | { kind: 'bad'; issue: X12Issue };

function isAlnum(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}

/**
 * Read the ISA starting at `pos` of `buf`. `end` is the index just after the segment terminator.
 * The separators come from the ISA itself: element = 4th char, repetition = ISA11, component = ISA16,
 * terminator = the char after ISA16. Non-fixed-width ISAs are accepted with a warning.
 */
export function readIsaHeader(buf: string, pos: number, final: boolean, where: IssueLocation): IsaHeaderResult {
  if (buf.length - pos < 4) {
    if (!final) return { kind: 'need-more' };
    return { kind: 'bad', issue: syntaxIssue(SYNTAX_CODES.isaTruncated, 'input ends inside the ISA segment', where) };
  }
  const sepCode = buf.charCodeAt(pos + 3);
  if (isAlnum(sepCode) || sepCode === 32 || sepCode === 10 || sepCode === 13) {
    return {
      kind: 'bad',
      issue: syntaxIssue(
        SYNTAX_CODES.delimiterInvalid,
        'the ISA element separator (4th character) must not be a letter, digit or space',
        where,
        'error',
        { found: JSON.stringify(buf[pos + 3]) },
      ),
    };
  }
  const sep = buf[pos + 3];
  // Find the 16th element separator; ISA16 follows it, then the segment terminator.
  let at = pos + 3;
  for (let n = 1; n < 16; n++) {
    at = buf.indexOf(sep, at + 1);
    if (at < 0 || at - pos > ISA_MAX_SCAN) {
      if (!final && at < 0 && buf.length - pos < ISA_MAX_SCAN) return { kind: 'need-more' };
      return {
        kind: 'bad',
        issue: syntaxIssue(SYNTAX_CODES.isaTruncated, `the ISA has fewer than 16 elements (found ${n})`, where),
      };
    }
  }
  if (buf.length < at + 3) {
    if (!final) return { kind: 'need-more' };
    return {
      kind: 'bad',
      issue: syntaxIssue(SYNTAX_CODES.isaTruncated, 'input ends before ISA16 and the segment terminator', where),
    };
  }
  const elements = buf.slice(pos + 4, at + 2).split(sep);
  const component = buf[at + 1];
  const segment = buf[at + 2];
  const isa11 = elements[10];
  let repetition = isa11.length === 1 && !isAlnum(isa11.charCodeAt(0)) && isa11 !== ' ' ? isa11 : '';
  const issues: X12Issue[] = [];
  if (repetition && (repetition === sep || repetition === component || repetition === segment)) {
    // seen in the wild (ISA11 '^' with ISA16 '^'): translators read it as "no repetition separator"
    const other =
      repetition === component
        ? 'ISA16 (component separator)'
        : repetition === sep
          ? 'the element separator'
          : 'the segment terminator';
    issues.push(
      syntaxIssue(
        SYNTAX_CODES.delimiterConflict,
        `ISA11 repetition separator ${JSON.stringify(repetition)} is also ${other}; read without a repetition separator`,
        { ...where, segmentId: 'ISA', element: 11 },
        'warning',
        { found: repetition },
      ),
    );
    repetition = '';
  }
  const delimiters: Delimiters = { element: sep, component, repetition, segment };
  const problem = checkDelimiters(delimiters);
  if (problem) return { kind: 'bad', issue: syntaxIssue(SYNTAX_CODES.delimiterConflict, problem, where) };
  const length = at + 3 - pos;
  if (length !== ISA_LENGTH || elements.some((e, i) => e.length !== ISA_WIDTHS[i])) {
    issues.push(
      syntaxIssue(
        SYNTAX_CODES.isaNotFixedWidth,
        `the ISA is not fixed width (${length} characters, expected ${ISA_LENGTH})`,
        where,
        'warning',
      ),
    );
  }
  return { kind: 'ok', delimiters, elements, end: at + 3, issues };
}

/** Returns a message when separators collide or are unusable, else null. */
export function checkDelimiters(d: Delimiters): string | null {
  const named: [string, string][] = [
    ['element', d.element],
    ['component', d.component],
    ['segment', d.segment],
  ];
  if (d.repetition) named.push(['repetition', d.repetition]);
  for (const [name, ch] of named) {
    if (ch.length !== 1) return `the ${name} separator must be one character`;
    if (name !== 'segment' && isAlnum(ch.charCodeAt(0)))
      return `the ${name} separator ${JSON.stringify(ch)} is a letter or digit`;
  }
  if (isAlnum(d.segment.charCodeAt(0)))
    return `the segment terminator ${JSON.stringify(d.segment)} is a letter or digit`;
  for (let i = 0; i < named.length; i++) {
    for (let j = i + 1; j < named.length; j++) {
      if (named[i][1] === named[j][1])
        return `the ${named[i][0]} and ${named[j][0]} separators are both ${JSON.stringify(named[i][1])}`;
    }
  }
  return null;
}
