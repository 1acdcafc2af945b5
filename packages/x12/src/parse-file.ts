/** Whole-file entry point: tokenize, check envelopes, and read every transaction with its registered reader. */
import type { Delimiters, Segment, X12Issue } from './syntax/types.ts';
import { tokenize } from './syntax/tokenizer.ts';
import { readEnvelopes, type InterchangeEnvelope } from './syntax/envelope.ts';
import { segmentLocation } from './syntax/issues.ts';
import { transactionReaders } from './transactions/registry.ts';

export interface ParsedTransaction {
  st01: string;
  controlNumber: string;
  /** ST03, else the group's GS08 */
  version: string;
  /** what the registered reader returned; null when no reader is registered */
  value: unknown;
  /** 1-based index of the ST segment in the file */
  segmentIndex?: number;
}

export interface ParsedX12File {
  delimiters: Delimiters | null;
  interchanges: InterchangeEnvelope[];
  transactions: ParsedTransaction[];
  /** syntax, envelope and transaction issues, in that order */
  issues: X12Issue[];
}

export const PARSE_CODES = {
  transactionUnsupported: 'TRANSACTION_UNSUPPORTED',
  readerFailed: 'READER_FAILED',
} as const;

/** Parse a whole X12 file. Never throws on bad input; everything wrong is in `issues`. */
export function parseX12File(text: string, opts: { file?: string } = {}): ParsedX12File {
  const tokens = tokenize(text, opts);
  const env = readEnvelopes(tokens.segments, opts);
  const issues: X12Issue[] = [...tokens.issues, ...env.issues];
  const transactions: ParsedTransaction[] = [];
  for (const ic of env.interchanges) {
    const delimiters = interchangeDelimiters(tokens.delimiters, ic);
    for (const group of ic.groups) {
      for (const tx of group.transactions) {
        const reader = readerFor(tx.st01, tx.version);
        const parsed: ParsedTransaction = {
          st01: tx.st01,
          controlNumber: tx.controlNumber,
          version: tx.version,
          value: null,
        };
        if (tx.st.loc) parsed.segmentIndex = tx.st.loc.index;
        transactions.push(parsed);
        if (!reader) {
          issues.push({
            code: PARSE_CODES.transactionUnsupported,
            layer: 'syntax',
            severity: 'warning',
            message: `no reader for transaction set ${JSON.stringify(tx.st01)} (version ${JSON.stringify(tx.version)})`,
            location: segmentLocation(tx.st, opts.file, 1),
          });
          continue;
        }
        try {
          const ctx = {
            ...(opts.file !== undefined ? { file: opts.file } : {}),
            ...(delimiters ? { delimiters } : {}),
          };
          const r = reader(tx.segments, ctx);
          parsed.value = r.value;
          for (const i of r.issues) issues.push(positioned(i, tx.st, opts.file));
        } catch (e) {
          // a reader bug must not crash the caller: report it where the transaction starts
          issues.push({
            code: PARSE_CODES.readerFailed,
            layer: 'syntax',
            severity: 'error',
            message: `the ${tx.st01} reader failed: ${e instanceof Error ? e.message : String(e)}`,
            location: segmentLocation(tx.st, opts.file),
          });
        }
      }
    }
  }
  return { delimiters: tokens.delimiters, interchanges: env.interchanges, transactions, issues };
}

/**
 * Separators of one interchange: a later ISA may declare its own component (ISA16) and repetition
 * (ISA11) separators, which are what transaction readers need (elements are already split).
 */
function interchangeDelimiters(first: Delimiters | null, ic: InterchangeEnvelope): Delimiters | null {
  if (!first) return null;
  const comp = ic.isa.elements[15] ?? '';
  const rep = ic.isa.elements[10] ?? '';
  if (comp.length !== 1) return first;
  const repetition = rep.length === 1 && !/[A-Za-z0-9 ]/.test(rep) && rep !== comp ? rep : '';
  return { ...first, component: comp, repetition };
}

/** Every issue gets a position: one a reader left unplaced points at its transaction's ST. */
function positioned(issue: X12Issue, st: Segment, file?: string): X12Issue {
  const l = issue.location;
  if (l.offset !== undefined || l.segmentIndex !== undefined) {
    return file !== undefined && l.file === undefined ? { ...issue, location: { ...l, file } } : issue;
  }
  return { ...issue, location: { ...segmentLocation(st, file), ...l } };
}

/** Which transaction sets each implementation guide (GS08/ST03 'X221' etc.) is for. */
const GUIDE_TRANSACTIONS: Record<string, string[]> = {
  X221: ['835'],
  X222: ['837'],
  X223: ['837'],
  X224: ['837'],
  X279: ['270', '271'],
  X212: ['276', '277'],
  X214: ['277'],
  X231: ['999'],
  X220: ['834'],
  X218: ['820'],
  X217: ['278'],
  X215: ['276', '277'],
};

/** The reader registered for the version (when the version fits ST01), else for ST01. */
function readerFor(st01: string, version: string) {
  const guide = /X\d{3}/.exec(version)?.[0];
  const fits = !guide || !GUIDE_TRANSACTIONS[guide] || GUIDE_TRANSACTIONS[guide].includes(st01);
  return (fits ? transactionReaders.get(version) : undefined) ?? transactionReaders.get(st01);
}

/** True when any issue is an error (warnings alone do not fail a file). */
export function hasErrors(issues: readonly X12Issue[]): boolean {
  return issues.some((i) => i.severity === 'error');
}
